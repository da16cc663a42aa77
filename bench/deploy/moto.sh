#!/usr/bin/env bash
# Issue 13's deploy target: the bench app's 56-function cold deploy against the local cloud (realistic Lambda state
# delays) and against moto, both behind the same 50 ms per AWS call (added by the SDK client, not by either server),
# alternating which goes first round by round; every deploy a fresh JVM with the CLI's flags. Prints per round wall
# time, calls, writes, the endpoint's CPU and the ratio local/moto, then per operation how long each took to answer.
# Run by hand, never by CI: it needs moto's server (`pip install 'moto[server]'`), which the build does not.
# Usage: bench/deploy/moto.sh [WORK_DIR] [ROUNDS (default 2)]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
work="${1:-$(mktemp -d)}"
rounds="${2:-2}"
motos="${BENCH_MOTO_SERVER:-moto_server}"
if ! "$motos" --help > /dev/null 2>&1; then
  echo "moto is not installed here: '$motos' does not run (pip install 'moto[server]', or set BENCH_MOTO_SERVER); nothing measured" >&2
  exit 2
fi
mkdir -p "$work"
cp="$("$root/bench/deploy/classpath.sh" "$root" "$work/classpath")"
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
timeout 3600 java -cp "$cp" io.javeze.deploy.bench.MotoBenchmark "$work" "$rounds"
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
