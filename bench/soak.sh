#!/usr/bin/env bash
# Soak and chaos (issue 15): the published daemon for [minutes] (default 10, or $SOAK_MINUTES) on
# the end-to-end tests' fake metadata and 127.0.0.x backends, with [haproxy-binary] (default: the
# haproxy on PATH). Steady wrk traffic on three stable stacks plus one upgraded long connection,
# review stacks coming and going, stable stacks moving and scaling, and a fault every ~30 s (~10 s
# in a one-minute run) in an order drawn from a printed seed (SOAK_SEED=<seed> repeats it).
# Prints one line per figure (PASS/FAIL/info, as bench/run.sh) and exits 1 when any fails.
# Needs haproxy and wrk (installed with apt-get when missing and run as root). A one-minute run is
# part of ./build.sh test, which sets SOAK_PUBLISHED=1: the binary it has just published is used.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

minutes="${1:-${SOAK_MINUTES:-10}}"
haproxy="${2:-haproxy}"
case "$haproxy" in
  */*) haproxy="$(realpath "$haproxy")" ;;
  *) haproxy="$(command -v "$haproxy")" ;;
esac

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    echo "bench/soak.sh: wrk is missing; installing it with apt-get" >&2
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
  else
    echo "bench/soak.sh: wrk is missing; install it first: sudo apt-get install -y wrk" >&2
    exit 1
  fi
fi

if [ "${SOAK_PUBLISHED:-}" != 1 ]; then ./build.sh publish; fi
dotnet build bench/Bench/Bench.csproj -c Release -nologo -v quiet -o .work/bench
echo "soak: $(nproc) cores, $("$haproxy" -v | head -1 | cut -d' ' -f1-3), $(date -u +%FT%TZ)"
exec dotnet .work/bench/Bench.dll "$PWD" soak "$minutes" "$haproxy"
