#!/usr/bin/env bash
# Cold start of the hello-world function through the HTTP API: the first request to a fresh local cloud, three
# times over one executor work directory. The first run records the JVM's class data archive when the local cloud
# stops it; the later runs start their function JVM from that archive.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap cleanup EXIT
prepare
export BENCH_RUNTIME_DIR="$WORK/runtime"
for run in 1 2 3; do
  start_server 60
  printf 'run %s: first request %s\n' "$run" "$(curl -s -o /dev/null -w 'status %{http_code} in %{time_total}s' "$URL")"
  stop_server
done
ls "$BENCH_RUNTIME_DIR/cds"
