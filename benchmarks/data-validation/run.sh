#!/usr/bin/env bash
# Data-validation benchmark: `mlops validate data` (full statistics, schema checks, reports) against
# pandas `read_csv` + `describe()` and DuckDB `SUMMARIZE` on the same generated 1,000,000 x 20
# numeric CSV (~188 MB), all three measured in this run as whole processes with /usr/bin/time -v
# (wall time, peak RSS), in alternating rounds; prints the medians, MB/s, peak memory and the ratios.
# DuckDB runs through the Python `duckdb` package when /usr/bin/python3 can import it, else through
# org.duckdb:duckdb_jdbc from Maven Central (DuckSummarize.java), with 2 threads and a 256 MB limit.
# Then the floor: the time just to read the file's bytes on every core (Floor.java, fresh JVM).
# With --big, also runs mlops on a ~2 GB file to show memory does not grow with size.
# With --baseline ROOT, each round also runs ROOT/bin/mlops (another build's checkout, e.g. a
# `git worktree` of main) right after this one, so that two builds are compared in the same run.
#
# Usage: benchmarks/data-validation/run.sh [--big] [--reps N] [--baseline ROOT]
# Env:   BENCH_DIR (default /tmp/mlops-bench-data) keeps the generated files between runs.
#        MLOPS_JAVA_OPTS (default "-Xmx256m -XX:+UseParallelGC"): JVM flags for the mlops run.
#        DUCKDB_VERSION (default 2.0.0.1): the JDBC driver's version when Python has no duckdb.
# mlops runs through bin/mlops, as users run it (with its class-data sharing archive).
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/mlops-bench-data}"
PY=/usr/bin/python3
JAVA_OPTS="${MLOPS_JAVA_OPTS:--Xmx256m -XX:+UseParallelGC}"
DUCKDB_VERSION="${DUCKDB_VERSION:-2.0.0.1}"
BIG=0
REPS=3
BASE=""
while [ $# -gt 0 ]; do
  case "$1" in
    --big) BIG=1 ;;
    --reps) REPS="$2"; shift ;;
    --baseline) BASE="$2"; shift; [ -x "$BASE/bin/mlops" ] || { echo "--baseline: no $BASE/bin/mlops" >&2; exit 2; } ;;
    *) echo "usage: $0 [--big] [--reps N] [--baseline ROOT]" >&2; exit 2 ;;
  esac
  shift
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
"$PY" -c 'import pandas' 2>/dev/null || { echo "needs $PY with pandas (apt-get install -y python3-pandas)" >&2; exit 2; }
"$ROOT/bin/mlops" --version > /dev/null   # builds the CLI and its class-data archive when missing or stale
[ -z "$BASE" ] || "$BASE/bin/mlops" --version > /dev/null
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

# DuckDB: the Python package if importable, else the JDBC driver (fetched into ~/.m2 by Maven once)
if "$PY" -c 'import duckdb' 2>/dev/null; then
  DUCK=("$PY" -c "import duckdb, sys; c = duckdb.connect(); c.execute('SET threads = 2'); c.execute(\"SET memory_limit = '256MB'\"); print(c.sql(\"SUMMARIZE SELECT * FROM read_csv('\" + sys.argv[1] + \"')\").fetchall())" "$CSV")
  DUCK_NAME="DuckDB SUMMARIZE (python duckdb)"
else
  DUCK_JAR="$HOME/.m2/repository/org/duckdb/duckdb_jdbc/$DUCKDB_VERSION/duckdb_jdbc-$DUCKDB_VERSION.jar"
  if [ ! -s "$DUCK_JAR" ]; then
    mvn -B -ntp -q dependency:get -Dartifact="org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" >&2 \
      || { echo "needs DuckDB: python3 -c 'import duckdb' fails and Maven could not fetch org.duckdb:duckdb_jdbc:$DUCKDB_VERSION" >&2; exit 2; }
  fi
  javac -d "$OUT/duck" "$ROOT/benchmarks/data-validation/DuckSummarize.java"
  DUCK=(java -cp "$DUCK_JAR:$OUT/duck" DuckSummarize "$CSV" 2 256MB)
  DUCK_NAME="DuckDB SUMMARIZE (jdbc $DUCKDB_VERSION)"
fi

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
maximum() { sort -n | tail -1; }

SIZE=$(stat -Lc %s "$CSV")
MB=$(awk -v s="$SIZE" 'BEGIN { printf "%.1f", s / 1e6 }')
echo "file: $CSV ($MB MB), $(nproc) cores, load average: $(cut -d' ' -f1-3 /proc/loadavg), reps: $REPS"
declare -a PW PR PC DW DR DC MW MR MC BW BR BC
for i in $(seq 1 "$REPS"); do
  read -r w r c < <(measure "$PY" -c "import pandas as pd, sys; df = pd.read_csv(sys.argv[1]); print(df.describe())" "$CSV")
  PW+=("$w"); PR+=("$r"); PC+=("$c")
  read -r w r c < <(measure "${DUCK[@]}")
  DW+=("$w"); DR+=("$r"); DC+=("$c")
  read -r w r c < <(measure env MLOPS_JAVA_OPTS="$JAVA_OPTS" "$ROOT/bin/mlops" validate data "$CSV" --schema "$SCHEMA" \
      --report-dir "$OUT/reports" --store "$OUT/store")
  MW+=("$w"); MR+=("$r"); MC+=("$c")
  base=""
  if [ -n "$BASE" ]; then
    read -r w r c < <(measure env MLOPS_JAVA_OPTS="$JAVA_OPTS" "$BASE/bin/mlops" validate data "$CSV" --schema "$SCHEMA" \
        --report-dir "$OUT/reports-baseline" --store "$OUT/store")
    BW+=("$w"); BR+=("$r"); BC+=("$c")
    base=" | baseline ${BW[-1]} s ${BR[-1]} KB ${BC[-1]} s cpu"
  fi
  echo "  round $i: pandas ${PW[-1]} s ${PR[-1]} KB | duckdb ${DW[-1]} s ${DR[-1]} KB | mlops ${MW[-1]} s ${MR[-1]} KB ${MC[-1]} s cpu$base (load $(cut -d' ' -f1 /proc/loadavg))"
