#!/usr/bin/env bash
# A publishing function (examples/topic's `create`: POST /users, Topics.publish to user-events) before and after
# publishing moved from the SNS client to the SDK's SigV4 signer + URL-connection client, in one run:
#   package bytes: the function's zip plus its dependency layer, as javeze-build writes them (all it loads at cold start)
#   cold start:    fresh JVMs with the Lambda Java runtime's flags, from launch to the handled event, the publish
#                  included (to SnsStub.java, an SNS endpoint on loopback answering every Publish)
#   before: examples/topic's pom at BENCH_OLD_REV (default 1e2c583: sns + url-connection-client) and javeze-runtime
#           built from that commit; after: this tree's examples/topic and javeze-runtime.
# Plus the question of issue 15: does a shared layer holding the publishing jars slow a function that does not
# publish? hello-world's handler with its own jars, and with the publishing jars added to its class path.
# Usage: bench/coldstart/publish.sh [runs per variant, default 15]. BENCH_SKIP_INSTALL=1 uses the io.javeze artifacts
# already installed; MAVEN_OPTS (e.g. -Dmaven.repo.local=/path) applies to every mvn it starts.
set -euo pipefail

runs="${1:-15}"
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
work="$here/target/publish"
old_rev="${BENCH_OLD_REV:-1e2c583}"
jvm=(java -XX:+TieredCompilation -XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
mvnq() { mvn -q -B -ntp "$@"; }

rm -rf "$work" && mkdir -p "$work/src"
if [[ "${BENCH_SKIP_INSTALL:-0}" != 1 ]]; then
  echo "installing javeze-runtime, -config, -processor and -build ..." >&2
  mvnq -f "$root/pom.xml" install -DskipTests -pl javeze-runtime,javeze-config,javeze-processor,javeze-build -am >&2
fi

echo "packaging examples/topic (before and after) and hello-world with javeze-build ..." >&2
mvnq -f "$here/packager/pom.xml" compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$work/packager.classpath" >&2
package() { java -cp "$here/packager/target/classes:$(cat "$work/packager.classpath")" bench.coldstart.packager.PackageApp "$1" >&2; }
cp -r "$root/examples/topic" "$work/src/after"
mkdir -p "$work/src/before" && git -C "$root" archive "$old_rev" examples/topic | tar -x -C "$work/src/before" --strip-components=2
cp -r "$root/examples/hello-world" "$work/src/hello"
for app in before after hello; do rm -rf "$work/src/$app/.javeze" "$work/src/$app/target"; package "$work/src/$app"; done

# a runnable copy of one function: its zip at the root and its layer's jars under lib/, as Lambda lays them out
unpack() { # app, function, target dir -> prints "<zip bytes> <layer bytes>"
  local packages="$work/src/$1/.javeze/packages" zip layer
  zip="$packages/$(jq -r --arg f "$2" '.[$f].file' "$packages/index.json")"
  layer="$packages/$(jq -r --arg f "$2" '.[$f].layer as $l | $l' "$packages/index.json" | xargs -I{} jq -r --arg d {} '.[$d].file' "$packages/layers.json")"
  mkdir -p "$3/lib" && (cd "$3" && jar xf "$zip" && cd lib && jar xf "$layer" && mv java/lib/*.jar . && rm -rf java)
  echo "$(stat -c %s "$zip") $(stat -c %s "$layer")"
}
read -r before_zip before_layer < <(unpack before create "$work/before")
read -r after_zip after_layer < <(unpack after create "$work/after")
read -r hello_zip hello_layer < <(unpack hello hello "$work/hello")

echo "building javeze-runtime at $old_rev for the 'before' package ..." >&2
git -C "$root" archive "$old_rev" pom.xml javeze-runtime | tar -x -C "$work/src" && mkdir -p "$work/src/old-runtime"
mvnq -f "$work/src/javeze-runtime/pom.xml" package -DskipTests >&2
rm "$work"/before/lib/javeze-runtime-*.jar && cp "$work"/src/javeze-runtime/target/javeze-runtime-*.jar "$work/before/lib/"

# hello-world with the jars only publishing needs added: what one shared layer puts on every function's class path
mkdir -p "$work/hello-pub" && cp -r "$work/hello/." "$work/hello-pub/"
for jar in "$work"/after/lib/*.jar; do [[ -e "$work/hello/lib/$(basename "$jar")" ]] || cp "$jar" "$work/hello-pub/lib/"; done

echo "building the driver and starting the SNS stub ..." >&2
mvnq -f "$here/pom.xml" compile org.apache.maven.plugins:maven-dependency-plugin:3.8.1:build-classpath \
  -DincludeScope=runtime -Dmdep.outputFile="$work/driver.classpath" >&2
driver="$here/target/classes:$(cat "$work/driver.classpath")"
rm -f "$work/sns.port" && java "$here/SnsStub.java" "$work/sns.port" & stub=$!
trap 'kill "$stub" 2>/dev/null || true' EXIT
for _ in $(seq 100); do [[ -s "$work/sns.port" ]] && break; sleep 0.1; done
export AWS_ENDPOINT_URL="http://127.0.0.1:$(cat "$work/sns.port")" AWS_REGION=us-east-1 AWS_ACCESS_KEY_ID=bench \
  AWS_SECRET_ACCESS_KEY=bench JAVEZE_TOPIC_USER_EVENTS=arn:aws:sns:us-east-1:000000000000:topic-example-prod-user-events

create="$(jq -r '.functions[] | select(.name == "create") | .handler | sub("::.*"; "")' "$work/src/after/.javeze/manifest.json")"
hello="$(jq -r '.functions[] | select(.name == "hello") | .handler | sub("::.*"; "")' "$work/src/hello/.javeze/manifest.json")"
run() { # dir, handler, event, status -> "<wall us> <cpu ms> <main-to-response us>"
  local start out
  start="$(date +%s%N)"
  out="$("${jvm[@]}" -cp "$1:$1/lib/*:$driver" bench.coldstart.ColdStart "$2" "$3" "$start" "$4")"
  [[ "$out" == *" $4 "* ]] || { echo "error: $2 in $1 answered: $out" >&2; exit 1; }
  echo "$out" | cut -d' ' -f1-3
}
median() { sort -n | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }

variants=(before after hello hellopub)
dirs=("$work/before" "$work/after" "$work/hello" "$work/hello-pub")
classes=("$create" "$create" "$hello" "$hello")
events=("$here/publish-event.json" "$here/publish-event.json" "$here/event.json" "$here/event.json")
statuses=(202 202 200 200)
for i in 0 1 2 3; do run "${dirs[$i]}" "${classes[$i]}" "${events[$i]}" "${statuses[$i]}" >/dev/null; : > "$work/${variants[$i]}.txt"; done
for ((r = 1; r <= runs; r++)); do
  for i in 0 1 2 3; do run "${dirs[$i]}" "${classes[$i]}" "${events[$i]}" "${statuses[$i]}" >> "$work/${variants[$i]}.txt"; done
  printf '.' >&2
done
echo >&2

declare -A m
for v in "${variants[@]}"; do for f in 1 2 3; do m[$v$f]="$(cut -d' ' -f$f "$work/$v.txt" | median)"; done; done
awk -v n="$runs" -v load="$(cut -d' ' -f1 /proc/loadavg)" \
    -v bz="$before_zip" -v bl="$before_layer" -v az="$after_zip" -v al="$after_layer" -v hz="$hello_zip" -v hl="$hello_layer" \
    -v bj="$(ls "$work/before/lib" | wc -l)" -v aj="$(ls "$work/after/lib" | wc -l)" -v hj="$(ls "$work/hello/lib" | wc -l)" \
    -v pj="$(ls "$work/hello-pub/lib" | wc -l)" \
    -v bw="${m[before1]}" -v bc="${m[before2]}" -v bm="${m[before3]}" -v aw="${m[after1]}" -v ac="${m[after2]}" -v am="${m[after3]}" \
    -v hw="${m[hello1]}" -v hc="${m[hello2]}" -v hm="${m[hello3]}" -v pw="${m[hellopub1]}" -v pc="${m[hellopub2]}" -v pm="${m[hellopub3]}" 'BEGIN {
  printf "publishing function examples/topic create: package = zip + dependency layer (target <= 2.5 MB = 2500000 bytes)\n"
  printf "  before (SNS client):         %8d + %8d = %8d bytes, %2d jars\n", bz, bl, bz + bl, bj
  printf "  after (SigV4 signer):        %8d + %8d = %8d bytes, %2d jars  (%.2fx smaller)\n", az, al, az + al, aj, (bz + bl) / (az + al)
  printf "  hello-world hello, for scale: %7d + %8d = %8d bytes, %2d jars\n", hz, hl, hz + hl, hj
  printf "cold start to the handled event, medians of %d fresh JVMs per variant (alternating; load %s)\n", n, load
  printf "  %-52s %12s %14s %16s\n", "variant", "wall", "process CPU", "main()->response"
  printf "  %-52s %9.1f ms %11.0f ms %13.1f ms\n", "create, before: publish with the SNS client", bw / 1000, bc, bm / 1000
  printf "  %-52s %9.1f ms %11.0f ms %13.1f ms\n", "create, after: publish with the SigV4 signer", aw / 1000, ac, am / 1000
  printf "  %-52s %10.2fx %12.2fx %14.2fx\n", "before / after", bw / aw, bc / ac, bm / am
  printf "  %-52s %9.1f ms %11.0f ms %13.1f ms\n", "hello, its own jars (" hj ")", hw / 1000, hc, hm / 1000
  printf "  %-52s %9.1f ms %11.0f ms %13.1f ms\n", "hello, with the publishing jars too (" pj ")", pw / 1000, pc, pm / 1000
  printf "  %-52s %10.2fx %12.2fx %14.2fx\n", "with / without the publishing jars", pw / hw, pc / hc, pm / hm
}'
