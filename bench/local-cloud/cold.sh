#!/usr/bin/env bash
# Cold start of the hello-world function through the HTTP API: the first request to a fresh local cloud, three
# times over one executor work directory per isolation. The first run records the JVM's class data archive when the
# local cloud stops it; the later runs start their function JVM from that archive. Sandboxed (bubblewrap) and
# unsandboxed (none) alternate, so both see the same machine load.
set -euo pipefail
cd "$(dirname "$0")/../.."
WORK="$(mktemp -d /tmp/javeze-bench.XXXXXX)"
. bench/local-cloud/lib.sh
trap cleanup EXIT
prepare
for run in 1 2 3; do
  for isolation in none bubblewrap; do
    export BENCH_ISOLATION=$isolation BENCH_RUNTIME_DIR="$WORK/runtime-$isolation"
    start_server 60
    printf 'run %s  %-10s first request %ss%s\n' "$run" "$isolation" "$(first_request)" \
      "$([ "$run" = 1 ] && echo ' (records the archive)' || echo ' (from the archive)')"
    stop_server
  done
done
ls "$WORK"/runtime-*/cds
