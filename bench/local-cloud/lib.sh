# Shared by run.sh and rss.sh: builds the classpath and the hello-world package, starts and stops a BenchServer.
# Callers set WORK (a temp dir) and run from the repository root.

prepare() {
  command -v wrk >/dev/null || { echo "error: wrk not found (apt-get install -y wrk)" >&2; exit 1; }
  if [ "${BENCH_SKIP_BUILD:-0}" != 1 ]; then
    # packaged in this tree, not installed: ~/.m2 may be shared with other checkouts
    mvn -q -o -B -pl javeze-local-cloud -am package -DskipTests >/dev/null
  fi
  mvn -q -o -B -pl javeze-local-cloud dependency:build-classpath -Dmdep.includeScope=test -Dmdep.outputFile="$WORK/cp.txt" >/dev/null
  # private copies of this tree's jars, ahead of the installed ones: other builds may rewrite target/ while we run
  cp javeze-local-cloud/target/javeze-local-cloud-0.1.0-SNAPSHOT.jar "$WORK/local-cloud.jar"
  cp javeze-config/target/javeze-config-0.1.0-SNAPSHOT.jar "$WORK/config.jar"
  CP="$WORK/local-cloud.jar:$WORK/config.jar:$(cat "$WORK/cp.txt")"
  # the hello-world function: the test fixture, compiled and packaged as a Lambda zip
  mkdir -p "$WORK/fn"
  javac --release 17 -cp "$CP" -d "$WORK/fn" javeze-local-cloud/src/test/java/io/javeze/local/exec/fixtures/Hello.java
  (cd "$WORK/fn" && jar --create --file "$WORK/hello.zip" --no-manifest io)
}

# function_pid: the warm function JVM (inside its sandbox, if any: bwrap's command line names the handler too)
function_pid() {
  for pid in $(pgrep -f 'fixtures.Hello::handleRequest'); do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ] && echo "$pid"
  done | head -1
}

# function_count: how many function JVMs run
function_count() {
  for pid in $(pgrep -f 'fixtures.Hello::handleRequest'); do
    [ "$(cat "/proc/$pid/comm" 2>/dev/null)" = java ] && echo "$pid"
  done | wc -l
}

# first_request: time of the first (cold) request in seconds, after checking it answered 200
first_request() {
  local out
  out="$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "$URL")"
  [ "${out%% *}" = 200 ] || { echo "error: first request answered ${out%% *}" >&2; cat "$WORK/server.err" >&2; exit 1; }
  echo "${out#* }"
}

# start_server <limit-seconds>: sets SERVER_PID and URL; the server stops when fd 3 closes or the limit passes.
# BENCH_ISOLATION (bubblewrap by default) sandboxes the function or not.
start_server() {
  rm -f "$WORK/stdin" "$WORK/server.out"
  mkfifo "$WORK/stdin"
  timeout $(($1 + 30)) java -cp "$CP" bench/local-cloud/BenchServer.java "$WORK/hello.zip" "$1" \
    < "$WORK/stdin" > "$WORK/server.out" 2> "$WORK/server.err" &
  SERVER_PID=$!
  exec 3> "$WORK/stdin"
  for _ in $(seq 1 180); do grep -q '^URL ' "$WORK/server.out" 2>/dev/null && break; sleep 0.5; done
  URL="$(grep '^URL ' "$WORK/server.out" | cut -d' ' -f2)" || { cat "$WORK/server.err" >&2; exit 1; }
}

stop_server() {
  exec 3>&-
  if [ -n "${SERVER_PID:-}" ]; then wait "$SERVER_PID" 2>/dev/null || true; SERVER_PID=""; fi
}

cleanup() {
  if [ -n "${SERVER_PID:-}" ]; then kill "$SERVER_PID" 2>/dev/null || true; wait "$SERVER_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
