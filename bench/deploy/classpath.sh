#!/usr/bin/env bash
# Builds the deploy benchmark of the source tree TREE (test-compile, sibling modules from the tree through -am, so
# nothing is installed into or taken from ~/.m2's io.javeze artifacts) and copies its classes and jars into OUT, so
# that rebuilding the tree meanwhile cannot pull them from under a run. Prints the class path.
# Usage: bench/deploy/classpath.sh TREE OUT
set -euo pipefail
tree="$(cd "$1" && pwd)"
out="$2"
(cd "$tree" && mvn -q -o -B -pl javeze-deploy -am test-compile dependency:build-classpath -Dmdep.includeScope=test \
  -Dmdep.outputFile=target/bench.classpath >&2)
rm -rf "$out" && mkdir -p "$out/jars"
cp -r "$tree/javeze-deploy/target/test-classes" "$out/test-classes"
cp -r "$tree/javeze-deploy/target/classes" "$out/classes"
dirs=""
IFS=":" read -ra jars < "$tree/javeze-deploy/target/bench.classpath" || true  # one line, no final newline
for j in "${jars[@]}"; do
  if [ -d "$j" ]; then  # a sibling module's target/classes
    d="$out/$(basename "$(dirname "$(dirname "$j")")")-classes"
    cp -r "$j" "$d"
    dirs="$dirs:$d"
  else
    cp "$j" "$out/jars/$(basename "$(dirname "$j")")-$(basename "$j")"
  fi
done
echo "$out/test-classes:$out/classes$dirs:$(ls "$out"/jars/*.jar | tr '\n' ':')"
