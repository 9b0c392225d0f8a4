#!/usr/bin/env bash
# The renderer's benchmarks (BENCHMARKS.md): speed against maud, then sizes in the wasm.
#   scripts/bench.sh           both
#   scripts/bench.sh --speed   only the timings;  scripts/bench.sh --size   only the sizes
#   scripts/bench.sh --load    the worker under wrk: a published page against a static file
#   scripts/bench.sh --constructor   the constructor in Chromium: pages of 50 to 1,000 blocks
#   scripts/bench.sh --import        bulk import: 10,000 rows through the import endpoint
#   scripts/bench.sh --scale         100, 10,000 and 100,000 sites in local storage: host look-up,
#                                    page render and publish, as ratios against 100 (~5 minutes)
#   scripts/bench.sh --lighthouse    Lighthouse scores of the four demo home pages (mobile, desktop),
#                                    written into BENCHMARKS.md
#   scripts/bench.sh --smoke         every bench above and the screenshots once, in its smoke mode (one
#                                    short round, tiny sizes, no figure asserted, nothing written into
#                                    BENCHMARKS.md or docs/): fails when a bench no longer builds or no
#                                    longer agrees with the product. scripts/test.sh runs it against its
#                                    worker (CIVIC_BASE_URL); without that it starts one of its own.
# Needs what scripts/setup.sh installs (wasm32 target, wasm-bindgen, npm's wasm-opt) for sizes.
set -euo pipefail
cd "$(dirname "$0")/.."
export PATH="$HOME/.cargo/bin:$PATH"

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
gz() { gzip -9 -c "$1" | wc -c; }
kb() { awk -v b="$1" 'BEGIN { printf "%.1f", b / 1024 }'; }

speed() {
  step "Speed, the workspace's release profile (opt-level z: what the wasm builds ship)"
  cargo bench -p civic-renderer --bench render
  step "Speed, opt-level 3 (how a native server would build the renderer)"
  CARGO_PROFILE_BENCH_OPT_LEVEL=3 cargo bench -p civic-renderer --bench render
}

size() {
  step "The renderer's share of the wasm (two probes, same pipeline as the constructor)"
  cargo build -p civic-renderer --target wasm32-unknown-unknown --release \
    --example wasm_size_with_renderer --example wasm_size_without_renderer
  local out=target/wasm-size name with without
  mkdir -p "$out"
  for name in wasm_size_with_renderer wasm_size_without_renderer; do
    wasm-bindgen --target web --no-typescript --out-dir "$out" \
      "target/wasm32-unknown-unknown/release/examples/$name.wasm"
    node_modules/.bin/wasm-opt -Oz "$out/${name}_bg.wasm" -o "$out/${name}_bg.wasm"
  done
  with=$(gz "$out/wasm_size_with_renderer_bg.wasm")
  without=$(gz "$out/wasm_size_without_renderer_bg.wasm")
  printf '%-44s %9s %9s\n' "wasm (wasm-opt -Oz)" "raw KB" "gzip KB"
  printf '%-44s %9s %9s\n' "probe: parse document + collections" \
    "$(kb "$(wc -c < "$out/wasm_size_without_renderer_bg.wasm")")" "$(kb "$without")"
  printf '%-44s %9s %9s\n' "probe: the same + every renderer output" \
    "$(kb "$(wc -c < "$out/wasm_size_with_renderer_bg.wasm")")" "$(kb "$with")"
  printf '%-44s %9s %9s\n' "renderer's share (difference)" "" "$(kb $((with - without)))"
  local file
  for file in edge/build/index_bg.wasm www/admin/pkg/civic_constructor_bg.wasm; do
    if [ -f "$file" ]; then
      printf '%-44s %9s %9s\n' "$file" "$(kb "$(wc -c < "$file")")" "$(kb "$(gz "$file")")"
    else
      printf '%-44s (not built: run scripts/setup.sh)\n' "$file"
    fi
  done
}

