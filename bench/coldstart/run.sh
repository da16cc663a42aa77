#!/usr/bin/env bash
# Cold start of hello-world's generated route handler against a hand-written RequestHandler doing the same work.
# Each run is a fresh JVM (the flags the Lambda Java runtime uses) that loads the handler by name, deserializes a
# payload 2.0 event with aws-lambda-java-serialization, invokes and serializes the response; the variants alternate.
# Usage: bench/coldstart/run.sh [runs per variant, default 20]
set -euo pipefail

runs="${1:-20}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
app="$root/examples/hello-world"
work="$here/target/run"
jvm=(java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)

echo "building hello-world's packages ..." >&2
"$root/bin/javeze" build --project "$app" >&2
zip="$app/.javeze/packages/hello.zip"
handler="$(sed -n 's/.*"handler" *: *"\([^":]*\)::handleRequest".*/\1/p' "$app/.javeze/manifest.json" | head -n 1)"
[[ -f "$zip" && -n "$handler" ]] || { echo "error: no hello package or handler in $app/.javeze" >&2; exit 1; }

echo "building the driver ..." >&2
rm -rf "$work" && mkdir -p "$work/hello"
mvn -q -B -ntp -f "$here/pom.xml" compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$work/driver.classpath" >&2
(cd "$work/hello" && jar xf "$zip")

# Both variants get the same class path: the unpacked package (as Lambda lays it out in /var/task) and the driver.
cp="$work/hello:$work/hello/lib/*:$here/target/classes:$(cat "$work/driver.classpath")"

run() { # handler class -> "<wall microseconds> <cpu milliseconds> <main-to-response microseconds>"
  local start out
  start="$(date +%s%N)"
  out="$("${jvm[@]}" -cp "$cp" bench.coldstart.ColdStart "$1" "$here/event.json" "$start")"
  [[ "$out" == *" 200 Hello, world!" ]] || { echo "error: $1 answered: $out" >&2; exit 1; }
  echo "$out" | cut -d' ' -f1-3
}

median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

run "$handler" >/dev/null && run bench.coldstart.HandWrittenHello >/dev/null # warm the OS file cache
: > "$work/generated.txt"; : > "$work/handwritten.txt"
for ((i = 1; i <= runs; i++)); do
  run "$handler" >> "$work/generated.txt"
  run bench.coldstart.HandWrittenHello >> "$work/handwritten.txt"
  printf '.' >&2
done
echo >&2

gen_wall="$(cut -d' ' -f1 "$work/generated.txt" | median)"
hand_wall="$(cut -d' ' -f1 "$work/handwritten.txt" | median)"
gen_cpu="$(cut -d' ' -f2 "$work/generated.txt" | median)"
hand_cpu="$(cut -d' ' -f2 "$work/handwritten.txt" | median)"
gen_main="$(cut -d' ' -f3 "$work/generated.txt" | median)"
hand_main="$(cut -d' ' -f3 "$work/handwritten.txt" | median)"
size="$(stat -c %s "$zip")"
awk -v gw="$gen_wall" -v hw="$hand_wall" -v gc="$gen_cpu" -v hc="$hand_cpu" -v gm="$gen_main" -v hm="$hand_main" \
    -v n="$runs" -v s="$size" -v c="$handler" -v load="$(cut -d' ' -f1 /proc/loadavg)" 'BEGIN {
  printf "cold start to first serialized response, medians of %d fresh JVMs per variant (alternating; load %s)\n", n, load
  printf "  %-46s %12s %14s %16s\n", "handler", "wall", "process CPU", "main()->response"
  printf "  %-46s %9.1f ms %11.0f ms %13.1f ms\n", "generated " c, gw / 1000, gc, gm / 1000
  printf "  %-46s %9.1f ms %11.0f ms %13.1f ms\n", "hand-written bench.coldstart.HandWrittenHello", hw / 1000, hc, hm / 1000
  printf "  %-46s %+11.1f%% %+13.1f%% %+15.1f%%   (target <= +15%%)\n", "generated overhead", (gw / hw - 1) * 100, (gc / hc - 1) * 100, (gm / hm - 1) * 100
  printf "hello-world package hello.zip: %d bytes = %.2f MB (target <= 2 MB)\n", s, s / 1000000
}'
