#!/usr/bin/env bash
# javeze dev's inner loop: time from saving a one-handler edit to the first request that answers the new code,
# for hello-world and a 20-route app, against `javeze deploy --local` after the same edit, in the same run.
#
#   bench/dev/run.sh [edits]            (default 10 edits per app and tool)
#
# JAVEZE: the CLI command (default: bin/javeze of this repository); PEER_EDITS: edits timed for deploy --local
# (default: the same as edits); APPS: which apps (default "hello routes"). Needs curl; the io.javeze artifacts installed in ~/.m2 (the apps compile against them).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
edits="${1:-10}"
peer_edits="${PEER_EDITS:-$edits}"
read -r -a javeze <<< "${JAVEZE:-$root/bin/javeze}"
work="$(mktemp -d)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
endpoint="http://127.0.0.1:$port"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  for p in "${pids[@]}"; do wait "$p" 2>/dev/null || true; done
  rm -rf "$work" 2>/dev/null || true  # a function JVM may still be writing its last log line
}
trap cleanup EXIT

now_ms() { date +%s%3N; }

# GET url (printed *.localhost form) through the loopback port with its Host header, as a browser would
get() {
  local url="$1" host rest
  host="${url#http://}"; host="${host%%/*}"; rest="/${url#http://*/}"
  curl -s --max-time 30 -H "Host: $host" "http://127.0.0.1:$port$rest" || true
}

# waits until GET url answers a body containing text; prints the milliseconds since $2
await_answer() {
  local url="$1" since="$2" text="$3"
  until [[ "$(get "$url")" == *"$text"* ]]; do sleep 0.02; done
  echo $(( $(now_ms) - since ))
}

stats() { # label, then the samples
  local label="$1"; shift
  sort -n <<< "$(printf '%s\n' "$@")" | awk -v label="$label" '{ a[NR] = $1 } END {
    p50 = (NR % 2) ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
    printf "%-34s n=%-3d p50 %7.0f ms   max %7.0f ms\n", label, NR, p50, a[NR] }'
}

make_hello() {
  cp -r "$root/examples/hello-world" "$1"
  rm -rf "$1/target" "$1/.javeze"
}

make_routes() { # a 20-route app: one class per route, as apps grow
  local dir="$1"
  make_hello "$dir"
  rm -rf "$dir/src/main/java/example"
  sed -i 's/^service_name = .*/service_name = "routes20"/' "$dir/javeze.toml"
  mkdir -p "$dir/src/main/java/example/routes"
  for i in $(seq 1 20); do
    cat > "$dir/src/main/java/example/routes/R$i.java" <<JAVA
package example.routes;

import io.javeze.Route;

public final class R$i {
    private R$i() {}

    @Route(method = "GET", path = "/r$i/{word}")
    public static String r$i(String word) {
        return "r$i v0 " + word;
    }
}
JAVA
  done
}

edit() { # file, version: the handler's answer becomes "... v<version> ..."
  sed -i -E "s/ v[0-9]+ / v$2 /; s/\"(Hello|v[0-9]+), \"/\"v$2, \"/" "$1"
}

"${javeze[@]}" local start --port "$port" --data-dir "$work/cloud" > "$work/cloud.log" 2>&1 &
pids+=($!)
until curl -s -o /dev/null "$endpoint/_javeze/health"; do sleep 0.2; done

bench_app() { # name, project, file to edit, route path (with {word} filled), text before the version
  local name="$1" project="$2" file="$3" path="$4"
  local log="$work/$name-dev.log"
  "${javeze[@]}" dev --project "$project" --endpoint-url "$endpoint" --offline > "$log" 2>&1 &
  local dev=$!
  pids+=($dev)
  until grep -q '^watching ' "$log"; do
    kill -0 "$dev" 2>/dev/null || { cat "$log" >&2; exit 1; }
    sleep 0.2
  done
  local base
  base="$(grep -m1 '^API URL: ' "$log" | sed 's/^API URL: //')"
  local dev_times=() deploy_times=()
  for i in $(seq 1 "$edits"); do
    local t0; t0=$(now_ms); edit "$file" "$i"
    dev_times+=("$(await_answer "$base$path" "$t0" "v$i")")
    sleep 0.5 # the stream and the watcher settle before the next save
  done
  kill "$dev"; wait "$dev" 2>/dev/null || true
  grep -E '^(✓|✗|error)' "$log" | sed 's/^/    /' >&2
  for i in $(seq 1 "$peer_edits"); do
    local v=$((edits + i)) t0; t0=$(now_ms); edit "$file" "$v"
    "${javeze[@]}" deploy --project "$project" --local --endpoint-url "$endpoint" --offline > "$work/$name-deploy.log" 2>&1 \
      || { cat "$work/$name-deploy.log" >&2; exit 1; }
    deploy_times+=("$(await_answer "$base$path" "$t0" "v$v")")
  done
  stats "$name: javeze dev" "${dev_times[@]}"
  stats "$name: javeze deploy --local" "${deploy_times[@]}"
  local dev_p50 deploy_p50
  dev_p50=$(printf '%s\n' "${dev_times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')
  deploy_p50=$(printf '%s\n' "${deploy_times[@]}" | sort -n | awk '{a[NR]=$1} END {print (NR%2)?a[(NR+1)/2]:(a[NR/2]+a[NR/2+1])/2}')
  awk -v a="$deploy_p50" -v b="$dev_p50" -v n="$name" 'BEGIN { printf "%-34s %.1fx faster (p50)\n", n ": dev vs deploy --local", a / b }'
}

echo "javeze dev benchmark: $edits edits per app ($peer_edits with deploy --local), $(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg)"
apps="${APPS:-hello routes}"
if [[ " $apps " == *" hello "* ]]; then
  make_hello "$work/hello"
  bench_app hello-world "$work/hello" "$work/hello/src/main/java/example/hello/Hello.java" "/hello/bench"
fi
if [[ " $apps " == *" routes "* ]]; then
  make_routes "$work/routes"
  bench_app 20-routes "$work/routes" "$work/routes/src/main/java/example/routes/R7.java" "/r7/bench"
fi
echo "load after: $(cut -d' ' -f1-3 /proc/loadavg)"
