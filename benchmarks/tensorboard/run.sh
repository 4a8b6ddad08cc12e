#!/usr/bin/env bash
# TensorBoard ingest benchmark (issue 19). Generates the same 1,000,000 scalar points as a
# TensorBoard event file (half simple_value, half TF2 float32 tensors, one scalar per event) and as
# long-form JSON Lines, checks that both tracked runs hold identical series, then runs whole
# `mlops track` processes alternating between the two formats and prints the medians of the
# whole-process time, of its CPU time (user + system: less sensitive to other load on the machine)
# and of the in-process read-and-record time (--timing), and their ratios.
# Target: the event file is ingested in less time than the JSON Lines file.
#   benchmarks/tensorboard/run.sh [RUNS]    RUNS default 7 (per format)
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_OUT:-$root/benchmarks/out/tensorboard}"
runs="${1:-7}"
n=1000000
mkdir -p "$out"
"$root/bin/mlops" --version >/dev/null   # builds the CLI (and its class-data archive) if needed
jar="$root/mlops-cli/target/mlops.jar"
py=/usr/bin/python3; [ -x "$py" ] || py=python3

if [ ! -f "$out/points.jsonl" ] || [ ! -d "$out/logs" ]; then
  rm -rf "$out/logs" "$out/points.jsonl"
  java -cp "$jar" "$here/Generate.java" "$out" "$n"
fi
echo "inputs: $(du -h "$out/logs" | tail -1 | cut -f1) of events, $(du -h "$out/points.jsonl" | cut -f1) of JSON Lines, $n points each"

# the same points: both runs' series must be equal, value for value
rm -rf "$out/check-store"
"$root/bin/mlops" track --store "$out/check-store" -w "$out" -n tb -m logs/ >/dev/null
"$root/bin/mlops" track --store "$out/check-store" -w "$out" -n jsonl -m points.jsonl >/dev/null
"$py" - "$out/check-store/runs" <<'PY'
import json, os, sys
runs = [json.load(open(os.path.join(sys.argv[1], d, "run.json"))) for d in sorted(os.listdir(sys.argv[1]))]
a, b = ({k: (m["steps"], m["values"], m["timestamps"]) for k, m in r["metrics"].items()} for r in runs)
assert a == b, "the two formats gave different series"
print("check: both formats give the same %d series, %d points" % (len(a), sum(len(v[0]) for v in a.values())))
PY
rm -rf "$out/check-store"

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
one() { # FORMAT SOURCE -> "wall_ms cpu_ms in_process_ms"
  rm -rf "$out/store-$1"
  /usr/bin/time -f "%e %U %S" -o "$out/time-$1.txt" "$root/bin/mlops" track --store "$out/store-$1" -w "$out" \
      -m "$2" --timing 2> "$out/timing-$1.txt" >/dev/null
  echo "$(awk '{print $1*1000, ($2+$3)*1000}' "$out/time-$1.txt") $(sed -n 's/.*recorded in \([0-9]*\) ms.*/\1/p' "$out/timing-$1.txt")"
}
tb_wall=(); tb_cpu=(); tb_in=(); js_wall=(); js_cpu=(); js_in=()
for i in $(seq "$runs"); do
  read -r w c t < <(one tb logs/); tb_wall+=("$w"); tb_cpu+=("$c"); tb_in+=("$t")
  read -r w c t < <(one jsonl points.jsonl); js_wall+=("$w"); js_cpu+=("$c"); js_in+=("$t")
done
tw=$(printf '%s\n' "${tb_wall[@]}" | median); tc=$(printf '%s\n' "${tb_cpu[@]}" | median)
ti=$(printf '%s\n' "${tb_in[@]}" | median)
jw=$(printf '%s\n' "${js_wall[@]}" | median); jc=$(printf '%s\n' "${js_cpu[@]}" | median)
ji=$(printf '%s\n' "${js_in[@]}" | median)
echo "== mlops track of $n points, $runs whole processes each, alternating (medians; load average: $(cut -d' ' -f1-3 /proc/loadavg))"
echo "TensorBoard events: whole process ${tw} ms (CPU ${tc} ms), read + record ${ti} ms"
echo "   all: wall ${tb_wall[*]} / CPU ${tb_cpu[*]} / read + record ${tb_in[*]}"
echo "JSON Lines:         whole process ${jw} ms (CPU ${jc} ms), read + record ${ji} ms"
echo "   all: wall ${js_wall[*]} / CPU ${js_cpu[*]} / read + record ${js_in[*]}"
awk -v a="$jw" -v b="$tw" 'BEGIN {printf "ratio JSON Lines / TensorBoard: whole process %.2fx", a / b}'
awk -v a="$jc" -v b="$tc" 'BEGIN {printf ", CPU %.2fx", a / b}'
awk -v a="$ji" -v b="$ti" 'BEGIN {printf ", read + record %.2fx\n", a / b}'
verdict=met; [ "$ti" -lt "$ji" ] && [ "${tw%.*}" -lt "${jw%.*}" ] || verdict="NOT met"
echo "target TensorBoard ingest faster than JSON Lines for the same points: $verdict"
rm -rf "$out/store-tb" "$out/store-jsonl"
