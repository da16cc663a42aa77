#!/usr/bin/env bash
# No-op `javeze build` (nothing changed) in fresh JVMs with the CLI launcher's flags, a base CLI against this tree's,
# alternating, in one session: process wall time and CPU (user+sys, /usr/bin/time), on a project already built.
# Each CLI is given as a class path (its javeze-config, javeze-build and javeze-cli jars first, then its lib/), so that
# neither picks up io.javeze jars another build left in ~/.m2.
# Usage: bench/deploy/noop-build.sh PROJECT_DIR BASE_CLASSPATH THIS_CLASSPATH [RUNS (default 5)]
set -euo pipefail
project="$1"; base="$2"; this="$3"; runs="${4:-5}"
flags=(-XX:TieredStopAtLevel=1 -XX:+UseSerialGC -Xshare:auto)
run() {  # label classpath
  local t
  t=$( { /usr/bin/time -f "%e %U %S" java "${flags[@]}" -cp "$2" io.javeze.cli.JavezeCli build --project "$project" > /tmp/noop-build.$$.out; } 2>&1 | tail -1)
  read -r wall user sys <<< "$t"
  printf "%-5s wall %5.2f s  cpu %5.2f s  load %s  %s\n" "$1" "$wall" "$(echo "$user + $sys" | bc)" "$(cut -d' ' -f1 /proc/loadavg)" \
    "$(tail -1 /tmp/noop-build.$$.out)"
}
java "${flags[@]}" -cp "$this" io.javeze.cli.JavezeCli build --project "$project" > /dev/null  # the stamp, if the project lacks one
for i in $(seq 1 "$runs"); do
  if [ $((i % 2)) -eq 1 ]; then run base "$base"; run this "$this"; else run this "$this"; run base "$base"; fi
done
rm -f /tmp/noop-build.$$.out
