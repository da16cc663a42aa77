#!/usr/bin/env bash
# Resident memory of one warm hello-world instance (512 MB function) under different function JVM flag sets.
# Usage: bench/local-cloud/rss.sh   (each flag set: fresh local cloud, cold request, 3 s of wrk, then RSS)
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap cleanup EXIT
prepare
MEM="-Xmx435m -XX:MaxMetaspaceSize=51m -XX:ReservedCodeCacheSize=25m"
while IFS='|' read -r name flags; do
  export BENCH_JVM_FLAGS="$flags"
  start_server 90
  curl -s -o /dev/null "$URL"
  wrk -t1 -c1 -d3s "$URL" >/dev/null
  pid="$(function_pid)"
  printf '%-44s RSS %6s kB  (peak %s kB)  flags: %s\n' "$name" \
    "$(awk '/VmRSS/{print $2}' "/proc/$pid/status")" "$(awk '/VmHWM/{print $2}' "/proc/$pid/status")" "$MEM $flags"
  stop_server
done <<FLAGS
JVM defaults (heap limits only)| 
+ SerialGC|-XX:+UseSerialGC
+ C1 only (TieredStopAtLevel=1)|-XX:+UseSerialGC -XX:TieredStopAtLevel=1
+ Xss512k, 1 compiler thread, no perf data|-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xss512k -XX:CICompilerCount=1 -XX:-UsePerfData
+ Xms8m (javeze default)|-XX:+UseSerialGC -XX:TieredStopAtLevel=1 -Xshare:auto -Xss512k -XX:CICompilerCount=1 -XX:-UsePerfData -Xms8m
FLAGS
