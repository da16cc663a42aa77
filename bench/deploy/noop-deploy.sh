#!/usr/bin/env bash
# No-op `javeze deploy` (nothing changed) of the N-function bench app in fresh JVMs, a base CLI against this tree's,
# alternating, in one session, against one local cloud with 50 ms per call (BenchCloudServer, this tree's test code):
# process wall time and CPU (user+sys, /usr/bin/time), with the CLI launcher's flags. Each CLI is a directory holding
# javeze-cli-*.jar and lib/ (javeze-cli/target after `mvn package`), run with `java -jar` as bin/javeze runs it; with
# CDS=1 each also runs with its own per-command class-data archive (made by one untimed run first), as bin/javeze does.
# Usage: bench/deploy/noop-deploy.sh WORK BASE_CLI_DIR THIS_CLI_DIR [RUNS (default 5)] [N (default 56)]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mkdir -p "$1" && cd "$1" && pwd)"; base="$2"; this="$3"; runs="${4:-5}"; n="${5:-56}"
cp="$("$root/bench/deploy/classpath.sh" "$root" "$work/classpath")"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
coproc CLOUD { java -cp "$cp" io.javeze.deploy.bench.BenchCloudServer "$work" "$n" 2>&1; }
endpoint=""
while read -r line <&"${CLOUD[0]}"; do
  case "$line" in endpoint*) endpoint="${line#endpoint }"; break ;; esac
done
[ -n "$endpoint" ] || { echo "error: the bench cloud did not start" >&2; exit 1; }
app="$work/app"
cli() {  # dir, extra java flags...
  local dir="$1"; shift
  java "${flags[@]}" "$@" -jar "$(ls "$dir"/javeze-cli-*.jar | head -1)" deploy --project "$app" --local --endpoint-url "$endpoint"
}
archive() {  # dir -> the flag mapping its archive, made once
  local jsa="$work/$(basename "$(dirname "$1")")-$(echo "$1" | md5sum | cut -c1-8).jsa"
  [ -f "$jsa" ] || cli "$1" -XX:ArchiveClassesAtExit="$jsa" -Xlog:cds=off -Xlog:cds+dynamic=off > /dev/null
  echo "-XX:SharedArchiveFile=$jsa"
}
cli "$this" > "$work/cold.txt"  # the cold deploy, untimed
extra_base=(); extra_this=()
if [ "${CDS:-}" = 1 ]; then extra_base=("$(archive "$base")"); extra_this=("$(archive "$this")"); fi
run() {  # label dir extra...
  local label="$1" dir="$2" t; shift 2
  t=$( { /usr/bin/time -f "%e %U %S %M" bash -c "$(declare -f cli); $(declare -p flags app endpoint); cli \"\$@\"" _ "$dir" "$@" > "$work/out.txt"; } 2>&1 | tail -1)
  read -r wall user sys rss <<< "$t"
  printf "%-5s wall %5.2f s  cpu %5.2f s  rss %4d MB  load %s\n" "$label" "$wall" "$(echo "$user + $sys" | bc)" $((rss / 1024)) \
    "$(cut -d' ' -f1 /proc/loadavg)"
}
echo "$n functions, 50 ms per call, ${CDS:+class-data archives, }load average $(cut -d' ' -f1-3 /proc/loadavg)"
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then run base "$base" "${extra_base[@]}"; run this "$this" "${extra_this[@]}"
  else run this "$this" "${extra_this[@]}"; run base "$base" "${extra_base[@]}"; fi
done
tail -3 "$work/out.txt"
exec {CLOUD[1]}>&-
wait
