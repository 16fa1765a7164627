#!/usr/bin/env bash
# Benchmark rancher-haproxy against its targets (issues 5 and 12) and an original-like baseline.
# Not a test and not part of CI: it needs haproxy and wrk, takes ~7 minutes, and prints one line
# per figure. Usage: bench/run.sh [idle-window-seconds, default 60] [mode, default all]
#   all            every figure
#   large          only the 5,000-container figures (the index of 1,000 stacks among them, and
#                  the peak RSS across a jump from 10 to 5,000 containers)
#   memory [n]     only that peak RSS figure, for a jump to n containers (default 5000)
#   scale [n]      only issue 16's figures: one new stack among 5,000 and 20,000 containers (or n),
#                  the daemon's parse throughput and its breakdown of each apply
#   index          only the index figures at 5,000 containers: latency of / and /stacks.json,
#                  wrk on /stacks.json, applies while wrk runs
#   consolidation  only the small scenario with CONSOLIDATE_AFTER=5s and INDEX_HOST: failed
#                  requests across the consolidation reload, reloads, latency of the index page
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

if ! command -v wrk >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    apt-get update -q && DEBIAN_FRONTEND=noninteractive apt-get install -y -q wrk
  else
    echo "bench/run.sh: wrk is missing; install it first: sudo apt-get install -y wrk" >&2
    exit 1
  fi
fi

./build.sh publish
dotnet build bench/Bench/Bench.csproj -c Release -nologo -v quiet -o .work/bench
echo "bench: $(nproc) cores, $(haproxy -v | head -1 | cut -d' ' -f1-3), $(date -u +%FT%TZ)"
exec dotnet .work/bench/Bench.dll "$PWD" "${1:-60}" "${2:-all}" ${3:+"$3"}
