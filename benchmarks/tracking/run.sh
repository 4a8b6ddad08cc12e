#!/usr/bin/env bash
# Tracking benchmark (issue: foundation). Prints:
#  - ingesting 1,000,000 metric points and writing the run record: in-process time, whole-process
#    time (JVM start included) and peak memory, against plain Python doing the same in the same run;
#  - rendering the comparison of 1,000 runs x 50 metrics (server-side, in-process) and whole process;
#  - both again in one long-lived JVM (TrackingBenchmark.java), as the plugin runs them: mlTrack on a
#    Jenkins agent, the job page on the controller. The CLI is a fresh JVM per command, so its figures
#    include the JIT compiling the code as it runs; both kinds are printed and checked.
# Targets: ingest + write < 2 s; render < 1 s.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/../.." && pwd)"
out="${BENCH_OUT:-$root/benchmarks/out/tracking}"
mkdir -p "$out"
"$root/bin/mlops" --version >/dev/null   # builds the CLI (and its class-data archive) if needed
jar="$root/mlops-cli/target/mlops.jar"
py=/usr/bin/python3; [ -x "$py" ] || py=python3

[ -f "$out/points.jsonl" ] || "$py" "$here/generate.py" points "$out/points.jsonl" 1000000
if [ ! -d "$out/store/runs" ]; then "$py" "$here/generate.py" store "$out/store" 1000 50; fi

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

echo "== ingest 1,000,000 metric points ($(du -h "$out/points.jsonl" | cut -f1)) and write the record, 5 runs each"
java_in=(); java_wall=(); java_rss=(); py_t=()
for i in 1 2 3 4 5; do
  rm -rf "$out/ingest-store"
  /usr/bin/time -f "%e %M" -o "$out/time.txt" "$root/bin/mlops" track --store "$out/ingest-store" -w "$out" \
      -m points.jsonl --timing 2> "$out/timing.txt" >/dev/null
  java_in+=("$(sed -n 's/.*in \([0-9]*\) ms, record written in \([0-9]*\) ms.*/\1 \2/p' "$out/timing.txt" | awk '{print $1+$2}')")
  java_wall+=("$(awk '{print $1*1000}' "$out/time.txt")")
  java_rss+=("$(awk '{print int($2/1024)}' "$out/time.txt")")
  py_t+=("$("$py" "$here/peer_ingest.py" "$out/points.jsonl" "$out/peer.json" | awk '{print $1*1000}')")
done
ji=$(printf '%s\n' "${java_in[@]}" | median); jw=$(printf '%s\n' "${java_wall[@]}" | median)
jr=$(printf '%s\n' "${java_rss[@]}" | median); pt=$(printf '%s\n' "${py_t[@]}" | median)
echo "mlops track, ingest + write (in-process): ${ji} ms   (target < 2000 ms)"
echo "mlops track, whole process incl. JVM start: ${jw} ms, peak RSS ${jr} MB"
echo "peer (Python json, same file, same work): ${pt} ms"
awk -v p="$pt" -v j="$ji" 'BEGIN {printf "ratio peer / mlops (in-process): %.1fx\n", p / j}'
awk -v p="$pt" -v j="$jw" 'BEGIN {printf "ratio peer / mlops (whole process): %.1fx\n", p / j}'

echo
echo "== compare 1,000 runs x 50 metrics (20-point curves), 5 runs"
render=(); wall=()
for i in 1 2 3 4 5; do
  /usr/bin/time -f "%e" -o "$out/time.txt" "$root/bin/mlops" runs compare --store "$out/store" \
      --html "$out/compare.html" --timing 2> "$out/timing.txt" >/dev/null
  render+=("$(sed -n 's/.*rendered in \([0-9]*\) ms.*/\1/p' "$out/timing.txt")")
  wall+=("$(awk '{print $1*1000}' "$out/time.txt")")
done
echo "server-side render (in-process): $(printf '%s\n' "${render[@]}" | median) ms   (target < 1000 ms)"
echo "whole process (JVM start + reading 1,000 records + render + write): $(printf '%s\n' "${wall[@]}" | median) ms"
echo "page size: $(du -h "$out/compare.html" | cut -f1)"
rc=$(printf '%s\n' "${render[@]}" | median)

echo
echo "== the same in one long-lived JVM (the plugin's agent and controller): first call, then median of the next"
mkdir -p "$out/warm-stores"
warm_ingest=$(java -cp "$jar" "$here/TrackingBenchmark.java" ingest "$out" points.jsonl "$out/warm-stores" 6)
rm -rf "$out/warm-stores"
warm_render=$(java -cp "$jar" "$here/TrackingBenchmark.java" render "$out/store" 11)
echo "$warm_ingest"; echo "$warm_render"
wi=$(echo "$warm_ingest" | sed -n 's/.*then median \([0-9]*\) ms.*/\1/p')
wr=$(echo "$warm_render" | sed -n 's/.*then median \([0-9]*\) ms.*/\1/p')

echo
verdict() { if [ "$1" -lt "$2" ]; then echo "met"; else echo "NOT met"; fi; }
echo "target ingest + write < 2000 ms: plugin (long-lived JVM) ${wi} ms $(verdict "$wi" 2000); CLI one-shot process ${ji} ms $(verdict "$ji" 2000)"
echo "target render < 1000 ms:         plugin (long-lived JVM) ${wr} ms $(verdict "$wr" 1000); CLI one-shot process ${rc} ms $(verdict "$rc" 1000)"
