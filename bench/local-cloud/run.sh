#!/usr/bin/env bash
# Benchmarks the local cloud's HTTP API end to end: wrk -> local cloud (Jetty) -> HTTP API data plane -> Lambda
# service -> function JVM (AWS's runtime interface client) and back, for a hello-world function (512 MB, java21).
# The function runs in its bubblewrap sandbox; the cold start and 1-connection latency are also measured
# unsandboxed (--isolation none) in the same run, for the ratio.
# Usage: bench/local-cloud/run.sh [duration-seconds]   (default 30; needs wrk and bwrap: apt-get install -y wrk bubblewrap)
# Env: BENCH_JVM_FLAGS replaces the executor's default function JVM flags; JAVEZE_MAX_INSTANCES the per-function
# instance limit (default: one per core, at least 2); BENCH_SKIP_BUILD=1 reuses the packaged jars; BENCH_COLD_RUNS
# (default 3) first requests per isolation.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-30}"
COLD_RUNS="${BENCH_COLD_RUNS:-3}"
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap cleanup EXIT
prepare
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"

echo "== cold start: first request of a fresh local cloud (no class data archive yet), alternating isolation"
declare -A COLD
for run in $(seq 1 "$COLD_RUNS"); do
  for isolation in none bubblewrap; do
    BENCH_ISOLATION=$isolation start_server 60
    t="$(first_request)"
    COLD[$isolation]+="$t "
    printf 'run %s  %-10s first request %ss\n' "$run" "$isolation" "$t"
    stop_server
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
none_cold="$(echo "${COLD[none]}" | median)"
sandbox_cold="$(echo "${COLD[bubblewrap]}" | median)"
printf 'median first request: none %ss, bubblewrap %ss, ratio %s\n' "$none_cold" "$sandbox_cold" \
  "$(awk -v a="$sandbox_cold" -v b="$none_cold" 'BEGIN {printf "%.2f", a / b}')"

for isolation in bubblewrap none; do
  export BENCH_ISOLATION=$isolation
  start_server $((DURATION * 2 + 60))
  echo "== isolation $isolation   url: $URL   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  first_request >/dev/null
  FN_PID="$(function_pid)"
  echo "== $isolation: warm, 1 connection, ${DURATION}s (after a 5s warm-up)"
  wrk -t1 -c1 -d5s "$URL" >/dev/null
  wrk -t1 -c1 -d"${DURATION}s" --latency "$URL"
  echo "== $isolation: memory of the warm function instance (pid $FN_PID)"
  grep -E 'VmRSS|VmHWM' "/proc/$FN_PID/status"
  if [ "$isolation" = bubblewrap ]; then
    echo "== $isolation: warm, 64 connections, ${DURATION}s (after a 5s warm-up)"
    wrk -t2 -c64 -d5s "$URL" >/dev/null
    wrk -t2 -c64 -d"${DURATION}s" --latency "$URL"
    echo "function instances: $(function_count)"
  fi
  stop_server
done
