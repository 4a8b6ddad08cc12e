#!/usr/bin/env bash
# Data-validation benchmark: `mlops validate data` (full statistics, schema checks, reports) against
# pandas `read_csv` + `describe()` on the same generated 1,000,000 x 20 numeric CSV (~180 MB), both
# measured in this run with /usr/bin/time -v (wall time, peak RSS). Prints MB/s of both, the ratio
# and peak memory. Then the floor: the two costs that any scan built on the issue's parts pays
# (FastCSV reading the file, JVM start included; KLL sketching every value), measured apart by
# Floor.java, and the best ratio to pandas they leave on this machine.
# With --big, also runs mlops on a ~2 GB file to show memory does not grow with size.
#
# Usage: benchmarks/data-validation/run.sh [--big] [--reps N]
# Env:   BENCH_DIR (default /tmp/mlops-bench-data) keeps the generated files between runs.
#        MLOPS_JAVA_OPTS (default "-Xmx256m -XX:+UseParallelGC"): JVM flags for the mlops run.
# mlops runs through bin/mlops, as users run it (with its class-data sharing archive).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/mlops-bench-data}"
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
"$ROOT/bin/mlops" --version > /dev/null   # builds the CLI and its class-data archive when missing or stale
mkdir -p "$DIR"
CSV="$DIR/bench-1m-x20.csv"
if [ ! -s "$CSV" ]; then
  echo "generating $CSV (1,000,000 rows x 20 numeric columns) ..."
  awk 'BEGIN { srand(42);
    for (c = 0; c < 20; c++) printf "%sf%d", (c ? "," : ""), c; print "";
    for (r = 0; r < 1000000; r++) { line = "";
      for (c = 0; c < 20; c++) line = line (c ? "," : "") sprintf("%.6f", rand() * (c + 1) - c / 2);
      print line } }' > "$CSV.tmp" && mv "$CSV.tmp" "$CSV"
fi
SCHEMA="$DIR/schema.json"
if [ ! -s "$SCHEMA" ]; then
  head -n 10001 "$CSV" > "$DIR/head.csv"
  "$ROOT/bin/mlops" schema infer "$DIR/head.csv" --out "$SCHEMA" 2>/dev/null
fi
OUT="$DIR/out"
rm -rf "$OUT" && mkdir -p "$OUT"

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

SIZE=$(stat -c %s "$CSV")
MB=$(awk -v s="$SIZE" 'BEGIN { printf "%.1f", s / 1e6 }')
echo "file: $CSV ($MB MB), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg), reps: $REPS"
PANDAS_WALL=(); PANDAS_RSS=(); PANDAS_CPU=(); MLOPS_WALL=(); MLOPS_RSS=(); MLOPS_CPU=()
for i in $(seq 1 "$REPS"); do
  read -r w r c < <(measure "$PY" -c "import pandas as pd, sys; df = pd.read_csv(sys.argv[1]); print(df.describe())" "$CSV")
  PANDAS_WALL+=("$w"); PANDAS_RSS+=("$r"); PANDAS_CPU+=("$c")
  read -r w r c < <(measure env MLOPS_JAVA_OPTS="$JAVA_OPTS" "$ROOT/bin/mlops" validate data "$CSV" --schema "$SCHEMA" \
      --report-dir "$OUT/reports" --store "$OUT/store")
  MLOPS_WALL+=("$w"); MLOPS_RSS+=("$r"); MLOPS_CPU+=("$c")
  echo "  rep $i: pandas ${PANDAS_WALL[-1]} s (cpu ${PANDAS_CPU[-1]} s) ${PANDAS_RSS[-1]} KB | mlops ${MLOPS_WALL[-1]} s (cpu ${MLOPS_CPU[-1]} s) ${MLOPS_RSS[-1]} KB"