# One wrk run (127.0.0.1 only) of $2 (default 5s); prints requests per second, fails on any error.
wrk_rate() {
  local report
  report=$(wrk -t2 -c16 -d"${2:-5s}" --latency "$1")
  printf '%s\n' "$report" >&2
  if grep -qE 'Non-2xx|Socket errors' <<<"$report"; then
    echo "errors in the run against $1" >&2
    return 1
  fi
  awk '/^Requests\/sec:/ { print $2 }' <<<"$report"
}

load() {
  command -v wrk >/dev/null || apt-get install -y wrk
  scripts/setup.sh
  start_worker
  load_runs "http://127.0.0.1:$port" 5s
  stop_worker
}

# The load comparison against the worker at $1, each wrk run lasting $2.
load_runs() {
  local base=$1 duration=$2 page static ratio
  step "Load: a published page (rendered once, then from the KV cache) against a static file, same worker"
  curl -fso /dev/null "$base/s/mincifra/"
  # Interleaved halves (static, page, static, page), so a machine that gets busier or quieter
  # during the run weighs on both sides alike.
  local s1 p1 s2 p2
  s1=$(wrk_rate "$base/admin/admin.css" "$duration")
  p1=$(wrk_rate "$base/s/mincifra/" "$duration")
  s2=$(wrk_rate "$base/admin/admin.css" "$duration")
  p2=$(wrk_rate "$base/s/mincifra/" "$duration")
  static=$(awk -v a="$s1" -v b="$s2" 'BEGIN { printf "%.1f", (a + b) / 2 }')
  page=$(awk -v a="$p1" -v b="$p2" 'BEGIN { printf "%.1f", (a + b) / 2 }')
  ratio=$(awk -v p="$page" -v s="$static" 'BEGIN { printf "%.2f", p / s }')
  printf '%-36s %10s req/s\n' "static file /admin/admin.css" "$static" "published page /s/mincifra/" "$page"
  printf '%-36s %10s (goal: at least 0.80)\n' "page / static" "$ratio"
}

# Starts the worker with fresh demo storage on 127.0.0.1 (sets $port, $state and $pid; the
# caller stops it with stop_worker, and so does the exit trap when a bench fails); fails when it
# does not answer within a minute.
start_worker() {
  port=${CIVIC_BENCH_PORT:-8796}
  state=$(mktemp -d /tmp/civic-bench.XXXXXX)
  scripts/local-db.sh "$state/persist" >/dev/null
  setsid node_modules/.bin/wrangler dev --local --ip 127.0.0.1 --port "$port" --persist-to "$state/persist" \
    > "$state/wrangler.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 120); do curl -fso /dev/null "http://127.0.0.1:$port/s/mincifra/" && return; sleep 0.5; done
  echo "the worker did not start on port $port" >&2
  tail -n 40 "$state/wrangler.log" >&2
  return 1
}

stop_worker() {
  # wrangler runs workerd as a child: stop the whole process group.
  if [ -n "${pid:-}" ]; then
    kill -- "-$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  [ -n "${state:-}" ] && rm -rf "$state"
  pid='' state=''
}
trap stop_worker EXIT

constructor() {
  scripts/setup.sh --browser
  start_worker
  step "The constructor in Chromium: input → preview → paint on pages of 50 to 1,000 blocks"
  CIVIC_BASE_URL="http://127.0.0.1:$port" node tests/bench/constructor.mjs "${CIVIC_BENCH_ROUNDS:-30}"
  stop_worker
}

import_rows() {
  scripts/setup.sh
  start_worker
  step "Bulk import: 10,000 rows through the import endpoint, against single creates"
  CIVIC_BASE_URL="http://127.0.0.1:$port" node tests/bench/import.mjs "${CIVIC_IMPORT_ROWS:-10000}"
  stop_worker
}

