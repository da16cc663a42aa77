#!/usr/bin/env bash
# Benchmarks the local cloud's HTTP API data plane end to end: wrk -> local cloud (Jetty) -> HTTP API data plane ->
# Lambda service -> function JVM (AWS's runtime interface client) and back, for a hello-world function.
# Usage: bench/local-cloud/run.sh [duration-seconds]   (default 30; needs wrk: apt-get install -y wrk)
# Env: BENCH_JVM_FLAGS to replace the executor's default function JVM flags; BENCH_SKIP_BUILD=1 to reuse classes.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-30}"
command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
SERVER_PID=""
cleanup() {
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT

if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
  mvn -q -o -B -pl javeze-local-cloud -am install -DskipTests >/dev/null
  mvn -q -o -B -pl javeze-local-cloud test-compile >/dev/null
fi
mvn -q -o -B -pl javeze-local-cloud dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
# private copies: other builds in the shared tree may rewrite target/ while we run
cp -r javeze-local-cloud/target/classes "$WORK/main"
cp -r javeze-local-cloud/target/test-classes "$WORK/test"
CP="$WORK/main:$WORK/test:$(cat "$WORK/cp.txt")"

mkfifo "$WORK/stdin"
timeout $((DURATION * 3 + 240)) java -cp "$CP" bench/local-cloud/BenchServer.java $((DURATION * 3 + 200)) \
  < "$WORK/stdin" > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER_PID=$!
exec 3> "$WORK/stdin"   # closing fd 3 stops the server
for _ in $(seq 1 120); do grep -q '^URL ' "$WORK/server.out" && break; sleep 0.5; done
URL="$(grep '^URL ' "$WORK/server.out" | cut -d' ' -f2)" || { cat "$WORK/server.err" >&2; exit 1; }
echo "url: $URL"

echo "== cold start (first request, starts the function JVM)"
curl -s -o /dev/null -w 'status %{http_code} time %{time_total}s\n' "$URL"

FN_PID="$(pgrep -f 'fixtures.Hello::handleRequest' | head -1)"
echo "== warm, 1 connection, ${DURATION}s"
wrk -t1 -c1 -d5s "$URL" >/dev/null
wrk -t1 -c1 -d"${DURATION}s" --latency "$URL"
echo "== RSS of the warm function instance (pid $FN_PID)"
grep -E 'VmRSS|VmHWM' "/proc/$FN_PID/status"

echo "== warm, 64 connections, ${DURATION}s (after a 5s warm-up that starts the extra instances)"
wrk -t2 -c64 -d5s "$URL" >/dev/null
wrk -t2 -c64 -d"${DURATION}s" --latency "$URL"
echo "function instances: $(pgrep -fc 'fixtures.Hello::handleRequest')"
for pid in $(pgrep -f 'fixtures.Hello::handleRequest'); do grep VmRSS "/proc/$pid/status"; done
exec 3>&-
