#!/usr/bin/env bash
# Benchmark: every classification metric of two models plus a 1,000-resample paired bootstrap of
# the ROC AUC difference over 1,000,000 predictions, mlops vs scikit-learn on the same files.
# Usage: benchmarks/model-metrics/run.sh [N] [RESAMPLES] [PEER_RESAMPLES]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-1000000}"
resamples="${2:-1000}"
peer_resamples="${3:-10}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

cd "$root"
./mvnw -q -o -pl mlops-core -am test-compile >/dev/null
./mvnw -q -o -pl mlops-core dependency:build-classpath -Dmdep.outputFile="$work/cp.txt" -Dmdep.includeScope=runtime >/dev/null
cp="mlops-core/target/classes:mlops-core/target/test-classes:$(cat "$work/cp.txt")"

echo "== data: $n binary predictions of a candidate and a baseline on the same examples"
/usr/bin/python3 "$here/generate.py" "$work" "$n"

echo "== mlops (Java $(java -version 2>&1 | head -1 | cut -d'"' -f2), $(nproc) cores)"
java -cp "$cp" io.jenkins.plugins.mlops.core.gate.BlessingBenchmark "$work/candidate.csv" "$work/baseline.csv" "$resamples" roc_auc | tee "$work/mlops.txt"
echo "== peer: scikit-learn $(/usr/bin/python3 -c 'import sklearn; print(sklearn.__version__)')"
/usr/bin/python3 "$here/peer_sklearn.py" "$work/candidate.csv" "$work/baseline.csv" "$resamples" "$peer_resamples" | tee "$work/peer.txt"

mw=$(sed -n 's/^MLOPS_WALL_SECONDS=//p' "$work/mlops.txt"); mc=$(sed -n 's/^MLOPS_CPU_SECONDS=//p' "$work/mlops.txt")
pw=$(sed -n 's/^PEER_WALL_SECONDS=//p' "$work/peer.txt"); pc=$(sed -n 's/^PEER_CPU_SECONDS=//p' "$work/peer.txt")
echo "== result (metrics + $resamples paired bootstrap resamples over $n predictions; CSV reading excluded)"
awk -v mw="$mw" -v mc="$mc" -v pw="$pw" -v pc="$pc" -v cores="$(nproc)" 'BEGIN {
  printf "mlops:        %.2f s wall, %.2f s CPU (%.2f s CPU / %d cores)  target < 5 s\n", mw, mc, mc / cores, cores;
  printf "scikit-learn: %.2f s wall, %.2f s CPU\n", pw, pc;
  printf "ratio (scikit-learn / mlops): %.1fx wall, %.1fx CPU\n", pw / mw, pc / mc }'
uptime | sed 's/^/machine load: /'
