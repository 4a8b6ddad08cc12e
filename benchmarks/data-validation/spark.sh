#!/usr/bin/env bash
# Data validation on one machine vs on Spark: `mlops validate data` with the local engine, with
# --engine spark --master local[1] and local[2], and pandas read_csv + describe(), on the same
# generated numeric CSV (run.sh's 1,000,000 x 20, ~180 MB) and its Parquet copy (Snappy, one file).
# Each run is a fresh process under /usr/bin/time -v: wall time, MB/s of the file's bytes, CPU
# seconds (user + system), peak RSS of the driver (in local mode the executors are threads of that
# process, so it is all of it). pandas reads the Parquet copy only when its Python (PANDAS_PY,
# default /usr/bin/python3) has pyarrow or fastparquet, else the line says "not run"; Debian's
# python3-pandas has neither: e.g. `python3 -m venv --system-site-packages /tmp/pq && /tmp/pq/bin/pip
# install pyarrow`, then PANDAS_PY=/tmp/pq/bin/python.
# Spark runs once per partition size of --partition-mb (default "32 128"): the size is given as a
# user would, through Spark's own properties on the JVM's command line (MLOPS_JAVA_OPTS):
# spark.sql.files.maxPartitionBytes for Parquet (Spark's default 128 MB) and the Hadoop split size
# for text (spark.hadoop.mapreduce.input.fileinputformat.split.minsize; a local file's default is
# its 32 MB block). A run that fails (e.g. out of memory) is printed as failed and the rest goes on.
#
# Usage: benchmarks/data-validation/spark.sh [--rows N | --size-gb G] [--reps N] [--partition-mb "32 128"]
#        (--size-gb 2 = 11,000,000 rows, 2.07 GB of CSV)
# Env:   BENCH_DIR (default /tmp/mlops-bench-data), MLOPS_JAVA_OPTS (default "-Xmx1g"), PANDAS_PY.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/../.." && pwd)"
DIR="${BENCH_DIR:-/tmp/mlops-bench-data}"
PY="${PANDAS_PY:-/usr/bin/python3}"
JAVA_OPTS="${MLOPS_JAVA_OPTS:--Xmx1g}"
ROWS=1000000
REPS=1
PARTITION_MB="32 128"
while [ $# -gt 0 ]; do
  case "$1" in
    --rows) ROWS="$2"; shift ;;
    # one row of the generator is ~188 bytes of CSV: 2 GB ~ 11,000,000 rows
    --size-gb) ROWS=$(awk -v g="$2" 'BEGIN { printf "%d", g * 5500000 }'); shift ;;
    --reps) REPS="$2"; shift ;;
    --partition-mb) PARTITION_MB="$2"; shift ;;
    *) echo "usage: $0 [--rows N | --size-gb G] [--reps N] [--partition-mb \"32 128\"]" >&2; exit 2 ;;
  esac
  shift
done
[ -x /usr/bin/time ] || { echo "needs /usr/bin/time (apt-get install -y time)" >&2; exit 2; }
"$PY" -c 'import pandas' 2>/dev/null || { echo "needs $PY with pandas (apt-get install -y python3-pandas)" >&2; exit 2; }
"$ROOT/bin/mlops-spark" --version > /dev/null   # builds the CLI, the Spark module and its classpath when stale
mkdir -p "$DIR"
CSV="$DIR/bench-spark-${ROWS}-x20.csv"
if [ ! -s "$CSV" ]; then
  echo "generating $CSV ($ROWS rows x 20 numeric columns) ..."
  awk -v rows="$ROWS" 'BEGIN { srand(42);
    for (c = 0; c < 20; c++) printf "%sf%d", (c ? "," : ""), c; print "";
    for (r = 0; r < rows; r++) { line = "";
      for (c = 0; c < 20; c++) line = line (c ? "," : "") sprintf("%.6f", rand() * (c + 1) - c / 2);
      print line } }' > "$CSV.tmp" && mv "$CSV.tmp" "$CSV"
fi
PARQUET="${CSV%.csv}.parquet"
CP="$ROOT/mlops-cli/target/mlops.jar:$(cat "$ROOT/mlops-spark/target/classpath.txt")"
if [ ! -s "$PARQUET" ] || [ "$CSV" -nt "$PARQUET" ]; then
  echo "writing its Parquet copy $PARQUET ..."
  mkdir -p "$DIR/classes"
  javac -d "$DIR/classes" -cp "$CP" "$ROOT/benchmarks/data-validation/ToParquet.java"
  java -Xmx1g -Dslf4j.provider=org.slf4j.nop.NOPServiceProvider -cp "$CP:$DIR/classes" ToParquet "$CSV" "$PARQUET"
