#!/usr/bin/env bash
# The local cloud's part of javeze dev's loop, a base build against this tree in one session: per edit, the time from
# UpdateFunctionCode (Publish) + UpdateAlias to the first answer of the new code on an HTTP API route polled every
# 20 ms (EditBench.java). Builds alternate round by round; p50 per build and the ratio at the end.
# Usage: bench/local-cloud/edit.sh BASE-JAR [edits] [rounds]   (BASE-JAR: another build's javeze-local-cloud jar;
#        default 6 edits, 2 rounds). Env: BENCH_SKIP_BUILD=1 reuses this tree's packaged jars.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE="${1:?usage: edit.sh BASE-JAR [edits] [rounds]}"
EDITS="${2:-6}"
ROUNDS="${3:-2}"
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap cleanup EXIT
prepare
cp "$BASE" "$WORK/base-local-cloud.jar"
LAYER_JAR="$(tr ':' '\n' < "$WORK/cp.txt" | awk '/\/jackson-core-/ && !n++')"
declare -A ALL
for round in $(seq 1 "$ROUNDS"); do
  for build in base new; do
    if [ "$build" = base ]; then cp="$WORK/base-local-cloud.jar:${CP#*:}"; else cp="$CP"; fi
    out="$(timeout 900 java -cp "$cp" bench/local-cloud/EditBench.java "$EDITS" "$LAYER_JAR" 2> "$WORK/err.txt")" \
      || { cat "$WORK/err.txt" >&2; exit 1; }
    times="$(awk '/^EDIT / {print $3}' <<< "$out" | tr '\n' ' ')"
    ALL[$build]+="$times"
    printf 'round %s  %-4s edit -> new answer ms: %s (load %s)\n' "$round" "$build" "$times" "$(cut -d' ' -f1 /proc/loadavg)"
  done
done
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }
b="$(echo "${ALL[base]}" | median)"; n="$(echo "${ALL[new]}" | median)"
printf 'p50 edit -> new answer: base %s ms, this tree %s ms, this/base x%s\n' "$b" "$n" \
  "$(awk -v a="$n" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
