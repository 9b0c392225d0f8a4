#!/usr/bin/env bash
# The renderer's benchmarks (BENCHMARKS.md): speed against maud, then sizes in the wasm.
#   scripts/bench.sh           both
#   scripts/bench.sh --speed   only the timings;  scripts/bench.sh --size   only the sizes
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

case "${1:-}" in
  --speed) speed ;;
  --size) size ;;
  *) speed; size ;;
esac
