#!/usr/bin/env bash
# The one entry point: ./build.sh setup | build | serve | test | bench
# Idempotent: each step installs only what is missing, so a fresh Debian machine (root, package
# registries only) and a warm developer machine run the same commands.
set -euo pipefail
cd "$(dirname "$0")"
ROOT=$(pwd)
export PATH="$HOME/.cargo/bin:$ROOT/node_modules/.bin:$PATH"
PORT=${PORT:-8080}
# wasm-opt's level for both modules (see the wasm profile in Cargo.toml for the trade).
WASM_OPT=${WASM_OPT:--O3}

log() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }

# The wasm-bindgen version pinned in Cargo.lock; the CLI must match it exactly.
wasm_bindgen_version() {
  awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3; exit }' Cargo.lock
}

setup_rust() {
  if ! rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown; then
    log "adding the wasm32-unknown-unknown target"
    rustup target add wasm32-unknown-unknown
  fi
  [ -f Cargo.lock ] || cargo generate-lockfile
  local want; want=$(wasm_bindgen_version)
  if [ "$(wasm-bindgen --version 2>/dev/null | awk '{print $2}')" != "$want" ]; then
    # --locked fails against this registry (a locked dependency is missing); without it works.
    log "installing wasm-bindgen-cli $want (about 5 minutes, once)"
    cargo install wasm-bindgen-cli --version "$want" --force
  fi
}

setup_browser() {
  if [ ! -x /usr/bin/chromium ] || [ ! -x /usr/bin/chromedriver ]; then
    log "installing Debian's chromium and chromium-driver"
    local sudo=""; [ "$(id -u)" = 0 ] || sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq chromium chromium-driver >/dev/null
  fi
}

setup_node() {
  if [ ! -x node_modules/.bin/wasm-opt ] || [ ! -d node_modules/playwright-core ] || [ ! -d node_modules/axe-core ]; then
    log "installing the pinned dev tools from npm (binaryen, playwright-core)"
    # Never let an npm package download a browser: Debian's chromium is used.
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund
  fi
}

setup() { setup_rust; setup_node; }

build_native() {
  log "building the native CLI (release)"
  cargo build --release --bin article-analyzer
}

# One wasm build: `wasm_module <out dir> <cargo feature args...>`; prints its size.
wasm_module() {
  local out=$1; shift
  cargo build --lib --target wasm32-unknown-unknown --profile wasm --no-default-features "$@"
  rm -rf "www/$out"
  wasm-bindgen --target web --no-typescript --out-dir "www/$out" \
    "${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/wasm/article_analyzer.wasm"
  # The generated glue cites MDN in a comment; the page names no address off its own origin,
  # so comment lines that are only a web address go (comments: nothing else changes).
  sed -i -E '/^[[:space:]]*\/\/ https?:\/\/[^[:space:]]*$/d' "www/$out/article_analyzer.js"
  # npm binaryen, not Debian's wasm-opt 108, which emits modules that fail to load.
  # The producers and target-features sections are metadata no browser reads.
  wasm-opt $WASM_OPT --enable-bulk-memory --enable-nontrapping-float-to-int --enable-sign-ext \
    --enable-mutable-globals --strip-producers --strip-target-features \
    "www/$out/article_analyzer_bg.wasm" -o "www/$out/article_analyzer_bg.wasm"
  local raw gz
  raw=$(stat -c %s "www/$out/article_analyzer_bg.wasm")
  gz=$(gzip -9 -c "www/$out/article_analyzer_bg.wasm" | wc -c)
  log "wasm $out: $((raw / 1024)) KB, $((gz / 1024)) KB gzipped"
}

# Three modules: pkg/ (the core, which every visitor loads), pkg-html/ (the same plus HTML mode,
# which a worker loads only when an HTML document arrives) and pkg-cluster/ (the core plus the
# clustering worker's methods, which one worker loads for a corpus of more than 200 documents).
build_wasm() {
  log "building the wasm modules (core, HTML, clustering)"
  wasm_module pkg
  wasm_module pkg-html --features html
  wasm_module pkg-cluster --features corpus-clustering
}

build() { setup; build_native; build_wasm; }

serve() {
  build
  log "serving www/ at http://127.0.0.1:$PORT/ (Ctrl-C stops)"
  exec node tests/e2e/server.mjs --root www --port "$PORT"
}

test_native() {
  log "formatting: cargo fmt --check"
  cargo fmt --version >/dev/null 2>&1 || rustup component add rustfmt
  cargo fmt --check
  log "native tests: cargo test"
  cargo test
}

test_wasm() {
  log "wasm tests in headless Chromium (the core module, the HTML one, the clustering one)"
  for features in "" "--features=html" "--features=corpus-clustering"; do
    CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
    WASM_BINDGEN_TEST_TIMEOUT=120 \
      cargo test --target wasm32-unknown-unknown --no-default-features $features --test wasm
  done
}

test_e2e() {
  log "end-to-end tests: node --test tests/e2e/ (playwright-core + /usr/bin/chromium)"
  mkdir -p test-results
  node --test --test-concurrency=1 tests/e2e/
}

test_all() {
  setup; setup_browser
  build
  test_native
  test_wasm
  test_e2e
  log "all tests passed"
}

bench() {
  setup
  log "native benchmarks (release)"
  local benches
  benches=$(awk -F'"' '/^\[\[bench\]\]/ { getline; print $2 }' Cargo.toml)
  for b in $benches; do cargo bench --bench "$b"; done
  if [ -f tests/e2e/bench.mjs ]; then
    setup_browser; build_wasm
    log "in-page benchmark (headless Chromium)"
    node tests/e2e/bench.mjs
  fi
}

case "${1:-}" in
  setup) setup; setup_browser ;;
  build) build ;;
  serve) serve ;;
  test) test_all ;;
  bench) bench ;;
  *) echo "usage: ./build.sh setup|build|serve|test|bench" >&2; exit 2 ;;
esac
