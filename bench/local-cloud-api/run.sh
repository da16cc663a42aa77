#!/usr/bin/env bash
# Control-plane latency of the javeze local cloud through the AWS SDK v2. Usage: bench/local-cloud-api/run.sh [calls-per-op]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT
(cd "$root" && mvn -q -o -B -pl javeze-local-cloud dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$out/cp.txt" >/dev/null)
cp="$root/javeze-local-cloud/target/classes:$(cat "$out/cp.txt")"
javac -d "$out" -cp "$cp" "$here/LocalCloudApiBench.java"
exec java -cp "$out:$cp" LocalCloudApiBench "${1:-300}"
