#!/usr/bin/env bash
# Publish -> subscriber latency of the local cloud (SNS -> SQS -> event source mapping -> function, with the queue policy
# javeze writes), and a three-hop chain (each subscriber publishing to the next topic). Functions are in-process and
# warm: this measures the local cloud's pipeline, not a function JVM.
# Usage: bench/pubsub/run.sh [samples]   (default 30 per measurement)
# Env: BENCH_LOCAL_CLOUD_JAR runs another build of javeze-local-cloud (e.g. an older commit's) for comparison.
set -euo pipefail
cd "$(dirname "$0")/../.."
SAMPLES="${1:-30}"
WORK="$(mktemp -d /tmp/javeze-pubsub-bench.XXXXXX)"
trap 'rm -rf "$WORK"' EXIT
mvn -q -o -B -pl javeze-local-cloud package -DskipTests >/dev/null
mvn -q -o -B -pl javeze-local-cloud dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
cp "${BENCH_LOCAL_CLOUD_JAR:-javeze-local-cloud/target/javeze-local-cloud-0.1.0-SNAPSHOT.jar}" "$WORK/local-cloud.jar"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$WORK/local-cloud.jar:$(cat "$WORK/cp.txt")" bench/pubsub/PubSubBench.java "$SAMPLES"
