#!/usr/bin/env bash
# Monitoring benchmark: `mlops monitor` over 1,000,000 logged predictions x 30 features (a serving log
# as docs/schemas/serving-log.schema.json describes, ~560 MB of JSON Lines) against 200,000 training rows,
# and pandas doing the same per-feature work in the same run: read the log and the training data,
# per feature a 10-bucket histogram of both over their common range and the Jensen-Shannon divergence.
# (mlops does more: the drift and the skew of every feature through the data-validation scan with its
# schema checks, the score's prediction drift, and the monitoring record in the registry.)
# Both measured with /usr/bin/time -v (wall time, peak RSS, CPU), rounds alternating, medians printed,
# then the ratio. With --big, mlops also reads the log three times over (3,000,000 lines) to show its
# memory does not grow with the window.
#
# Usage: benchmarks/monitoring/run.sh [--big] [--reps N]
# Env:   BENCH_DIR (default /tmp/mlops-bench-monitor) keeps the generated files between runs.
#        MLOPS_JAVA_OPTS (default "-Xmx256m -XX:+UseParallelGC"): JVM flags for the mlops run.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/mlops-bench-monitor}"
PY=/usr/bin/python3
JAVA_OPTS="${MLOPS_JAVA_OPTS:--Xmx256m -XX:+UseParallelGC}"
BIG=0
REPS=3
while [ $# -gt 0 ]; do
  case "$1" in
    --big) BIG=1 ;;
    --reps) REPS="$2"; shift ;;
    *) echo "usage: $0 [--big] [--reps N]" >&2; exit 2 ;;
  esac
  shift
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
"$PY" -c 'import pandas' 2>/dev/null || { echo "needs $PY with pandas (apt-get install -y python3-pandas)" >&2; exit 2; }
"$ROOT/bin/mlops" --version > /dev/null   # builds the CLI when missing or stale
mkdir -p "$DIR"
LOG="$DIR/serving-1m-x30.jsonl"
TRAIN="$DIR/train-200k-x30.csv"
if [ ! -s "$TRAIN" ]; then
  echo "generating $TRAIN (200,000 rows x 30 numeric features) ..."
  awk 'BEGIN { srand(7);
    for (c = 0; c < 30; c++) printf "%sf%d", (c ? "," : ""), c; print "";
    for (r = 0; r < 200000; r++) { line = "";
      for (c = 0; c < 30; c++) line = line (c ? "," : "") sprintf("%.5f", rand() * (c + 1));
      print line } }' > "$TRAIN.tmp" && mv "$TRAIN.tmp" "$TRAIN"
fi
if [ ! -s "$LOG" ]; then
  echo "generating $LOG (1,000,000 predictions x 30 features; features 0-4 drift upwards) ..."
  awk 'BEGIN { srand(11);
    for (r = 0; r < 1000000; r++) {
      f = "";
      for (c = 0; c < 30; c++) { v = rand() * (c + 1) + (c < 5 ? r / 1000000 * (c + 1) : 0);
        f = f (c ? "," : "") sprintf("\"f%d\":%.5f", c, v) }
      s = rand();
      printf "{\"request_id\":\"r%d\",\"time\":\"2026-12-06T%02d:%02d:%02dZ\",\"model_version\":\"1.0.0\",\"features\":{%s},\"prediction\":%d,\"score\":%.5f,\"latency_ms\":%.3f}\n",
        r, int(r / 360000) % 24, int(r / 6000) % 60, int(r / 100) % 60, f, (s >= 0.5), s, 1 + rand() * 4 } }' > "$LOG.tmp" \
    && mv "$LOG.tmp" "$LOG"
fi
SCHEMA="$DIR/schema.json"
if [ ! -s "$SCHEMA" ]; then
  head -n 10001 "$TRAIN" > "$DIR/head.csv"
  "$ROOT/bin/mlops" schema infer "$DIR/head.csv" --out "$SCHEMA" 2>/dev/null
fi
OUT="$DIR/out"
rm -rf "$OUT" && mkdir -p "$OUT"
echo "weights" > "$OUT/model.bin"
"$ROOT/bin/mlops" publish bench "$OUT/model.bin" --store "$OUT/store" > /dev/null 2>&1

PANDAS='
import json, sys
import numpy as np, pandas as pd
log, train = sys.argv[1], sys.argv[2]
serving = pd.DataFrame(pd.read_json(log, lines=True)["features"].tolist())
training = pd.read_csv(train)
def jsd(p, q):
    p = p / p.sum(); q = q / q.sum(); m = (p + q) / 2
    kl = lambda a, b: np.sum(np.where(a > 0, a * np.log2(np.where(a > 0, a, 1) / np.where(m > 0, b, 1)), 0))
    return (kl(p, m) + kl(q, m)) / 2
