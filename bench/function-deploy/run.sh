#!/usr/bin/env bash
# javeze function deploy against the AWS CLI doing the same work (create-function + wait function-active-v2;
# update-function-code + wait + update-function-configuration + wait), same run, same local cloud with realistic
# Lambda state delays. Both are fresh processes per step, as a user runs them.
# Usage: bench/function-deploy/run.sh [runs, default 5]   (needs `aws` on the PATH and javeze installed: mvn install)
set -euo pipefail

runs="${1:-5}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$here/target/run"
cli="$root/javeze-cli/target/javeze-cli-0.1.0-SNAPSHOT.jar"
command -v aws >/dev/null || { echo "error: the AWS CLI (aws) is not on the PATH" >&2; exit 1; }
[[ -f "$cli" ]] || { echo "error: $cli missing: run mvn install -DskipTests in $root" >&2; exit 1; }

rm -rf "$work" && mkdir -p "$work"
mvn -q -B -ntp -o -f "$here/pom.xml" compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -Dmdep.includeScope=runtime -Dmdep.outputFile="$work/classpath" >&2
aws --version >&2
# the local cloud lives inside this JVM and ends with it; every process it starts is bounded by the timeout
timeout 900 java -cp "$here/target/classes:$(cat "$work/classpath")" bench.functiondeploy.FunctionDeployBench "$cli" "$work" "$runs"
