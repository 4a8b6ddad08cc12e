#!/usr/bin/env bash
# Wide-data benchmark: `mlops validate data` on files of many columns, as an adversarial probe
# (issue 16) ran it: a 100,000-column CSV of 889 KB (a header and one row of digits), 10,000
# columns x 1,000 rows (numbers and short strings) and 40,000 x 250 numbers (39 MB). Each is validated against a schema inferred
# from itself, with itself as the reference (drift on every feature), recorded into a run and
# copied to --report-dir, under /usr/bin/time -v. Prints wall time, peak RSS, the run.json size
# and the size of each report, once with the JVM's default heap and once with a heap cap.
#
# Usage: benchmarks/data-validation/wide.sh [--heap SIZE] [--no-reference]
#        --heap SIZE  the cap of the second run (default 768m); --heap none runs the default only
# Env:   BENCH_DIR (default /tmp/mlops-bench-wide) keeps the generated files between runs.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/mlops-bench-wide}"
HEAP=768m
REFERENCE=1
while [ $# -gt 0 ]; do
  case "$1" in
    --heap) HEAP="$2"; shift ;;
    --no-reference) REFERENCE=0 ;;
    *) echo "usage: $0 [--heap SIZE|none] [--no-reference]" >&2; exit 2 ;;
  esac
  shift
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
"$ROOT/bin/mlops" --version > /dev/null   # builds the CLI and its class-data archive when missing or stale
mkdir -p "$DIR"

W100K="$DIR/wide-100000x1.csv"
[ -s "$W100K" ] || awk 'BEGIN { for (c = 0; c < 100000; c++) printf "%sc%d", (c ? "," : ""), c; print "";
  for (c = 0; c < 100000; c++) printf "%s%d", (c ? "," : ""), c % 10; print "" }' > "$W100K"
W10K="$DIR/wide-10000x1000.csv"
[ -s "$W10K" ] || awk 'BEGIN { srand(1); for (c = 0; c < 10000; c++) printf "%sc%d", (c ? "," : ""), c; print "";
  for (r = 0; r < 1000; r++) { for (c = 0; c < 10000; c++)
    printf "%s%s", (c ? "," : ""), (c % 5 == 4 ? "s" int(rand() * 8) : int(rand() * 100)); print "" } }' > "$W10K"
W40K="$DIR/wide-40000x250.csv"   # many rows too: every column holds KLL sketches (the budget's case)
[ -s "$W40K" ] || awk 'BEGIN { srand(2); for (c = 0; c < 40000; c++) printf "%sc%d", (c ? "," : ""), c; print "";
  for (r = 0; r < 250; r++) { for (c = 0; c < 40000; c++) printf "%s%d", (c ? "," : ""), int(rand() * 1000); print "" } }' > "$W40K"

# runs one validation; prints "wall_s cpu_s peak_MB run_json_bytes statistics anomalies html junit exit"
validate() {
  local csv="$1" heap="$2" out="$DIR/out"
  rm -rf "$out" && mkdir -p "$out"
  "$ROOT/bin/mlops" track --store "$out/store" -p bench=wide -w "$DIR" > /dev/null
  local ref=(); [ "$REFERENCE" = 1 ] && ref=(--reference "$csv")
  local opts=""; [ "$heap" != default ] && opts="-Xmx$heap"
  local rc=0
  /usr/bin/time -v env MLOPS_JAVA_OPTS="$opts" "$ROOT/bin/mlops" validate data "$csv" --schema "$csv.schema.json" \
      "${ref[@]}" --store "$out/store" --report-dir "$out/reports" > "$out/stdout" 2> "$out/time.log" || rc=$?
  local wall rss cpu
  cpu=$(awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.1f", s }' "$out/time.log")
  wall=$(awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; print s }' "$out/time.log")
  rss=$(awk -F': ' '/Maximum resident set size/ { printf "%.0f", $2 / 1024 }' "$out/time.log")
  size() { stat -c %s "$1" 2>/dev/null || echo 0; }
  echo "$wall $cpu $rss $(size "$(find "$out/store/runs" -name run.json | head -1)") $(size "$out/reports/data-statistics.json")" \
       "$(size "$out/reports/data-anomalies.json") $(size "$out/reports/data-validation.html")" \
       "$(size "$out/reports/data-validation-junit.xml") $rc"
}

echo "$(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg), reference: $([ "$REFERENCE" = 1 ] && echo yes || echo no)"
printf '%-22s %-8s %8s %7s %9s %10s %12s %11s %9s %9s %5s\n' file heap wall_s cpu_s peak_MB run.json stats.json anomalies html junit exit
for csv in "$W100K" "$W10K" "$W40K"; do
  [ -s "$csv.schema.json" ] || "$ROOT/bin/mlops" schema infer "$csv" --out "$csv.schema.json" > /dev/null 2>&1
  heaps=(default); [ "$HEAP" != none ] && heaps+=("$HEAP")
  for heap in "${heaps[@]}"; do
    read -r wall cpu rss run stats anomalies html junit rc < <(validate "$csv" "$heap")
    mb() { awk -v b="$1" 'BEGIN { printf "%.1fM", b / 1e6 }'; }
    printf '%-22s %-8s %8s %7s %9s %10s %12s %11s %9s %9s %5s\n' "$(basename "$csv" .csv)" "$heap" "$wall" "$cpu" "$rss" \
        "$(mb "$run")" "$(mb "$stats")" "$(mb "$anomalies")" "$(mb "$html")" "$(mb "$junit")" "$rc"
  done
done
