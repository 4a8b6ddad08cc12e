#!/usr/bin/env bash
# Registry benchmark: publishing a 1 GB model vs sha256sum + cp of the same file (same run, same disk),
# and list/lineage queries over 10,000 versions. Usage: benchmarks/registry/run.sh [SIZE_MB] [VERSIONS]
# (0 skips that part).
set -euo pipefail
cd "$(dirname "$0")/../.."
SIZE_MB=${1:-1024}
VERSIONS=${2:-10000}
JAR=mlops-cli/target/mlops.jar
if [ ! -f "$JAR" ]; then
  ./mvnw -o -q -pl mlops-core,mlops-cli -am package -DskipTests
fi
WORK=$(mktemp -d "${TMPDIR:-/tmp}/mlops-registry-bench.XXXXXX")
trap 'rm -rf "$WORK"' EXIT
BENCH="java -cp $JAR benchmarks/registry/RegistryBenchmark.java"
now() { date +%s%N; }
ms() { echo $(( ($2 - $1) / 1000000 )); }

if [ "$SIZE_MB" -gt 0 ]; then
echo "== publish a ${SIZE_MB} MB model (work dir $WORK)"
head -c "$((SIZE_MB * 1024 * 1024))" /dev/urandom > "$WORK/model.bin"
cat "$WORK/model.bin" > /dev/null   # both sides start from a warm page cache

best_peer=""; best_ours=""
for round in 1 2 3; do
  t0=$(now); sha256sum "$WORK/model.bin" > "$WORK/peer.sha"; cp "$WORK/model.bin" "$WORK/copy.bin"; t1=$(now)
  peer=$(ms "$t0" "$t1"); rm -f "$WORK/copy.bin"
  line=$($BENCH publish "$WORK/reg-$round" "$WORK/model.bin")
  ours=$(echo "$line" | awk '{print $2}')
  [ "$(echo "$line" | awk '{print $6}')" = "$(awk '{print $1}' "$WORK/peer.sha")" ] || { echo "hash mismatch"; exit 1; }
  echo "round $round: sha256sum+cp ${peer} ms; registry publish ${ours} ms (${line})"
  rm -rf "$WORK/reg-$round"
  if [ -z "$best_peer" ] || [ "$peer" -lt "$best_peer" ]; then best_peer=$peer; fi
  if [ -z "$best_ours" ] || [ "$ours" -lt "$best_ours" ]; then best_ours=$ours; fi
done
ratio=$(awk -v a="$best_ours" -v b="$best_peer" 'BEGIN{printf "%.2f", a/b}')
echo "publish ${SIZE_MB} MB: best of 3 registry ${best_ours} ms (JVM warmed up by a 64 MB publish first) vs sha256sum+cp ${best_peer} ms -> ratio ${ratio}x (target <= 1.5x)"
rm -f "$WORK/model.bin"
fi
[ "$VERSIONS" -gt 0 ] || exit 0

echo "== queries over ${VERSIONS} versions"
# QUERY_REGISTRY=DIR keeps the filled registry there (filled once, reused by later runs)
REGQ=${QUERY_REGISTRY:-$WORK/reg-q}
if [ ! -d "$REGQ/meta.git" ]; then
  $BENCH fill "$REGQ" "$VERSIONS"
fi
$BENCH query "$REGQ"
t0=$(now); bin/mlops registry list --registry "$REGQ" --json > /dev/null; t1=$(now)
echo "cli 'mlops registry list' wall time incl. JVM start: $(ms "$t0" "$t1") ms"
t0=$(now); bin/mlops registry lineage bench "$(bin/mlops registry list --registry "$REGQ" --json | grep -o '"latest" : "[0-9.]*"' | head -1 | grep -o '[0-9][0-9.]*')" --registry "$REGQ" --json > /dev/null; t1=$(now)
echo "cli 'mlops registry lineage' wall time incl. JVM start: $(ms "$t0" "$t1") ms"
