#!/usr/bin/env bash
# Installs whatever is missing and builds Civic. Safe to re-run: each step is skipped
# when its result is already there and up to date.
#   scripts/setup.sh            tools, npm packages, wasm builds, local database
#   scripts/setup.sh --browser  also Debian's Chromium, for the end-to-end tests
#   scripts/setup.sh --fuzz     also schemathesis (PyPI, in .venv), for the API fuzz run
#   scripts/setup.sh --load     also Debian's wrk, for the bounded load suite (tests/load)
set -euo pipefail
cd "$(dirname "$0")/.."
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }

# The version Cargo.lock pins for a crate, e.g. `locked_version wasm-bindgen`.
locked_version() {
  awk -v name="$1" '$0 == "name = \"" name "\"" { getline; gsub(/version = |"/, ""); print; exit }' Cargo.lock
}

install_tools() {
  step "Rust target wasm32-unknown-unknown"
  rustup target list --installed | grep -qx wasm32-unknown-unknown || rustup target add wasm32-unknown-unknown

  local bindgen worker
  bindgen=$(locked_version wasm-bindgen)
  step "wasm-bindgen-cli $bindgen (the version in Cargo.lock)"
  if [ "$(wasm-bindgen --version 2>/dev/null | cut -d' ' -f2)" != "$bindgen" ]; then
    # Not --locked: the registry lacks one locked dependency of the CLI.
    cargo install wasm-bindgen-cli --version "$bindgen" --force
  fi

  worker=$(locked_version worker)
  step "worker-build $worker (the version of the worker crate)"
  if [ "$(worker-build --version 2>/dev/null)" != "$worker" ]; then
    cargo install worker-build --version "$worker" --force
  fi

  # lighthouse brings no browser: it drives Debian's Chromium (CHROME_PATH, tests/bench/lighthouse.mjs).
  step "npm packages (wrangler, playwright-core, binaryen's wasm-opt, axe-core, lighthouse)"
  local stamp=node_modules/.civic-lock-sha
  local want
  want=$(sha256sum package-lock.json | cut -d' ' -f1)
  if [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
    npm ci --no-audit --no-fund
    echo "$want" > "$stamp"
  fi
}

install_browser() {
  step "Chromium (Debian)"
  if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium
  fi
}

install_wrk() {
  step "wrk (Debian)"
  if ! command -v wrk >/dev/null; then
    apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk
  fi
}

# The version is pinned: a new schemathesis brings new checks, which belong in a reviewed change.
SCHEMATHESIS_VERSION=4.32.5

install_schemathesis() {
  step "schemathesis $SCHEMATHESIS_VERSION (.venv)"
  if [ "$(.venv/bin/schemathesis --version 2>/dev/null | awk '{print $NF}')" != "$SCHEMATHESIS_VERSION" ]; then
    python3 -m venv .venv 2>/dev/null || {
      # Debian's python3 keeps venv in a package of its own.
      apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq python3-venv
      python3 -m venv .venv
    }
    .venv/bin/pip install --quiet --disable-pip-version-check "schemathesis==$SCHEMATHESIS_VERSION"
  fi
}

build_constructor() {
  step "Constructor (Yew → wasm32, wasm-bindgen, wasm-opt)"
  cargo build -p civic-constructor --target wasm32-unknown-unknown --release
  local wasm=target/wasm32-unknown-unknown/release/civic_constructor.wasm out=www/admin/pkg
  if [ ! -f "$out/civic_constructor_bg.wasm" ] || [ "$wasm" -nt "$out/civic_constructor_bg.wasm" ]; then
    wasm-bindgen --target web --no-typescript --out-dir "$out" "$wasm"
    # A second -Oz pass still finds work (about 1.5 KB brotli); a third gains almost nothing.
    node_modules/.bin/wasm-opt -Oz "$out/civic_constructor_bg.wasm" -o "$out/civic_constructor_bg.wasm"
    node_modules/.bin/wasm-opt -Oz "$out/civic_constructor_bg.wasm" -o "$out/civic_constructor_bg.wasm"
    # Lets Node import the ES module too (the native/wasm parity test).
    echo '{ "type": "module" }' > "$out/package.json"
  fi
}

build_worker() {
  local crate=$1 dir=$2
  step "Worker $dir/ (worker-build)"
  # cargo decides whether anything changed; worker-build (bindgen, wasm-opt, esbuild) only
  # runs when the compiled wasm is newer than the bundle. Each worker is built on its own:
  # built together, cargo would give the public worker the jobs worker's features.
  cargo build -p "$crate" --target wasm32-unknown-unknown --release
  if [ ! -f "$dir/build/index.js" ] || [ "target/wasm32-unknown-unknown/release/${crate//-/_}.wasm" -nt "$dir/build/index.js" ]; then
    (cd "$dir" && WASM_BINDGEN_BIN="$HOME/.cargo/bin/wasm-bindgen" \
      WASM_OPT_BIN="$PWD/../node_modules/.bin/wasm-opt" \
      ESBUILD_BIN="$PWD/../node_modules/.bin/esbuild" \
      worker-build --release)
  fi
}

# Two set-ups at once (say, a demo and a test run) would race on the same build outputs.
exec 9> "${TMPDIR:-/tmp}/civic-setup-$(pwd | sha256sum | cut -c1-12).lock"
flock 9

browser=0 fuzz=0 load=0
for arg in "$@"; do
  [ "$arg" = "--browser" ] && browser=1
  [ "$arg" = "--fuzz" ] && fuzz=1
  [ "$arg" = "--load" ] && load=1
done

install_tools
[ "$browser" = 1 ] && install_browser
[ "$fuzz" = 1 ] && install_schemathesis
[ "$load" = 1 ] && install_wrk
build_constructor
# The public worker, and the jobs worker its queue feeds.
build_worker civic-edge edge
build_worker civic-jobs jobs
step "Ready"
