#!/usr/bin/env bash
# The deploy benchmark of this tree against a base commit in ONE session: both are built (the base from
# `git archive BASE`, into WORK, with nothing installed into ~/.m2), then run alternately ROUNDS times each, base first
# in odd rounds and this tree first in even ones, so that load drifting during the session hits both alike. Prints every
# run, then per scenario the median of each and the ratio this/base (AWS CLI loop skipped).
# Usage: bench/deploy/compare.sh WORK [BASE (default 5cd01a8, the commit before stages)] [ROUNDS (default 3)]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mkdir -p "$1" && cd "$1" && pwd)"
base="${2:-5cd01a8}"
rounds="${3:-3}"
rm -rf "$work/base-src" && mkdir -p "$work/base-src"
git -C "$root" archive "$base" | tar -x -C "$work/base-src"
cp_base="$("$root/bench/deploy/classpath.sh" "$work/base-src" "$work/base-classpath")"
cp_this="$("$root/bench/deploy/classpath.sh" "$root" "$work/this-classpath")"
results="$work/results.tsv"
: > "$results"
run() {  # label classpath round
  local dir="$work/run-$1-$3"
  rm -rf "$dir" && mkdir -p "$dir"
  echo "== $1, round $3 (load average $(cut -d' ' -f1-3 /proc/loadavg))"
  timeout 1800 java -cp "$2" io.javeze.deploy.bench.DeployBenchmark "$dir" --no-cli | tee "$dir/out.txt"
  # "cold deploy    7.54 s   497 API calls, ..." -> label, scenario, seconds, calls
  awk -v who="$1" '/ s  +[0-9]+ API calls/ { n = index($0, " s "); head = substr($0, 1, n - 1); k = split(head, w, " ");
    sc = w[1]; for (i = 2; i < k; i++) sc = sc " " w[i]; print who "\t" sc "\t" w[k] "\t" $(k + 2) }' "$dir/out.txt" >> "$results"
}
for r in $(seq 1 "$rounds"); do
  if [ $((r % 2)) -eq 1 ]; then run base "$cp_base" "$r"; run this "$cp_this" "$r"
  else run this "$cp_this" "$r"; run base "$cp_base" "$r"; fi
done
echo
echo "base $base vs this tree ($(git -C "$root" describe --always --dirty)), $rounds rounds, load average now $(cut -d' ' -f1-3 /proc/loadavg)"
awk -F'\t' '
  { t[$1 "|" $2] = t[$1 "|" $2] " " $3; c[$1 "|" $2] = $4; if (!($2 in seen)) { seen[$2] = 1; order[++n] = $2 } }
  function median(s,   a, k, i, j, x) { k = split(s, a, " "); for (i = 2; i <= k; i++) { x = a[i]; for (j = i - 1; j >= 1 && a[j] > x; j--) a[j + 1] = a[j]; a[j + 1] = x }
    return k % 2 ? a[(k + 1) / 2] : (a[k / 2] + a[k / 2 + 1]) / 2 }
  END { printf "%-18s %10s %10s %8s   %s\n", "scenario", "base", "this", "ratio", "runs base | this (s)";
    for (i = 1; i <= n; i++) { s = order[i]; b = median(t["base|" s]); h = median(t["this|" s]);
      printf "%-18s %8.2f s %8.2f s %7.2fx   %s |%s   calls %s / %s\n", s, b, h, h / b, t["base|" s], t["this|" s], c["base|" s], c["this|" s] } }' "$results"