fi
SCHEMA="$DIR/spark-schema.json"
head -n 10001 "$CSV" > "$DIR/spark-head.csv"
"$ROOT/bin/mlops" schema infer "$DIR/spark-head.csv" --out "$SCHEMA" 2>/dev/null
OUT="$DIR/spark-out"
rm -rf "$OUT" && mkdir -p "$OUT"

# runs a command under /usr/bin/time -v; prints "wall_seconds peak_rss_kb cpu_seconds", or "failed"
measure() {
  local log="$OUT/time.log"
  /usr/bin/time -v "$@" > "$OUT/stdout.log" 2> "$log" || {
    local rc=$?; if [ $rc -gt 1 ]; then grep -v -E '^\s' "$log" | tail -5 >&2; echo "command failed ($rc): $*" >&2
      echo failed; return; fi; }
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, t, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + t[i]; w = s }
              /User time/ { u = $2 } /System time/ { y = $2 }
              /Maximum resident set size/ { r = $2 } END { print w, r, u + y }' "$log"
}

report() { # name file wall rss cpu
  if [ "$3" = failed ]; then printf "%-44s failed (see above)\n" "$1"; return; fi
  awk -v n="$1" -v s="$(stat -c %s "$2")" -v w="$3" -v r="$4" -v c="$5" 'BEGIN {
    printf "%-44s %8.1f MB %8.2f s %8.1f MB/s  cpu %7.1f s   peak %6.0f MB\n", n, s / 1e6, w, s / 1e6 / w, c, r / 1024 }'
}

median() { sort -n | awk '{ a[NR] = $1 } END { print a[int((NR + 1) / 2)] }'; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
echo "$(nproc) cores, load average: $(load), reps: $REPS (median wall and cpu, max peak), $ROWS rows"
run() { # name file command...
  local name="$1" file="$2"; shift 2
  local walls=() rss=() cpus=() w r c
  for i in $(seq 1 "$REPS"); do
    read -r w r c < <(measure "$@")
    [ "$w" = failed ] && { report "$name" "$file" failed; return; }
    walls+=("$w"); rss+=("$r"); cpus+=("$c")
  done
  report "$name" "$file" "$(printf '%s\n' "${walls[@]}" | median)" "$(printf '%s\n' "${rss[@]}" | sort -n | tail -1)" \
      "$(printf '%s\n' "${cpus[@]}" | median)"
}
for data in "$CSV" "$PARQUET"; do
  kind=${data##*.}
  run "mlops local engine ($kind)" "$data" env MLOPS_JAVA_OPTS="$JAVA_OPTS" "$ROOT/bin/mlops-spark" validate data "$data" \
      --schema "$SCHEMA" --store "$OUT/store"
  for mb in $PARTITION_MB; do
    bytes=$((mb * 1024 * 1024))
    split="-Dspark.sql.files.maxPartitionBytes=$bytes -Dspark.hadoop.mapreduce.input.fileinputformat.split.minsize=$bytes"
    for cores in 1 2; do
      run "mlops spark local[$cores] ($kind, $mb MB parts)" "$data" env MLOPS_JAVA_OPTS="$JAVA_OPTS $split" \
          "$ROOT/bin/mlops-spark" validate data "$data" --schema "$SCHEMA" --store "$OUT/store" --engine spark --master "local[$cores]"
    done
  done
  echo "  (load average after the $kind runs: $(load))"
done
run "pandas read_csv + describe (csv)" "$CSV" "$PY" -c "import pandas as pd, sys; df = pd.read_csv(sys.argv[1]); print(df.describe())" "$CSV"
if "$PY" -c 'import pyarrow' 2>/dev/null || "$PY" -c 'import fastparquet' 2>/dev/null; then
  run "pandas read_parquet + describe (parquet)" "$PARQUET" "$PY" -c "import pandas as pd, sys; df = pd.read_parquet(sys.argv[1]); print(df.describe())" "$PARQUET"
else
  printf "%-44s not run: %s has neither pyarrow nor fastparquet\n" "pandas read_parquet + describe (parquet)" "$PY"
fi
echo "load average at the end: $(load)"
