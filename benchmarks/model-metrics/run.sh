#!/usr/bin/env bash
# Benchmark: every classification metric of two models plus a 1,000-resample paired bootstrap of
# the ROC AUC difference over 1,000,000 predictions, mlops vs scikit-learn on the same files.
# Then reading and blessing in ROUNDS alternating rounds (fresh processes, medians): reading the two
# files (mlops vs pandas, both timed inside their process) and a whole `mlops bless` process
# (JVM start, reading, pairing, every metric, gates; no bootstrap) against pandas' reading plus
# scikit-learn's metrics (timed inside python, imports excluded).
# Usage: benchmarks/model-metrics/run.sh [N] [RESAMPLES] [PEER_RESAMPLES] [ROUNDS]
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
n="${1:-1000000}"
resamples="${2:-1000}"
peer_resamples="${3:-10}"
rounds="${4:-3}"
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

echo "== reading and blessing: $rounds alternating rounds, fresh processes, medians"
"$root/bin/mlops" --version >/dev/null   # builds the CLI (and its class-data archive) when stale
cat > "$work/gates.yaml" <<'YAML'
name: benchmark
gates:
  - metric: roc_auc
    higherIsBetter: true
    threshold: 0.5
    minAbsoluteChange: -0.05
  - metric: log_loss
    higherIsBetter: false
    threshold: 1.0
bootstrap: {resamples: 0}
YAML
: > "$work/rounds.txt"
for r in $(seq 1 "$rounds"); do
  mr=$(java -cp "$cp" io.jenkins.plugins.mlops.core.gate.BlessingBenchmark --read-only "$work/candidate.csv" "$work/baseline.csv" \
       | sed -n 's/^MLOPS_READ_SECONDS=//p')
  /usr/bin/python3 "$here/peer_sklearn.py" "$work/candidate.csv" "$work/baseline.csv" 0 0 > "$work/peer-round.txt"
  pr=$(sed -n 's/^PEER_READ_SECONDS=//p' "$work/peer-round.txt"); pm=$(sed -n 's/^PEER_METRICS_SECONDS=//p' "$work/peer-round.txt")
  s0=$(date +%s.%N)
  (cd "$work" && "$root/bin/mlops" bless -g gates.yaml -c candidate.csv -b baseline.csv --no-record > bless.txt) || {
    cat "$work/bless.txt"; echo "mlops bless failed" >&2; exit 1; }
  s1=$(date +%s.%N)
  mb=$(awk -v a="$s0" -v b="$s1" 'BEGIN { printf "%.3f", b - a }')
  printf "round %d: read mlops %.2f s, pandas %.2f s | mlops bless (whole process) %.2f s, pandas read + sklearn metrics %.2f s\n" \
    "$r" "$mr" "$pr" "$mb" "$(awk -v a="$pr" -v b="$pm" 'BEGIN { print a + b }')"
  echo "$mr $pr $mb $pm" >> "$work/rounds.txt"
done
median() { sort -g | awk '{ v[NR] = $1 } END { print (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2 }'; }
mr=$(awk '{ print $1 }' "$work/rounds.txt" | median); pr=$(awk '{ print $2 }' "$work/rounds.txt" | median)
mb=$(awk '{ print $3 }' "$work/rounds.txt" | median); prm=$(awk '{ print $2 + $4 }' "$work/rounds.txt" | median)
echo "== result (medians of $rounds rounds, $n predictions per file)"
awk -v mr="$mr" -v pr="$pr" -v mb="$mb" -v prm="$prm" 'BEGIN {
  printf "reading both files:  mlops %.2f s, pandas %.2f s: pandas / mlops = %.2fx (target >= 1)  %s\n", mr, pr, pr / mr, (mr <= pr ? "MET" : "NOT MET");
  printf "blessing:            mlops bless %.2f s (whole process), pandas read + scikit-learn metrics %.2f s: ratio %.2fx (target >= 1)  %s\n",
    mb, prm, prm / mb, (mb < prm ? "MET" : "NOT MET") }'
uptime | sed 's/^/machine load: /'
