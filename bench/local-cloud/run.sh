#!/usr/bin/env bash
# Benchmarks the local cloud's HTTP API end to end: wrk -> local cloud (Jetty) -> HTTP API data plane -> Lambda
# service -> function JVM (AWS's runtime interface client) and back, for a hello-world function (512 MB, java21).
# Sandboxed (bubblewrap, the default) and unsandboxed (--isolation none) local clouds alternate round by round, so
# both see the same machine load: each round starts a fresh one, times its first (cold) request, then measures warm
# latency over 1 connection. Then 64 connections against a sandboxed one.
# Usage: bench/local-cloud/run.sh [seconds] [rounds]   (default 10 s per warm measurement, 3 rounds;
#        needs wrk and bwrap: apt-get install -y wrk bubblewrap)
# Env: BENCH_JVM_FLAGS replaces the executor's default function JVM flags; JAVEZE_MAX_INSTANCES the per-function
# instance limit (default: one per core, at least 2); BENCH_SKIP_BUILD=1 reuses the packaged jars.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-10}"
ROUNDS="${2:-3}"
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap cleanup EXIT
prepare

# p50 of a wrk --latency report, in ms
p50_ms() {
  awk '$1 == "50%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
                      print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v) }'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A COLD WARM
for round in $(seq 1 "$ROUNDS"); do
  for isolation in none bubblewrap; do
    export BENCH_ISOLATION=$isolation
    start_server $((DURATION + 90))
    cold="$(first_request)"
    wrk -t1 -c1 -d3s "$URL" >/dev/null
    wrk -t1 -c1 -d"${DURATION}s" --latency "$URL" > "$WORK/wrk.txt"
    warm="$(p50_ms < "$WORK/wrk.txt")"
    COLD[$isolation]+="$cold "
    WARM[$isolation]+="$warm "
    printf 'round %s  %-10s first request %7.3f s   warm p50 %7.3f ms  %s req/s   (load %s)\n' "$round" "$isolation" \
      "$cold" "$warm" "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")" "$(cut -d' ' -f1 /proc/loadavg)"
    stop_server
  done
done
for isolation in none bubblewrap; do
  printf 'median %-10s first request %7.3f s   warm p50 %7.3f ms\n' "$isolation" \
    "$(echo "${COLD[$isolation]}" | median)" "$(echo "${WARM[$isolation]}" | median)"
done
printf 'sandboxed / unsandboxed: first request x%s, warm p50 x%s\n' \
  "$(awk -v a="$(echo "${COLD[bubblewrap]}" | median)" -v b="$(echo "${COLD[none]}" | median)" 'BEGIN {printf "%.2f", a / b}')" \
  "$(awk -v a="$(echo "${WARM[bubblewrap]}" | median)" -v b="$(echo "${WARM[none]}" | median)" 'BEGIN {printf "%.2f", a / b}')"

export BENCH_ISOLATION=bubblewrap
start_server $((DURATION * 2 + 90))
first_request >/dev/null
wrk -t1 -c1 -d3s "$URL" >/dev/null
FN_PID="$(function_pid)"
echo "== bubblewrap: memory of the warm function instance (pid $FN_PID)"
grep -E 'VmRSS|VmHWM' "/proc/$FN_PID/status"
echo "== bubblewrap: warm, 64 connections, ${DURATION}s (after a 5s warm-up)"
wrk -t2 -c64 -d5s "$URL" >/dev/null
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL"
echo "function instances: $(function_count)"
stop_server