lighthouse_scores() {
  scripts/setup.sh --browser
  start_worker
  step "Lighthouse: the four demo home pages, mobile and desktop presets, Debian's Chromium"
  # Lighthouse never downloads a browser here: it launches the one at CHROME_PATH.
  CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" CIVIC_BASE_URL="http://127.0.0.1:$port" \
    node tests/bench/lighthouse.mjs "${CIVIC_LIGHTHOUSE_RUNS:-3}"
  stop_worker
}

# The scale simulation (issue 11): generates the stores and runs the worker on each itself.
scale() {
  [ -f edge/build/index.js ] || scripts/setup.sh
  step "Scale: 100, 10,000 and 100,000 sites; host look-up, page render and publish (ratios against 100 sites)"
  node tests/bench/scale.mjs --port "${CIVIC_BENCH_PORT:-8796}"
}

# Every bench once in its smoke mode: tiny sizes, one short round, no figure asserted and nothing
# written into BENCHMARKS.md or docs/. The benches that need a worker use CIVIC_BASE_URL when it
# is set (scripts/test.sh's worker, its set-up done) and otherwise a worker of their own. They add
# sites (bench-50, bench-import-…) and leave the demo sites as they were; the scale simulation
# runs workers of its own on CIVIC_BENCH_SCALE_PORT (default 8798), starting from a copy of
# CIVIC_SEEDED_STORE (freshly seeded storage no worker has run on) when it is set.
smoke() {
  local base=${CIVIC_BASE_URL:-}
  if [ -z "$base" ]; then
    scripts/setup.sh --browser --load
    start_worker
    base="http://127.0.0.1:$port"
  fi
  # A bench that waits for something the product no longer does would hang: each Node bench
  # has a time limit.
  local started=$SECONDS limit=${CIVIC_SMOKE_LIMIT:-300} took=() t
  # `run <name> <title or ""> <command…>`: runs one bench, keeping its duration for the summary.
  run() {
    local name=$1 title=$2
    shift 2
    [ -n "$title" ] && step "Smoke: $title"
    t=$SECONDS
    "$@"
    took+=("$(printf '%-12s %4d s' "$name" $((SECONDS - t)))")
  }
  run renderer 'renderer speed (test profile: outputs compared byte for byte, one short round)' \
    cargo test -q -p civic-renderer --bench render -- --smoke
  # The sizes as measured (a release build of two small probes: half a minute); they are
  # deterministic, so nothing about them is short of the real run.
  run size '' size
  run load '' load_runs "$base" 1s
  run constructor 'the constructor in Chromium (50 blocks, one round)' \
    env CIVIC_BASE_URL="$base" timeout "$limit" node tests/bench/constructor.mjs --smoke
  run import 'bulk import (1,100 rows, 5 single creates)' \
    env CIVIC_BASE_URL="$base" timeout "$limit" node tests/bench/import.mjs --smoke
  run lighthouse 'Lighthouse (one site, both presets, one run; BENCHMARKS.md untouched)' \
    env CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}" CIVIC_BASE_URL="$base" timeout "$limit" node tests/bench/lighthouse.mjs --smoke
  run screenshots 'screenshots (one site, into a temporary directory)' \
    env CIVIC_BASE_URL="$base" timeout "$limit" node tests/bench/screenshots.mjs --smoke
  run scale 'scale (10 and 100 sites, one round, workers of its own)' \
    timeout "$limit" node tests/bench/scale.mjs --smoke --port "${CIVIC_BENCH_SCALE_PORT:-8798}" \
    ${CIVIC_SEEDED_STORE:+--seeded "$CIVIC_SEEDED_STORE"}
  stop_worker
  printf '\nEvery bench ran once in its smoke mode (%d s):\n' $((SECONDS - started))
  printf "  %s\n" "${took[@]}"
}

case "${1:-}" in
  --speed) speed ;;
  --size) size ;;
  --load) load ;;
  --constructor) constructor ;;
  --lighthouse) lighthouse_scores ;;
  --import) import_rows ;;
  --scale) scale ;;
  --smoke) smoke ;;
  *) speed; size; load; constructor; lighthouse_scores ;;
esac
