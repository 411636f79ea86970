#!/usr/bin/env bash
# Browser test of the "Get a summary" page and widget, end to end:
#   1. installs what it needs when missing (Debian's chromium, playwright-core via npm ci),
#   2. builds skim exactly as the Dockerfile does,
#   3. starts `skim serve` on a free loopback port, allowing by CORS (SKIM_CORS_ORIGINS)
#      the origin of a second port, where the test serves article pages,
#   4. runs .ci/e2e/e2e.test.mjs with node's test runner in headless Chromium,
#   5. stops the server.
# Usage: bash .ci/e2e/run.sh      (from anywhere; CI runs it from .ci/run)
# Env:   SCREENSHOTS=dir  where the test writes widget.png and page.png (default .ci/e2e/screenshots)
#        CHROMIUM=path    browser binary (default /usr/bin/chromium)
#        SKIM_CORPUS=dir  shared data; when its seed/ is there, the seed article is tested too
set -euo pipefail
e2e="$(cd "$(dirname "$0")" && pwd)"
cd "$e2e/../.."  # the repository root

chromium_bin="${CHROMIUM:-/usr/bin/chromium}"
as_root() { if [ "$(id -u)" = 0 ]; then "$@"; else sudo "$@"; fi; }
apt_updated=
apt_install() {
  if [ -z "$apt_updated" ]; then as_root apt-get update -qq; apt_updated=1; fi
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

if [ ! -x "$chromium_bin" ]; then
  echo "== installing chromium (Debian package)"
  apt_install chromium
fi
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then
  echo "== installing nodejs and npm (Debian packages)"
  apt_install nodejs npm
fi

echo "== npm ci (playwright-core; it downloads no browser)"
(cd "$e2e" && npm ci --prefer-offline --no-audit --no-fund --loglevel=error)

tmp="$(mktemp -d)"
pid=
cleanup() {
  if [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null; then
    kill -TERM "$pid" 2>/dev/null || true
    wait "$pid" 2>/dev/null || true
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT

echo "== build skim as the Dockerfile does"
CGO_ENABLED=0 go build -trimpath -ldflags "-s -w" -o "$tmp/skim" ./cmd/skim

free_port() {
  node -e 'const s=require("net").createServer();s.listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})'
}

# Start the server; retry on other ports if one picked was taken meanwhile.
# The article port is only reserved by number here: the test listens on it.
url=
for attempt in 1 2 3; do
  port="$(free_port)"
  article_port="$(free_port)"
  [ "$article_port" != "$port" ] || continue
  SKIM_CORS_ORIGINS="http://127.0.0.1:$article_port" \
    "$tmp/skim" serve --addr "127.0.0.1:$port" >"$tmp/serve.log" 2>&1 &
  pid=$!
  for _ in $(seq 1 100); do
    if ! kill -0 "$pid" 2>/dev/null; then break; fi
    if "$tmp/skim" healthcheck --url "http://127.0.0.1:$port/healthz" >/dev/null 2>&1; then
      url="http://127.0.0.1:$port/"
      break 2
    fi
    sleep 0.1
  done
  echo "skim serve did not come up on port $port (attempt $attempt):" >&2
  cat "$tmp/serve.log" >&2
  kill "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  pid=
done
[ -n "$url" ] || { echo "e2e: could not start skim serve" >&2; exit 1; }
echo "== skim serve is up at $url"

echo "== node --test .ci/e2e/e2e.test.mjs (articles served from http://127.0.0.1:$article_port)"
status=0
SKIM_URL="$url" ARTICLE_PORT="$article_port" CHROMIUM="$chromium_bin" \
  SCREENSHOTS="${SCREENSHOTS:-$e2e/screenshots}" SEED_DIR="${SKIM_CORPUS:-$PWD/../shared/data}/seed" \
  timeout 600 node --test --test-concurrency=1 "$e2e/e2e.test.mjs" || status=$?
if [ "$status" != 0 ]; then
  echo "== e2e failed (exit $status); server log:" >&2
  tail -n 50 "$tmp/serve.log" >&2
fi
exit "$status"
