#!/usr/bin/env bash
# Cold start of hello-world's handler, three peers in one run, each a fresh JVM with the Lambda Java runtime's flags:
#   old generated: the RequestHandler<APIGatewayV2HTTPEvent, ...> javeze generated before the lean stream handlers
#                  (old/HelloFunction.java against that commit's javeze-runtime, built from a read-only git archive)
#   new generated: the RequestStreamHandler javeze generates now, from the package javeze-build makes
#   new, stored:   the same package with its library jars re-written with stored entries (a proposed javeze-build change)
#   hand-written:  HandWrittenHello, a RequestHandler as a developer would write it
#   new, no C1:    the new package on the JVM's default JIT (full tiered), i.e. without the -XX:TieredStopAtLevel=1
#                  that javeze deploys as JAVA_TOOL_OPTIONS: the effect of that default
# plus the size of both packages, and the local cloud's first request after deploying the new package behind an HTTP
# API, with and without the executor's pre-start (bench/local-cloud's BenchServer, a fresh local cloud and executor
# work directory per run, so no class data archive; BENCH_ISOLATION, default auto; BENCH_LOCAL_RUNS, default 5).
# Usage: bench/coldstart/run.sh [runs per variant, default 20]. BENCH_SKIP_INSTALL=1 packages hello-world against
# the io.javeze artifacts already installed instead of installing this tree's (~/.m2 may be shared).
# Maven honours MAVEN_OPTS, e.g. MAVEN_OPTS=-Dmaven.repo.local=/path/to/repo, for every mvn this script starts (also
# the one javeze-build runs to compile hello-world). BENCH_OLD_REV names the "old" commit (default 5cd01a8).
set -euo pipefail

