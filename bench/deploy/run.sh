#!/usr/bin/env bash
# javeze deploy benchmark: a generated 56-function app (50 routes, 1 auth handler, 5 subscribers) deployed to the
# local cloud with 50 ms latency per AWS call and realistic Lambda state delays (1 s create, 0.5 s update):
# cold deploy, no-op redeploy, one-route change (time, API calls, writes), then the same app through a sequential
# AWS CLI loop for comparison. Usage: bench/deploy/run.sh [WORK_DIR] [--no-cli]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
mkdir -p "$work"
cd "$root"
# -am: sibling modules come from this tree (their target/classes), not from whatever ~/.m2 holds
mvn -q -o -B -pl javeze-deploy -am test-compile dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile=target/bench.classpath
# a private copy of the classes and jars, so rebuilding the tree meanwhile cannot pull them from under the run
rm -rf "$work/classpath" && mkdir -p "$work/classpath/jars"
cp -r javeze-deploy/target/test-classes "$work/classpath/test-classes"
cp -r javeze-deploy/target/classes "$work/classpath/classes"
cp_jars=""
IFS=":" read -ra jars < javeze-deploy/target/bench.classpath || true  # one line, no final newline
dirs=""
for j in "${jars[@]}"; do
  if [ -d "$j" ]; then  # a sibling module's target/classes
    d="$work/classpath/$(basename "$(dirname "$(dirname "$j")")")-classes"
    cp -r "$j" "$d"
    dirs="$dirs:$d"
  else
    cp "$j" "$work/classpath/jars/$(basename "$(dirname "$j")")-$(basename "$j")"
  fi
done
cp="$work/classpath/test-classes:$work/classpath/classes$dirs:$(ls "$work"/classpath/jars/*.jar | tr '\n' ':')"
timeout 3600 java -cp "$cp" io.javeze.deploy.bench.DeployBenchmark "$work" "${2:-}"
# javeze build with nothing changed, in a fresh JVM with the CLI launcher's flags (3 runs): whole process and main()
for i in 1 2 3; do
  t0=$(date +%s%N)
  java -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto -cp "$cp" io.javeze.deploy.bench.NoOpBuild "$work/app"
  echo "no-op build process: $(( ($(date +%s%N) - t0) / 1000000 )) ms"
done
