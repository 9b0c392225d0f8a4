#!/usr/bin/env bash
# Applies the D1 migrations and seeds the demo sites into local storage.
#   scripts/local-db.sh [PERSIST_DIR]   (default: wrangler's own .wrangler/state)
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
persist=()
[ $# -gt 0 ] && persist=(--persist-to "$1")
node_modules/.bin/wrangler d1 migrations apply DB --local "${persist[@]}"
node scripts/seed.mjs "${persist[@]}"