done
PW=$(printf '%s\n' "${PANDAS_WALL[@]}" | median); MW=$(printf '%s\n' "${MLOPS_WALL[@]}" | median)
PC=$(printf '%s\n' "${PANDAS_CPU[@]}" | median); MC=$(printf '%s\n' "${MLOPS_CPU[@]}" | median)
PR=$(printf '%s\n' "${PANDAS_RSS[@]}" | sort -n | tail -1); MR=$(printf '%s\n' "${MLOPS_RSS[@]}" | sort -n | tail -1)
grep -q '"rows" : 1000000' "$OUT/reports/data-statistics.json" || { echo "mlops did not read 1,000,000 rows" >&2; exit 1; }
awk -v s="$SIZE" -v pw="$PW" -v mw="$MW" -v pr="$PR" -v mr="$MR" -v pc="$PC" -v mc="$MC" 'BEGIN {
  printf "pandas read_csv+describe: %.2f s  %.0f MB/s  peak %.0f MB  cpu %.2f s\n", pw, s / 1e6 / pw, pr / 1024, pc;
  printf "mlops validate data:      %.2f s  %.0f MB/s  peak %.0f MB  cpu %.2f s\n", mw, s / 1e6 / mw, mr / 1024, mc;
  printf "ratio (pandas time / mlops time): %.2fx (target >= 4x); mlops peak memory %.0f MB (target < 512 MB)\n", pw / mw, mr / 1024 }'

# The floor. Both parts keep every core busy, so no scan can overlap them: their sum bounds any
# FastCSV + KLL scan from below, whatever else it does or leaves out.
JAR="$ROOT/mlops-cli/target/mlops.jar"
javac -d "$OUT/floor" -cp "$JAR" "$ROOT/benchmarks/data-validation/Floor.java"
COLUMNS=$(head -n 1 "$CSV" | awk -F, '{ print NF }')
VALUES=$(( ($(wc -l < "$CSV") - 1) * COLUMNS ))
CSV_FLOOR=(); KLL_FLOOR=()
for i in $(seq 1 "$REPS"); do
  read -r w r c < <(measure java $JAVA_OPTS -cp "$JAR:$OUT/floor" Floor csv "$CSV" "$(nproc)")
  CSV_FLOOR+=("$w")
  KLL_FLOOR+=("$(java $JAVA_OPTS -cp "$JAR:$OUT/floor" Floor kll "$VALUES" "$COLUMNS" "$(nproc)")")
done
CF=$(printf '%s\n' "${CSV_FLOOR[@]}" | median); KF=$(printf '%s\n' "${KLL_FLOOR[@]}" | median)
awk -v pw="$PW" -v cf="$CF" -v kf="$KF" -v n="$VALUES" -v cores="$(nproc)" 'BEGIN {
  printf "floor: FastCSV alone, reading every field (fresh JVM, %d threads, nothing else): %.2f s\n", cores, cf;
  printf "floor: KLL k=200 sketching the %d values (%d threads, fresh JVM, updates only): %.2f s\n", n, cores, kf;
  printf "floor: no FastCSV + KLL scan can take less than %.2f s here, so at most %.2fx pandas (4x needs <= %.2f s)\n",
    cf + kf, pw / (cf + kf), pw / 4 }'

if [ "$BIG" = 1 ]; then
  BIGCSV="$DIR/bench-2g.csv"
  if [ ! -s "$BIGCSV" ]; then
    echo "generating $BIGCSV (the 1M-row body 11 times, ~2 GB) ..."
    { head -n 1 "$CSV"; for k in $(seq 1 11); do tail -n +2 "$CSV"; done; } > "$BIGCSV.tmp" && mv "$BIGCSV.tmp" "$BIGCSV"
  fi
  BSIZE=$(stat -c %s "$BIGCSV")
  read -r w r c < <(measure env MLOPS_JAVA_OPTS="$JAVA_OPTS" "$ROOT/bin/mlops" validate data "$BIGCSV" --schema "$SCHEMA" \
      --report-dir "$OUT/reports-big" --store "$OUT/store")
  awk -v s="$BSIZE" -v w="$w" -v r="$r" -v mr="$MR" 'BEGIN {
    printf "mlops on %.0f MB: %.2f s  %.0f MB/s  peak %.0f MB (vs %.0f MB on the %.0fx smaller file)\n",
      s / 1e6, w, s / 1e6 / w, r / 1024, mr / 1024, s / 1e6 / 183 }'
fi
