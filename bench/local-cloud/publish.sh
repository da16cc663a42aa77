#!/usr/bin/env bash
# Throughput of a route whose function publishes to SNS mid-request (as examples/topic's POST route does), at 16 and
# at 230 connections in one run, plus the health check's latency under the 230-connection load. The function is
# in-process (2 "instances"): this measures the local cloud's own serving, not a function JVM.
# Usage: bench/local-cloud/publish.sh [seconds]   (default 20; needs wrk: apt-get install -y wrk)
# Env: BENCH_LOCAL_CLOUD_JAR runs another build of javeze-local-cloud (e.g. an older commit's) for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
DURATION="${1:-20}"
WORK="$(mktemp -d /tmp/javeze-publish-bench.XXXXXX)"
SERVER_PID=""
cleanup() {
  exec 3>&- 2>/dev/null || true
  if [ -n "$SERVER_PID" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT
command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
mvn -q -o -B -pl javeze-local-cloud package -DskipTests >/dev/null
mvn -q -o -B -pl javeze-local-cloud dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
cp "${BENCH_LOCAL_CLOUD_JAR:-javeze-local-cloud/target/javeze-local-cloud-0.1.0-SNAPSHOT.jar}" "$WORK/local-cloud.jar"
CP="$WORK/local-cloud.jar:$(cat "$WORK/cp.txt")"
mkfifo "$WORK/stdin"
timeout $((DURATION * 3 + 120)) java -cp "$CP" bench/local-cloud/PublishBench.java $((DURATION * 3 + 90)) \
  < "$WORK/stdin" > "$WORK/server.out" 2> "$WORK/server.err" &
SERVER_PID=$!
exec 3> "$WORK/stdin"
for _ in $(seq 1 180); do grep -q '^HEALTH ' "$WORK/server.out" 2>/dev/null && break; sleep 0.5; done
URL="$(grep '^URL ' "$WORK/server.out" | cut -d' ' -f2)" || { cat "$WORK/server.err" >&2; exit 1; }
HEALTH="$(grep '^HEALTH ' "$WORK/server.out" | cut -d' ' -f2)"
printf 'wrk.method = "POST"\nwrk.body = "{}"\n' > "$WORK/post.lua"
echo "url: $URL   (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t2 -c16 -d5s -s "$WORK/post.lua" "$URL" >/dev/null
for c in 16 230; do
  echo "== POST publishing route, $c connections, ${DURATION}s"
  wrk -t2 -c"$c" -d"${DURATION}s" --timeout 10s --latency -s "$WORK/post.lua" "$URL" > "$WORK/wrk.txt" &
  WRK=$!
  sleep $((DURATION / 2))
  curl -s -o /dev/null -m 10 -w "health check during the load: status %{http_code}, %{time_total}s\n" "$HEALTH" || echo "health check: no answer in 10 s"
  wait "$WRK"
  grep -E 'Requests/sec|50%|99%|Non-2xx|Socket errors' "$WORK/wrk.txt"
done
