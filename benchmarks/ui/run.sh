#!/usr/bin/env bash
# UI benchmark (issue 8). Prints, for the comparison page of 1,000 runs x 50 metrics (20-point curves):
#  - server-side render time in-process, cold (first render in a fresh JVM) and warm (median of 10);
#  - GET /compare from `mlops ui` over loopback;
#  - in headless Chromium: page load, sort 1,000 rows, filter by param/tag, select a run (all client-side);
#  - the peer: plain Python building the bare table (no controls, no charts) from the same store.
# Target: server-side render < 1 s. Usage: benchmarks/ui/run.sh [--no-browser]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_OUT:-$root/benchmarks/out/ui}"
mkdir -p "$out"
py=/usr/bin/python3; [ -x "$py" ] || py=python3
if [ ! -d "$out/store/runs" ]; then "$py" "$root/benchmarks/tracking/generate.py" store "$out/store" 1000 50; fi
cd "$root"
./mvnw -o -q test-compile dependency:build-classpath -pl mlops-core,mlops-cli -Dmdep.outputFile="$out/cp.txt" >/dev/null
cp="$root/mlops-cli/target/test-classes:$root/mlops-cli/target/classes:$root/mlops-core/target/classes:$(cat "$out/cp.txt")"
echo "== comparison page, 1,000 runs x 50 metrics"
java -cp "$cp" io.jenkins.plugins.mlops.cli.ui.UiBenchmark "$out/store" "$@" | tee "$out/java.txt"
peer=(); for i in 1 2 3; do peer+=("$("$py" "$here/peer_render.py" "$out/store" | awk '{print $1*1000}')"); done
pt=$(printf '%s\n' "${peer[@]}" | sort -n | sed -n 2p)
echo "peer (Python string building of the bare table, median of 3): ${pt} ms"
warm=$(sed -n 's/.*warm (median of 10): \([0-9]*\) ms.*/\1/p' "$out/java.txt")
awk -v p="$pt" -v j="$warm" 'BEGIN {printf "ratio peer / mlops (warm, mlops also renders controls and charts): %.1fx\n", p / j}'
