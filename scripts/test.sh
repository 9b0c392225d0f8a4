#!/usr/bin/env bash
# Sets everything up and runs every test: Rust unit and golden tests on the host, then the
# end-to-end suite (Node's test runner, real Chromium) against the real worker under
# `wrangler dev` with fresh local storage, then schemathesis against /api/v1 (last: it
# changes the data of one demo site).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --browser --fuzz
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

printf '\n\033[1m== cargo test --workspace\033[0m\n'
cargo test --workspace

port=${CIVIC_TEST_PORT:-8788}
state=$(mktemp -d /tmp/civic-test-state.XXXXXX)
log="$state/wrangler.log"
cleanup() {
  local status=$?
  # wrangler runs workerd as a child: stop the whole process group.
  [ -n "${worker_pid:-}" ] && kill -- "-$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
  # A failed run shows what the worker logged last (its errors explain most failures).
  if [ "$status" -ne 0 ] && [ -f "$log" ]; then
    printf '\n\033[1m== Last lines of the worker log\033[0m\n'
    tail -n 60 "$log"
  fi
  rm -rf "$state"
}
trap cleanup EXIT

printf '\n\033[1m== Local worker on 127.0.0.1:%s with fresh storage\033[0m\n' "$port"
scripts/local-db.sh "$state/persist"
setsid node_modules/.bin/wrangler dev --local --test-scheduled --ip 127.0.0.1 --port "$port" --persist-to "$state/persist" > "$log" 2>&1 &
worker_pid=$!
for _ in $(seq 1 120); do
  curl -fso /dev/null "http://127.0.0.1:$port/s/mincifra/" && break
  kill -0 "$worker_pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
curl -fso /dev/null "http://127.0.0.1:$port/s/mincifra/" || { echo "worker did not start"; cat "$log"; exit 1; }

printf '\n\033[1m== End-to-end tests (node --test, Chromium)\033[0m\n'
CIVIC_BASE_URL="http://127.0.0.1:$port" CIVIC_PERSIST_DIR="$state/persist" node --test --test-concurrency=1 tests/e2e/*.test.mjs

printf '\n\033[1m== schemathesis against /api/v1 (tests/api)\033[0m\n'
CIVIC_BASE_URL="http://127.0.0.1:$port" node tests/api/fuzz.mjs school7