runs="${1:-20}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="$root/examples/hello-world"
work="$here/target/run"
old_rev="${BENCH_OLD_REV:-5cd01a8}"
jvm=(java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
jvm_full_jit=(java -XX:+UseSerialGC -Xshare:auto)
mvnq() { mvn -q -B -ntp "$@"; }

rm -rf "$work" && mkdir -p "$work/new" "$work/old/lib" "$work/old-src"

if [[ "${BENCH_SKIP_INSTALL:-0}" != 1 ]]; then
  echo "installing javeze-runtime, -processor and -build (for hello-world and the packager) ..." >&2
  mvnq -f "$root/pom.xml" install -DskipTests -pl javeze-runtime,javeze-config,javeze-processor,javeze-build -am >&2
fi

echo "packaging hello-world with javeze-build, as javeze build does ..." >&2
mvnq -f "$here/packager/pom.xml" compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$work/packager.classpath" >&2
java -cp "$here/packager/target/classes:$(cat "$work/packager.classpath")" bench.coldstart.packager.PackageApp "$app" >&2
zip="$app/.javeze/packages/hello.zip"
handler="$(sed -n 's/.*"handler" *: *"\([^":]*\)::handleRequest".*/\1/p' "$app/.javeze/manifest.json" | head -n 1)"
[[ -f "$zip" && -n "$handler" ]] || { echo "error: no hello package or handler in $app/.javeze" >&2; exit 1; }
(cd "$work/new" && jar xf "$zip")

# The packaging change proposed for javeze-build: library jars written with STORED (uncompressed) entries, so that
# the package's own deflate compresses each jar as one stream and shares the redundancy between its classes.
mkdir -p "$work/stored" && cp -r "$work/new/." "$work/stored/"
for jar in "$work"/stored/lib/*.jar; do
  rm -rf "$work/x" && mkdir "$work/x" && (cd "$work/x" && jar xf "$jar" && rm "$jar" && zip -q -X -0 -r "$jar" .)
done
rm -rf "$work/x" && (cd "$work/stored" && zip -q -X -r "$work/stored.zip" .)

echo "building the old generated handler against javeze-runtime at $old_rev ..." >&2
git -C "$root" archive "$old_rev" pom.xml javeze-runtime | tar -x -C "$work/old-src"
mvnq -f "$work/old-src/javeze-runtime/pom.xml" package -DskipTests org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DincludeScope=runtime -DincludeArtifactIds=aws-lambda-java-core,aws-lambda-java-events,joda-time,jackson-jr-objects,jackson-core \
  -Dmdep.outputFile="$work/old.classpath" >&2
cp "$work"/old-src/javeze-runtime/target/javeze-runtime-*.jar "$work/old/lib/"
tr ':' '\n' < "$work/old.classpath" | xargs -I{} cp {} "$work/old/lib/"
javac -proc:none -d "$work/old" -cp "$work/old/lib/*" "$app/src/main/java/example/hello/Hello.java" "$here/old/HelloFunction.java"
(cd "$work/old" && zip -q -X -r -n .jar "$work/old.zip" .) # jars stored, as javeze-build writes them

echo "building the driver ..." >&2
mvnq -f "$here/pom.xml" compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$work/driver.classpath" >&2
driver="$here/target/classes:$(cat "$work/driver.classpath")"

run() { # package dir, handler class[, "full"] -> "<wall microseconds> <cpu milliseconds> <main-to-response microseconds>"
  local start out java=("${jvm[@]}")
  [[ "${3:-}" == full ]] && java=("${jvm_full_jit[@]}")
  start="$(date +%s%N)"
  out="$("${java[@]}" -cp "$1:$1/lib/*:$driver" bench.coldstart.ColdStart "$2" "$here/event.json" "$start")"
  [[ "$out" == *" 200 Hello, world!" ]] || { echo "error: $2 answered: $out" >&2; exit 1; }
  echo "$out" | cut -d' ' -f1-3
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

variants=(old new stored hand fulljit)
dirs=("$work/old" "$work/new" "$work/stored" "$work/old" "$work/new")
classes=(example.hello.javeze.HelloFunction "$handler" "$handler" bench.coldstart.HandWrittenHello "$handler")
modes=(c1 c1 c1 c1 full)
for i in 0 1 2 3 4; do run "${dirs[$i]}" "${classes[$i]}" "${modes[$i]}" >/dev/null; : > "$work/${variants[$i]}.txt"; done # warm the OS file cache
for ((r = 1; r <= runs; r++)); do
  for i in 0 1 2 3 4; do run "${dirs[$i]}" "${classes[$i]}" "${modes[$i]}" >> "$work/${variants[$i]}.txt"; done
  printf '.' >&2
done
echo >&2

# The local cloud: the new package deployed behind an HTTP API, then its first request (bench/local-cloud/lib.sh)
echo "local cloud: first request after deploy, pre-start on and off ..." >&2
WORK="$work/local" && mkdir -p "$WORK"
. "$root/bench/local-cloud/lib.sh"
cd "$root" && prepare # sets CP, the local cloud's class path
cp "$zip" "$WORK/hello.zip"
export BENCH_ISOLATION="${BENCH_ISOLATION:-auto}" BENCH_HANDLER="$handler::handleRequest" BENCH_ROUTE="GET /hello/{word}"
: > "$work/local-on.txt"; : > "$work/local-off.txt"
for ((r = 1; r <= ${BENCH_LOCAL_RUNS:-5}; r++)); do
  for p in 1 0; do
    export BENCH_PRESTART=$p BENCH_RUNTIME_DIR="$WORK/runtime-$r-$p"
    (cd "$root" && start_server 60 && first_request > "$WORK/first.txt" && stop_server)
    cat "$WORK/first.txt" >> "$work/local-$([[ $p == 1 ]] && echo on || echo off).txt"
    printf '.' >&2
  done
done
echo >&2

declare -A m
for v in "${variants[@]}"; do
  for f in 1 2 3; do m[$v$f]="$(cut -d' ' -f$f "$work/$v.txt" | median)"; done
done
echo "new package contents:"; unzip -lv "$zip" | awk 'NR > 3 && $8 != "" && $8 !~ /^-/ { printf "  %9d  %s\n", $3, $8 }' | sort -rn | head -8
awk -v ow="${m[old1]}" -v oc="${m[old2]}" -v om="${m[old3]}" -v nw="${m[new1]}" -v nc="${m[new2]}" -v nm="${m[new3]}" \
    -v sw="${m[stored1]}" -v sc="${m[stored2]}" -v sm="${m[stored3]}" -v hw="${m[hand1]}" -v hc="${m[hand2]}" -v hm="${m[hand3]}" -v n="$runs" -v c="$handler" \
    -v fw="${m[fulljit1]}" -v fc="${m[fulljit2]}" -v fm="${m[fulljit3]}" -v lr="${BENCH_LOCAL_RUNS:-5}" -v iso="$BENCH_ISOLATION" \
    -v lon="$(median < "$work/local-on.txt")" -v loff="$(median < "$work/local-off.txt")" \
    -v ns="$(stat -c %s "$zip")" -v ss="$(stat -c %s "$work/stored.zip")" -v os="$(stat -c %s "$work/old.zip")" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "cold start to first handled event, medians of %d fresh JVMs per variant (alternating; load %s)\n", n, load
  printf "  %-58s %12s %14s %16s\n", "handler", "wall", "process CPU", "main()->response"
  printf "  %-58s %9.1f ms %11.0f ms %13.1f ms\n", "old generated RequestHandler (aws-lambda-java-events)", ow / 1000, oc, om / 1000
  printf "  %-58s %9.1f ms %11.0f ms %13.1f ms\n", "new generated RequestStreamHandler " c, nw / 1000, nc, nm / 1000
  printf "  %-58s %9.1f ms %11.0f ms %13.1f ms\n", "new generated, library jars stored (proposed packaging)", sw / 1000, sc, sm / 1000
  printf "  %-58s %9.1f ms %11.0f ms %13.1f ms\n", "hand-written RequestHandler bench.coldstart.HandWrittenHello", hw / 1000, hc, hm / 1000
  printf "  %-58s %9.1f ms %11.0f ms %13.1f ms\n", "new generated, JVM default JIT (no TieredStopAtLevel=1)", fw / 1000, fc, fm / 1000
  printf "  %-58s %10.2fx %12.2fx %14.2fx   (target >= 1.5x)\n", "old / new", ow / nw, oc / nc, om / nm
  printf "  %-58s %10.2fx %12.2fx %14.2fx\n", "new / new with stored library jars", nw / sw, nc / sc, nm / sm
  printf "  %-58s %10.2fx %12.2fx %14.2fx\n", "hand-written / new", hw / nw, hc / nc, hm / nm
  printf "  %-58s %10.2fx %12.2fx %14.2fx   (the JAVA_TOOL_OPTIONS default)\n", "default JIT / C1 only", fw / nw, fc / nc, fm / nm
  printf "local cloud, first request after deploy (median of %d, isolation %s): pre-start %.3f s, without %.3f s (%.2fx; target <= 0.400 s)\n", lr, iso, lon, loff, loff / lon
  printf "hello.zip: new %d bytes, old %d bytes (its layout zipped as javeze-build does): %.2fx smaller (target <= 600 KB = 600000 bytes)\n", ns, os, os / ns
  printf "  same package with stored library jars (proposed javeze-build change): %d bytes, %.2fx smaller than old\n", ss, os / ss
}'
