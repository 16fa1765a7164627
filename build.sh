#!/usr/bin/env bash
# Build, test and demo rancher-haproxy. Usage: ./build.sh [publish|test|demo|clean]
#   publish (default)  restore and publish the Native AOT binary to out/rancher-haproxy
#   test               publish, check formatting, run the unit tests once and the HAProxy tests once per
#                      HAProxy binary: the system's haproxy and every ../shared/tools/haproxy-*/haproxy,
#                      or the colon-separated list in HAPROXY_TEST_BINARIES; then bench/soak.sh for
#                      SOAK_MINUTES (default 1) on the image's HAProxy (3.2) when it is among them,
#                      else on the first (SOAK_HAPROXY=<binary> chooses)
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

# The HAProxy binaries the end-to-end tests run on, one per line: HAPROXY_TEST_BINARIES (colon-separated)
# when set; otherwise the system's haproxy plus every ../shared/tools/haproxy-*/haproxy beside the checkout.
test_binaries() {
  if [ -n "${HAPROXY_TEST_BINARIES:-}" ]; then
    tr ':' '\n' <<<"$HAPROXY_TEST_BINARIES" | grep -v '^$' || true
    return
  fi
  command -v haproxy
  local binary
  for binary in "$(dirname "$PWD")"/shared/tools/haproxy-*/haproxy; do
    if [ -x "$binary" ]; then echo "$binary"; fi
  done
}

TOTAL_PASSED=0 TOTAL_FAILED=0 TOTAL_SKIPPED=0
SUMMARIES=() FAILED_RUNS=()

# run_test_set <label> <filter> [VAR=value…]: one dotnet test run; records its summary line and counts.
run_test_set() {
  local label=$1 filter=$2
  shift 2
  local log status passed failed skipped
  log=$(mktemp)
  set +e
  env "$@" RANCHER_HAPROXY_BINARY="$OUT_DIR/rancher-haproxy" dotnet test Aot.sln -c Release --no-build --no-restore -nologo \
    --filter "$filter" --logger "console;verbosity=normal" </dev/null 2>&1 | tee "$log"
  status=${PIPESTATUS[0]}
  set -e
  passed=$(count_of Passed "$log") failed=$(count_of Failed "$log") skipped=$(count_of Skipped "$log")
  rm -f "$log"
  SUMMARIES+=("tests ($label): $passed passed, $failed failed, $skipped skipped")
  echo "${SUMMARIES[-1]}"
  TOTAL_PASSED=$((TOTAL_PASSED + passed)) TOTAL_FAILED=$((TOTAL_FAILED + failed)) TOTAL_SKIPPED=$((TOTAL_SKIPPED + skipped))
  if [ "$status" -ne 0 ] || [ "$passed" -eq 0 ]; then FAILED_RUNS+=("$label"); fi
}

count_of() {
  local number
  number=$(grep -oE "$1: +[0-9]+" "$2" | tail -1 | grep -oE '[0-9]+' || true)
  echo "${number:-0}"
}

run_tests() {
  if [ -z "${HAPROXY_TEST_BINARIES:-}" ]; then ensure_haproxy; fi
  dotnet restore Aot.sln -nologo -v quiet
  dotnet format Aot.sln --verify-no-changes --no-restore
  publish
  dotnet build Aot.sln -c Release --no-restore -nologo -v quiet
  # Unit tests once; HaproxyBinary refuses to name a binary here, so an HAProxy test without the trait fails.
  run_test_set "unit, without HAProxy" "Category!=Haproxy" TESTS_WITHOUT_HAPROXY=1
  local binary version
  while IFS= read -r binary; do
    version=$("$binary" -v 2>/dev/null | head -1 | awk '{print $3}' || true)
    if [ -z "$version" ]; then
      echo "build.sh: $binary does not run (haproxy -v printed no version)" >&2
      SUMMARIES+=("tests (HAProxy ?, $binary): does not run") FAILED_RUNS+=("$binary")
      continue
    fi
    run_test_set "HAProxy $version, $binary" "Category=Haproxy" HAPROXY_BIN="$binary"
  done < <(test_binaries)
  run_soak
  # The runs' lines again, then one plain total line for whoever reads only the end of the log.
  printf '%s\n' "${SUMMARIES[@]}"
  echo "tests: $TOTAL_PASSED passed, $TOTAL_FAILED failed, $TOTAL_SKIPPED skipped"
  if [ "${#SUMMARIES[@]}" -lt 2 ]; then echo "build.sh: no HAProxy binary to run the end-to-end tests on" >&2; exit 1; fi
  if [ "${#FAILED_RUNS[@]}" -gt 0 ]; then
    echo "build.sh: failed or ran no test: ${FAILED_RUNS[*]}" >&2
    exit 1
  fi
}

# The HAProxy the soak runs on: SOAK_HAPROXY, else the image's (3.2) among the test binaries, else the first.
soak_binary() {
  if [ -n "${SOAK_HAPROXY:-}" ]; then echo "$SOAK_HAPROXY"; return; fi
  local binary first=""
  while IFS= read -r binary; do
    first=${first:-$binary}
    if "$binary" -v 2>/dev/null | head -1 | grep -q ' version 3\.2\.'; then echo "$binary"; return; fi
  done < <(test_binaries)
  echo "$first"
}

# The soak's short run (issue 15): the same script and pass conditions as bench/soak.sh, on the binary just published.
run_soak() {
  local minutes=${SOAK_MINUTES:-1} binary version status
  binary=$(soak_binary)
  version=$("$binary" -v 2>/dev/null | head -1 | awk '{print $3}' || true)
  set +e
  SOAK_PUBLISHED=1 bench/soak.sh "$minutes" "$binary" </dev/null
  status=$?
  set -e
  if [ "$status" -eq 0 ]; then
    SUMMARIES+=("soak ($minutes min, HAProxy ${version:-?}, $binary): passed")
  else
    SUMMARIES+=("soak ($minutes min, HAProxy ${version:-?}, $binary): FAILED (exit $status)") FAILED_RUNS+=("soak")
  fi
  echo "${SUMMARIES[-1]}"
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
