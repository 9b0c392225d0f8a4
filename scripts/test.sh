#!/usr/bin/env bash
# Sets everything up and runs every test: Rust unit and golden tests on the host, clippy on the
# host and the wasm builds, then the end-to-end suite (Node's test runner, real Chromium) against
# the real worker under `wrangler dev` with fresh local storage, then the bounded load suite
# (wrk), then every bench once in its smoke mode (scripts/bench.sh --smoke), then schemathesis
# against /api/v1 (last: it changes the data of one demo site). Prints each stage's duration at
# the end, also when a stage fails.
set -euo pipefail
cd "$(dirname "$0")/.."

# Stage timings: `stage <name> <title>` ends the running stage and starts the next; the exit
# trap prints the table (a failed run marks the stage it stopped in, and lists no later one).
stage_names=() stage_seconds=() stage_name='' stage_start=0
stage_end() {
  [ -n "$stage_name" ] || return 0
  stage_names+=("$stage_name") stage_seconds+=($((SECONDS - stage_start)))
  stage_name=''
}
stage() {
  stage_end
  stage_name=$1 stage_start=$SECONDS
  printf '\n\033[1m== %s\033[0m\n' "$2"
}
durations() {
  local failed='' i
  [ "$1" -ne 0 ] && failed=$stage_name
  stage_end
  [ "${#stage_names[@]}" -gt 0 ] || return 0
  printf '\n\033[1m== Durations\033[0m\n'
  for i in "${!stage_names[@]}"; do
    printf '%-14s %4d:%02d%s\n' "${stage_names[$i]}" $((stage_seconds[i] / 60)) $((stage_seconds[i] % 60)) \
      "$([ "${stage_names[$i]}" = "$failed" ] && echo '  FAILED')"
  done
  printf '%-14s %4d:%02d\n' total $((SECONDS / 60)) $((SECONDS % 60))
}

cleanup() {
  local status=$?
  # wrangler runs workerd as a child: stop the whole process group.
  [ -n "${worker_pid:-}" ] && kill -- "-$worker_pid" 2>/dev/null && wait "$worker_pid" 2>/dev/null
  # A failed run shows what the worker logged last (its errors explain most failures).
  if [ "$status" -ne 0 ] && [ -f "${log:-}" ]; then
    printf '\n\033[1m== Last lines of the worker log\033[0m\n'
    tail -n 60 "$log"
  fi
  [ -n "${state:-}" ] && rm -rf "$state"
  durations "$status"
  exit "$status"
}
trap cleanup EXIT

stage setup 'scripts/setup.sh --browser --fuzz --load'
scripts/setup.sh --browser --fuzz --load
export WRANGLER_SEND_METRICS=false CLOUDFLARE_CF_FETCH_ENABLED=false

stage 'cargo test' 'cargo test --workspace'
cargo test --workspace

# Host code with every target (the benches and examples too, which `cargo test` does not build),
# then the wasm code of the worker and the constructor, which no host build compiles
# (cfg(target_arch = "wasm32")). The lints are the workspace's ([workspace.lints]) and clippy's.
stage clippy 'cargo clippy -D warnings: host (all targets), wasm32 (civic-edge, civic-constructor, civic-jobs)'
cargo clippy --workspace --all-targets -- -D warnings
cargo clippy -p civic-edge -p civic-constructor --target wasm32-unknown-unknown -- -D warnings
# The jobs worker on its own: built with the public worker, its features would hide what the
# public worker alone leaves unused.
cargo clippy -p civic-jobs --target wasm32-unknown-unknown -- -D warnings

port=${CIVIC_TEST_PORT:-8788}
state=$(mktemp -d /tmp/civic-test-state.XXXXXX)
log="$state/wrangler.log"

stage 'worker start' "Local worker on 127.0.0.1:$port with fresh storage"
scripts/local-db.sh "$state/persist"
# The scale simulation's smoke run starts from this copy instead of seeding its own.
cp -r "$state/persist" "$state/seeded"
# The public worker and the jobs worker (its queue is Miniflare's), sharing the same local storage.
setsid node_modules/.bin/wrangler dev -c wrangler.toml -c jobs/wrangler.toml --local --test-scheduled --ip 127.0.0.1 --port "$port" --persist-to "$state/persist" > "$log" 2>&1 &
worker_pid=$!
for _ in $(seq 1 120); do
  curl -fso /dev/null "http://127.0.0.1:$port/s/mincifra/" && break
  kill -0 "$worker_pid" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.5
done
curl -fso /dev/null "http://127.0.0.1:$port/s/mincifra/" || { echo "worker did not start"; cat "$log"; exit 1; }

stage e2e 'End-to-end tests (node --test, Chromium)'
CIVIC_BASE_URL="http://127.0.0.1:$port" CIVIC_PERSIST_DIR="$state/persist" node --test --test-concurrency=1 tests/e2e/*.test.mjs

stage load 'Bounded load (wrk, 127.0.0.1, 5 s a run; tests/load)'
CIVIC_BASE_URL="http://127.0.0.1:$port" CIVIC_PERSIST_DIR="$state/persist" CIVIC_WORKER_PID="$worker_pid" node --test --test-concurrency=1 tests/load/*.test.mjs

# Same worker, before schemathesis, which changes school7's data: the benches only add sites
# of their own (bench-50, bench-import-…) and read the demo sites, unfuzzed.
stage 'bench smoke' 'Every bench once in its smoke mode (scripts/bench.sh --smoke)'
CIVIC_BASE_URL="http://127.0.0.1:$port" CIVIC_SEEDED_STORE="$state/seeded" scripts/bench.sh --smoke

stage schemathesis 'schemathesis against /api/v1 (tests/api)'
CIVIC_BASE_URL="http://127.0.0.1:$port" node tests/api/fuzz.mjs school7
