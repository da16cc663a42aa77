#!/usr/bin/env bash
# Benchmarks the local cloud's HTTP API end to end: wrk -> local cloud (Jetty) -> HTTP API data plane -> Lambda
# service -> function JVM (AWS's runtime interface client) and back, for a hello-world function (512 MB, java21).
# Usage: bench/local-cloud/run.sh [duration-seconds]   (default 30; needs wrk: apt-get install -y wrk)
# Env: BENCH_JVM_FLAGS replaces the executor's default function JVM flags; JAVEZE_MAX_INSTANCES the per-function
# instance limit (default: one per core, at least 2); BENCH_SKIP_BUILD=1 reuses the installed jar.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-30}"
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap cleanup EXIT
prepare
start_server $((DURATION * 2 + 60))
echo "url: $URL   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"

echo "== cold start: first request, starts the function JVM"
curl -s -o /dev/null -w 'status %{http_code} time %{time_total}s\n' "$URL"
FN_PID="$(pgrep -f 'fixtures.Hello::handleRequest' | head -1)"

echo "== warm, 1 connection, ${DURATION}s (after a 5s warm-up)"
wrk -t1 -c1 -d5s "$URL" >/dev/null
wrk -t1 -c1 -d"${DURATION}s" --latency "$URL"
echo "== memory of the warm function instance (pid $FN_PID)"
grep -E 'VmRSS|VmHWM' "/proc/$FN_PID/status"

echo "== warm, 64 connections, ${DURATION}s (after a 5s warm-up)"
wrk -t2 -c64 -d5s "$URL" >/dev/null
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL"
echo "function instances: $(pgrep -fc 'fixtures.Hello::handleRequest')"
stop_server
