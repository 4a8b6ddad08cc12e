#!/usr/bin/env bash
# Infra validation benchmark (one command):
#  1. mlops's load generator vs wrk against the same trivial loopback server (nginx 'return 200'),
#     same connections and duration, in the same run: requests/s and p50/p90/p99 side by side, at 1
#     connection (client and server, one core each) and at 8 (clients and server queue for the cores).
#     At one connection, a blocking C client (blocking_client.c, built with gcc when present) runs
#     in the same rounds as a third opinion: the leanest client there is, with no event loop.
#  2. the sandbox's own start overhead: serve.py's ready time in bubblewrap minus as a plain process.
# Usage: benchmarks/infra/run.sh [--seconds 4] [--load-rounds 5] [--connections 1,8] [--rounds 5] [--skip-load] [--skip-overhead]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f mlops-cli/target/mlops.jar ] || [ -n "$(find mlops-core/src mlops-cli/src -newer mlops-cli/target/mlops.jar -print -quit)" ]; then
  ./mvnw -o -q package -pl mlops-core,mlops-cli -am -DskipTests
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
# a third opinion at one connection: the leanest client (blocking C, no event loop), when gcc is here
client=()
bin_dir="$(mktemp -d)"
trap 'rm -rf "$bin_dir"' EXIT
if command -v gcc > /dev/null && gcc -O2 -o "$bin_dir/blocking_client" benchmarks/infra/blocking_client.c; then
  client=(--blocking-client "$bin_dir/blocking_client")
fi
java -XX:+UseParallelGC -cp mlops-cli/target/mlops.jar io.jenkins.plugins.mlops.cli.infra.InfraBenchmark \
  --example examples/breast-cancer "${client[@]}" "$@"
