#!/usr/bin/env bash
# Build, test and demo rancher-haproxy. Usage: ./build.sh [publish|test|demo|clean]
#   publish (default)  restore and publish the Native AOT binary to out/rancher-haproxy
#   test               publish, check formatting, then run every test (end-to-end included)
#   demo               publish, then run the daemon with examples/metadata.json on localhost:8080
set -euo pipefail
cd "$(dirname "$0")"

OUT_DIR="$PWD/out"
PROJECT=src/RancherHaproxy/RancherHaproxy.csproj
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1 DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

rid() {
  local arch libc=""
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64) arch=arm64 ;;
    *) echo "build.sh: unsupported machine $(uname -m)" >&2; exit 1 ;;
  esac
  if [ -f /etc/alpine-release ]; then libc=musl-; fi
  echo "linux-${libc}${arch}"
}

publish() {
  # The same properties as Dockerfile.alpine: the csproj holds them all.
  dotnet publish "$PROJECT" -c Release -r "$(rid)" -o "$OUT_DIR" -nologo -v quiet
  rm -f "$OUT_DIR"/*.dbg
  echo "build.sh: published $OUT_DIR/rancher-haproxy ($(stat -c %s "$OUT_DIR/rancher-haproxy") bytes)"
}

ensure_haproxy() {
  if command -v haproxy >/dev/null 2>&1; then return; fi
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "build.sh: haproxy is missing; installing it with apt-get" >&2
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q haproxy
  elif [ "$(id -u)" = 0 ] && command -v apk >/dev/null 2>&1; then
    echo "build.sh: haproxy is missing; installing it with apk" >&2
    apk add --no-cache haproxy
  else
    echo "build.sh: haproxy is missing. Install it first, e.g.: sudo apt-get install -y haproxy" >&2
    exit 1
  fi
}

run_tests() {
  ensure_haproxy
  dotnet restore Aot.sln -nologo -v quiet
  dotnet format Aot.sln --verify-no-changes --no-restore
  publish
  local log
  log=$(mktemp)
  set +e
  RANCHER_HAPROXY_BINARY="$OUT_DIR/rancher-haproxy" dotnet test Aot.sln -c Release --no-restore -nologo \
    --logger "console;verbosity=normal" 2>&1 | tee "$log"
  local status=${PIPESTATUS[0]}
  set -e
  # One plain summary line for whoever reads only the end of the log.
  local failed passed skipped
  failed=$(grep -oE 'Failed: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  passed=$(grep -oE 'Passed: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  skipped=$(grep -oE 'Skipped: +[0-9]+' "$log" | tail -1 | grep -oE '[0-9]+' || echo 0)
  rm -f "$log"
  echo "tests: ${passed:-0} passed, ${failed:-0} failed, ${skipped:-0} skipped"
  if [ "$status" -ne 0 ]; then exit "$status"; fi
  if [ "${passed:-0}" -eq 0 ]; then echo "build.sh: no test ran" >&2; exit 1; fi
}

demo() {
  ensure_haproxy
  publish
  local dir="$PWD/.work/demo"
  rm -rf "$dir" && mkdir -p "$dir"
  # The "containers" of examples/metadata.json: three listeners on 127.0.0.2-4, played by HAProxy.
  haproxy -W -f examples/demo-backends.cfg -p "$dir/backends.pid" &
  local backends=$!
  trap 'kill "$backends" 2>/dev/null; wait "$backends" 2>/dev/null || true' EXIT
  cat <<EOT

Demo: rancher-haproxy with examples/metadata.json (local mode) and HAProxy on localhost:8080.
In another terminal, paste:

  curl -H 'Host: app-r123.demo.localhost' localhost:8080/   # stack app-r123: web-1 and web-2 in turn
  curl -H 'Host: www.demo.localhost' localhost:8080/        # alias of app-r123 (service metadata)
  curl -H 'Host: SHOP.demo.localhost:8080' localhost:8080/  # stack shop: case and port do not matter
  curl -i -H 'Host: nope.demo.localhost' localhost:8080/    # unknown host: 503

Edit examples/metadata.json (e.g. change a port label) and the routes follow. Ctrl-C stops.

EOT
  STACK_DOMAIN=demo.localhost \
  METADATA_FILE="$PWD/examples/metadata.json" \
  HTTP_PORT=8080 \
  HAPROXY_CONFIG="$PWD/haproxy/haproxy.cfg" \
  HAPROXY_BACKEND_CONFIG="$dir/haproxy-backends.cfg" \
  HAPROXY_DOMAIN_MAP="$dir/domain.map" \
  HAPROXY_RUN_DIR="$dir/run" \
    "$OUT_DIR/rancher-haproxy"
}

case "${1:-publish}" in
  publish) publish ;;
  test) run_tests ;;
  demo) demo ;;
  clean) rm -rf "$OUT_DIR" src/*/bin src/*/obj tests/*/bin tests/*/obj ;;
  *) echo "usage: ./build.sh [publish|test|demo|clean]" >&2; exit 2 ;;
esac