done
grep -q '"rows" : 1000000' "$OUT/reports/data-statistics.json" || { echo "mlops did not read 1,000,000 rows" >&2; exit 1; }
P_W=$(printf '%s\n' "${PW[@]}" | median); D_W=$(printf '%s\n' "${DW[@]}" | median); M_W=$(printf '%s\n' "${MW[@]}" | median)
P_C=$(printf '%s\n' "${PC[@]}" | median); D_C=$(printf '%s\n' "${DC[@]}" | median); M_C=$(printf '%s\n' "${MC[@]}" | median)
P_R=$(printf '%s\n' "${PR[@]}" | maximum); D_R=$(printf '%s\n' "${DR[@]}" | maximum); M_R=$(printf '%s\n' "${MR[@]}" | maximum)
awk -v s="$SIZE" -v pw="$P_W" -v dw="$D_W" -v mw="$M_W" -v pc="$P_C" -v dc="$D_C" -v mc="$M_C" \
    -v pr="$P_R" -v dr="$D_R" -v mr="$M_R" -v dn="$DUCK_NAME" 'BEGIN {
  printf "pandas read_csv+describe:  %6.2f s  %4.0f MB/s  peak %4.0f MB  cpu %.2f s\n", pw, s / 1e6 / pw, pr / 1024, pc;
  printf "%-26s %6.2f s  %4.0f MB/s  peak %4.0f MB  cpu %.2f s\n", dn ":", dw, s / 1e6 / dw, dr / 1024, dc;
  printf "mlops validate data:       %6.2f s  %4.0f MB/s  peak %4.0f MB  cpu %.2f s\n", mw, s / 1e6 / mw, mr / 1024, mc;
  printf "ratios: pandas/mlops %.2fx (target >= 3x), DuckDB/mlops %.2fx (target >= 4x); mlops peak %.0f MB (target < 256 MB)\n",
    pw / mw, dw / mw, mr / 1024 }'
if [ -n "$BASE" ]; then
  B_W=$(printf '%s\n' "${BW[@]}" | median); B_C=$(printf '%s\n' "${BC[@]}" | median); B_R=$(printf '%s\n' "${BR[@]}" | maximum)
  awk -v s="$SIZE" -v bw="$B_W" -v bc="$B_C" -v br="$B_R" -v pw="$P_W" -v dw="$D_W" -v b="$BASE" 'BEGIN {
    printf "baseline %s: %6.2f s  %4.0f MB/s  peak %4.0f MB  cpu %.2f s; pandas/baseline %.2fx, DuckDB/baseline %.2fx\n",
      b, bw, s / 1e6 / bw, br / 1024, bc, pw / bw, dw / bw }'
fi

# The floor: reading the bytes on every core, JVM start included; no scan of this file takes less.
javac -d "$OUT/floor" "$ROOT/benchmarks/data-validation/Floor.java"
FW=()
for i in $(seq 1 "$REPS"); do
  read -r w r c < <(measure java -cp "$OUT/floor" Floor "$CSV" "$(nproc)")
  FW+=("$w")
done
F_W=$(printf '%s\n' "${FW[@]}" | median)
awk -v fw="$F_W" -v mw="$M_W" -v pw="$P_W" -v s="$SIZE" -v cores="$(nproc)" 'BEGIN {
  printf "floor: reading the bytes (%d threads, fresh JVM, nothing else): %.2f s (%.0f MB/s); mlops takes %.2fx the floor, pandas %.2fx\n",
    cores, fw, s / 1e6 / fw, mw / fw, pw / fw }'

if [ "$BIG" = 1 ]; then
  BIGCSV="$DIR/bench-2g.csv"
  if [ ! -s "$BIGCSV" ]; then
    echo "generating $BIGCSV (the 1M-row body 11 times, ~2 GB) ..."
    { head -n 1 "$CSV"; for k in $(seq 1 11); do tail -n +2 "$CSV"; done; } > "$BIGCSV.tmp" && mv "$BIGCSV.tmp" "$BIGCSV"
  fi
  BSIZE=$(stat -Lc %s "$BIGCSV")
  read -r w r c < <(measure env MLOPS_JAVA_OPTS="$JAVA_OPTS" "$ROOT/bin/mlops" validate data "$BIGCSV" --schema "$SCHEMA" \
      --report-dir "$OUT/reports-big" --store "$OUT/store")
  awk -v s="$BSIZE" -v w="$w" -v r="$r" -v mr="$M_R" -v small="$SIZE" 'BEGIN {
    printf "mlops on %.0f MB: %.2f s  %.0f MB/s  peak %.0f MB (vs %.0f MB on the %.0fx smaller file)\n",
      s / 1e6, w, s / 1e6 / w, r / 1024, mr / 1024, s / small }'
fi
