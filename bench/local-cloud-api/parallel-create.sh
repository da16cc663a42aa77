#!/usr/bin/env bash
# N CreateFunction calls by 1 client thread vs 8, alternating rounds on fresh local clouds in one JVM.
# Usage: bench/local-cloud-api/parallel-create.sh [functions] [rounds]   (after: mvn -o -pl javeze-local-cloud -am compile)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd "$root" && mvn -q -o -B -pl javeze-local-cloud dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/cp.txt" >/dev/null)
cp="$root/javeze-local-cloud/target/classes:$(cat "$out/cp.txt")"
javac -d "$out" -cp "$cp" "$here/LambdaParallelCreateBench.java"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
java -cp "$out:$cp" LambdaParallelCreateBench "${1:-56}" "${2:-3}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
