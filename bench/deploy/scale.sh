#!/usr/bin/env bash
# Issue 15's scale table: the bench app at 10, 56 and 150 functions (or the sizes given), each on a fresh local cloud
# with 50 ms latency per AWS call and realistic Lambda state delays; every deploy is a fresh JVM with the CLI's flags
# and -Xmx256m, mapping a class-data archive the first one records (as bin/javeze does; BENCH_CDS=0: none): cold deploy,
# no-op redeploy, one-route change, with wall time, CPU time, calls, peak RSS and the physical limit.
# Usage: bench/deploy/scale.sh [WORK_DIR] [N...]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
shift || true
sizes=("$@")
[ ${#sizes[@]} -eq 0 ] && sizes=(10 56 150)
mkdir -p "$work"
cp="$("$root/bench/deploy/classpath.sh" "$root" "$work/classpath")"
# a class-data archive needs a class path of jars only: each classes directory becomes a jar
jars=""
IFS=":" read -ra entries <<< "$cp"
for e in "${entries[@]}"; do
  if [ -d "$e" ]; then (cd "$e" && jar cf "$e.jar" .); e="$e.jar"; fi
  jars="$jars${jars:+:}$e"
done
cp="$jars"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 3600 java -cp "$cp" io.javeze.deploy.bench.ScaleBenchmark "$work" "${sizes[@]}"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
