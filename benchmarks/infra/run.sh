#!/usr/bin/env bash
# Infra validation benchmark (one command):
#  1. mlops's load generator vs wrk against the same trivial loopback server (nginx 'return 200'),
#     same connections and duration, in the same run: requests/s and p50/p90/p99 side by side, at 1
#     connection (client and server, one core each) and at 8 (clients and server queue for the cores).
#  2. the sandbox's own start overhead: serve.py's ready time in bubblewrap minus as a plain process.
# Usage: benchmarks/infra/run.sh [--seconds 4] [--load-rounds 5] [--connections 1,8] [--rounds 5] [--skip-load] [--skip-overhead]
set -euo pipefail
cd "$(dirname "$0")/../.."
if [ ! -f mlops-cli/target/mlops.jar ] || [ -n "$(find mlops-core/src mlops-cli/src -newer mlops-cli/target/mlops.jar -print -quit)" ]; then
  ./mvnw -o -q package -pl mlops-core,mlops-cli -am -DskipTests
fi
echo "machine: $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
exec java -XX:+UseParallelGC -cp mlops-cli/target/mlops.jar io.jenkins.plugins.mlops.cli.infra.InfraBenchmark \
  --example examples/breast-cancer "$@"
