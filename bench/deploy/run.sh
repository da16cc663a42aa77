#!/usr/bin/env bash
# javeze deploy benchmark: a generated 56-function app (50 routes, 1 auth handler, 5 subscribers) deployed to the
# local cloud with 50 ms latency per AWS call and realistic Lambda state delays (1 s create, 0.5 s update):
# cold deploy, no-op redeploy, one-route change (time, API calls, writes), then the same app through a sequential
# AWS CLI loop for comparison. Usage: bench/deploy/run.sh [WORK_DIR] [--no-cli]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cp="$("$root/bench/deploy/classpath.sh" "$root" "$work/classpath")"
timeout 3600 java -cp "$cp" io.javeze.deploy.bench.DeployBenchmark "$work" "${2:-}"
# javeze build with nothing changed, in a fresh JVM with the CLI launcher's flags (3 runs): whole process and main()
for i in 1 2 3; do
  t0=$(date +%s%N)
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$cp" io.javeze.deploy.bench.NoOpBuild "$work/app"
  echo "no-op build process: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
done