out = {}
for name in training.columns:
    a, b = training[name].to_numpy(), serving[name].to_numpy()
    lo, hi = min(a.min(), b.min()), max(a.max(), b.max())
    ha, _ = np.histogram(a, bins=10, range=(lo, hi)); hb, _ = np.histogram(b, bins=10, range=(lo, hi))
    out[name] = jsd(ha.astype(float), hb.astype(float))
print(len(serving), json.dumps(out))
'

# runs a command under /usr/bin/time -v; prints "wall_seconds peak_rss_kb cpu_seconds"
measure() {
  local log="$OUT/time.log"
  /usr/bin/time -v "$@" > "$OUT/stdout.log" 2> "$log" || {
    local rc=$?; if [ $rc -gt 1 ]; then cat "$log" >&2; echo "command failed ($rc): $*" >&2; exit 1; fi; }
  local wall rss cpu
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$log")
  rss=$(awk -F': ' '/Maximum resident set size/ { print $2 }' "$log")
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { print s }' "$log")
  echo "$wall $rss $cpu"
}
median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
monitor() {
  measure env MLOPS_JAVA_OPTS="$JAVA_OPTS" "$ROOT/bin/mlops" monitor bench "$@" --version 1.0.0 --training "$TRAIN" \
    --schema "$SCHEMA" --store "$OUT/store" --report-dir "$OUT" --json
}

MB=$(awk -v s="$(stat -c %s "$LOG")" 'BEGIN { printf "%.0f", s / 1e6 }')
echo "log: $LOG ($MB MB), training: $TRAIN; $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg), reps: $REPS"
echo "(other work on this machine slows both sides alike but not evenly: read the ratio with the load average)"
PW=(); PR=(); PC=(); MW=(); MR=(); MC=()
for i in $(seq 1 "$REPS"); do
  read -r w r c < <(measure "$PY" -c "$PANDAS" "$LOG" "$TRAIN"); PW+=("$w"); PR+=("$r"); PC+=("$c")
  cp "$OUT/stdout.log" "$OUT/pandas.out"
  head -c 12 "$OUT/pandas.out" | grep -q '^1000000 ' || { echo "pandas did not read 1,000,000 rows" >&2; exit 1; }
  read -r w r c < <(monitor "$LOG"); MW+=("$w"); MR+=("$r"); MC+=("$c")
  grep -q '"rows" : 1000000' "$OUT/monitoring.json" || { echo "mlops did not read 1,000,000 rows" >&2; exit 1; }
  echo "  round $i: pandas ${PW[-1]} s (cpu ${PC[-1]} s) ${PR[-1]} KB | mlops ${MW[-1]} s (cpu ${MC[-1]} s) ${MR[-1]} KB"
done
pw=$(printf '%s\n' "${PW[@]}" | median); mw=$(printf '%s\n' "${MW[@]}" | median)
pc=$(printf '%s\n' "${PC[@]}" | median); mc=$(printf '%s\n' "${MC[@]}" | median)
pr=$(printf '%s\n' "${PR[@]}" | sort -n | tail -1); mr=$(printf '%s\n' "${MR[@]}" | sort -n | tail -1)
awk -v pw="$pw" -v mw="$mw" -v pr="$pr" -v mr="$mr" -v pc="$pc" -v mc="$mc" 'BEGIN {
  printf "pandas read_json + read_csv + 30 histograms and JSDs: %.2f s  peak %.0f MB  cpu %.2f s\n", pw, pr / 1024, pc;
  printf "mlops monitor (drift + skew + prediction drift):      %.2f s  peak %.0f MB  cpu %.2f s\n", mw, mr / 1024, mc;
  printf "ratio (pandas time / mlops time): %.2fx; peak memory pandas / mlops: %.1fx\n", pw / mw, pr / mr }'
for f in f0 f4 f5 f29; do
  printf "  drift of %s: mlops %s  pandas %s\n" "$f" \
    "$(grep -A4 "\"feature\" : \"$f\"" "$OUT/monitoring.json" | awk -F' : ' '/"value"/ { gsub(",", "", $2); print $2; exit }')" \
    "$("$PY" -c 'import json,sys; print(json.loads(open(sys.argv[1]).read().split(" ", 1)[1])[sys.argv[2]])' "$OUT/pandas.out" "$f" 2>/dev/null || echo n/a)"
done

if [ "$BIG" = 1 ]; then
  read -r w r c < <(monitor "$LOG" "$LOG" "$LOG")
  awk -v w="$w" -v r="$r" -v mr="$mr" 'BEGIN {
    printf "mlops monitor over 3,000,000 lines: %.2f s  peak %.0f MB (vs %.0f MB over 1,000,000)\n", w, r / 1024, mr / 1024 }'
fi
