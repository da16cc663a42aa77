#!/usr/bin/env bash
# Warm latency of the local cloud's HTTP API, a base build against this tree in the same session: the local-cloud
# jar of BASE (a commit, built in a temporary worktree, or a jar) and this tree's alternate round by round, both
# sandboxed (bubblewrap) and unsandboxed, so both see the same machine load; medians and ratios at the end.
# Usage: bench/local-cloud/compare.sh BASE [seconds] [rounds]   (default 10 s per warm measurement, 3 rounds)
# Env: BENCH_SKIP_BUILD=1 reuses this tree's packaged jars. Needs wrk and bwrap, as run.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."
BASE="${1:?usage: compare.sh BASE-COMMIT-OR-JAR [seconds] [rounds]}"
DURATION="${2:-10}"
ROUNDS="${3:-3}"
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap 'cleanup; [ -n "${BASE_TREE:-}" ] && git worktree remove --force "$BASE_TREE" 2>/dev/null || true' EXIT
prepare
NEW_CP="$CP"
if [ -f "$BASE" ]; then
  cp "$BASE" "$WORK/base-local-cloud.jar"
else
  BASE_TREE="$WORK/base-tree"
  git worktree add -q --detach "$BASE_TREE" "$BASE"
  (cd "$BASE_TREE" && mvn -q -o -B -pl javeze-local-cloud -am package -DskipTests >/dev/null)
  cp "$BASE_TREE/javeze-local-cloud/target/javeze-local-cloud-0.1.0-SNAPSHOT.jar" "$WORK/base-local-cloud.jar"
fi
BASE_CP="$WORK/base-local-cloud.jar:${CP#*:}"

p50_ms() {
  awk '$1 == "50%" { v = $2; u = v; gsub(/[0-9.]/, "", u); gsub(/[a-z]/, "", v);
                      print (u == "us" ? v / 1000 : u == "s" ? v * 1000 : v) }'
}
median() { tr ' ' '\n' | grep -v '^$' | sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

declare -A WARM
for round in $(seq 1 "$ROUNDS"); do
  for isolation in bubblewrap none; do
    for build in base new; do
      export BENCH_ISOLATION=$isolation
      if [ "$build" = base ]; then CP="$BASE_CP"; else CP="$NEW_CP"; fi
      start_server $((DURATION + 90))
      first_request >/dev/null
      wrk -t1 -c1 -d3s "$URL" >/dev/null
      wrk -t1 -c1 -d"${DURATION}s" --latency "$URL" > "$WORK/wrk.txt"
      warm="$(p50_ms < "$WORK/wrk.txt")"
      WARM[$build-$isolation]+="$warm "
      printf 'round %s  %-10s %-4s warm p50 %7.3f ms  %s req/s   (load %s)\n' "$round" "$isolation" "$build" \
        "$warm" "$(awk '/Requests\/sec/ {print $2}' "$WORK/wrk.txt")" "$(cut -d' ' -f1 /proc/loadavg)"
      stop_server
    done
  done
done
for isolation in bubblewrap none; do
  b="$(echo "${WARM[base-$isolation]}" | median)"
  n="$(echo "${WARM[new-$isolation]}" | median)"
  printf 'median %-10s warm p50 base %7.3f ms   this tree %7.3f ms   this/base x%s\n' "$isolation" "$b" "$n" \
    "$(awk -v a="$n" -v b="$b" 'BEGIN {printf "%.2f", a / b}')"
done
