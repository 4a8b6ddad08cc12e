#!/usr/bin/env bash
# MLflow import benchmark (issue 22). Generates an MLflow file store of RUNS runs x POINTS metric
# points (default 10,000 x 1,000), then in alternate rounds: plain Python reading the same files
# (peer_read.py: walk, meta.yaml lines, params, tags, every metric line parsed into floats) and
# 'mlops import mlflow' into a fresh store (reads the same and writes one run.json per run).
# Prints the median wall time, CPU time (user+sys) and peak RSS of each (/usr/bin/time -v), the
# ratios, and the import
# again with a 256 MB heap cap (bounded memory: runs are streamed, the store is never held whole),
# plus a re-import of the unchanged store.
# Usage: benchmarks/mlflow-import/run.sh [RUNS [POINTS [ROUNDS]]]
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
runs="${1:-10000}"; points="${2:-1000}"; rounds="${3:-3}"
out="${BENCH_OUT:-$root/benchmarks/out/mlflow-import}"
mkdir -p "$out"
"$root/bin/mlops" --version >/dev/null   # builds the CLI if needed
py=python3

mlruns="$out/mlruns-$runs-$points"
if [ ! -f "$mlruns/.complete" ]; then
  rm -rf "$mlruns"
  echo "generating $runs runs x $points points ..."
  "$py" "$here/generate.py" "$mlruns" "$runs" "$points"
  touch "$mlruns/.complete"
fi
echo "store: $mlruns ($(du -sh "$mlruns" | cut -f1), $runs runs x $points points)"
sync

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
secs() { sed -n 's/.*Elapsed (wall clock) time (h:mm:ss or m:ss): //p' "$1" | awk -F: '{ if (NF==3) print $1*3600+$2*60+$3; else print $1*60+$2 }'; }
cpu() { awk -F': ' '/User time|System time/ {t += $2} END {printf "%.2f", t}' "$1"; }
rss() { sed -n 's/.*Maximum resident set size (kbytes): //p' "$1" | awk '{print int($1/1024)}'; }

py_t=(); py_m=(); py_c=(); j_t=(); j_m=(); j_c=()
for i in $(seq 1 "$rounds"); do
  /usr/bin/time -v -o "$out/py.time" "$py" "$here/peer_read.py" "$mlruns" > "$out/py.out"
  py_t+=("$(secs "$out/py.time")"); py_m+=("$(rss "$out/py.time")"); py_c+=("$(cpu "$out/py.time")")
  rm -rf "$out/store"; mkdir -p "$out/store"; sync
  /usr/bin/time -v -o "$out/j.time" "$root/bin/mlops" import mlflow --store "$out/store" "$mlruns" \
      > "$out/j.out" 2> "$out/j.err"
  j_t+=("$(secs "$out/j.time")"); j_m+=("$(rss "$out/j.time")"); j_c+=("$(cpu "$out/j.time")")
  echo "round $i: python ${py_t[-1]} s wall, ${py_c[-1]} s CPU, ${py_m[-1]} MB;" \
       "mlops import ${j_t[-1]} s wall, ${j_c[-1]} s CPU, ${j_m[-1]} MB"
done
echo "python read: $(cat "$out/py.out" | awk '{print $2 " runs, " $3 " points"}')"
echo "mlops import: $(head -1 "$out/j.out")"
echo "progress lines on stderr: $(grep -c '^import: ' "$out/j.err" || true)"
pt=$(printf '%s\n' "${py_t[@]}" | median); pm=$(printf '%s\n' "${py_m[@]}" | median)
jt=$(printf '%s\n' "${j_t[@]}" | median); jm=$(printf '%s\n' "${j_m[@]}" | median)
pc=$(printf '%s\n' "${py_c[@]}" | median); jc=$(printf '%s\n' "${j_c[@]}" | median)
echo
echo "median of $rounds alternate rounds, whole process (JVM start included):"
echo "  python reading the store:      ${pt} s wall, ${pc} s CPU (user+sys), peak RSS ${pm} MB"
echo "  mlops import mlflow (+ write): ${jt} s wall, ${jc} s CPU (user+sys), peak RSS ${jm} MB"
awk -v p="$pt" -v j="$jt" 'BEGIN {printf "  ratio python / mlops, wall time: %.2fx (above 1: the import is faster)\n", p / j}'
awk -v p="$pc" -v j="$jc" 'BEGIN {printf "  ratio python / mlops, CPU time:  %.2fx (the import uses both cores; on a busy machine CPU time is the steadier figure)\n", p / j}'

rm -rf "$out/store-capped"; mkdir -p "$out/store-capped"
MLOPS_JAVA_OPTS=-Xmx256m /usr/bin/time -v -o "$out/c.time" "$root/bin/mlops" import mlflow \
    --store "$out/store-capped" "$mlruns" > "$out/c.out" 2>/dev/null
echo "  mlops import with the heap capped at 256 MB: $(secs "$out/c.time") s wall, $(cpu "$out/c.time") s CPU, peak RSS $(rss "$out/c.time") MB"
/usr/bin/time -v -o "$out/r.time" "$root/bin/mlops" import mlflow --store "$out/store-capped" "$mlruns" > "$out/r.out" 2>/dev/null
echo "  re-import of the same store: $(secs "$out/r.time") s wall, $(cpu "$out/r.time") s CPU: $(head -1 "$out/r.out" | sed 's/.*: //')"
