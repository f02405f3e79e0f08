#!/usr/bin/env bash
# One JMH benchmark of two checkouts of this repository, side by side: forks alternate between the
# checkouts (A B, B A, A B, ...), one fork at a time, and each pair's ratio B / A is taken within the
# pair, so that the drift of a shared machine between two runs does not enter the comparison
# (docs/performance.md, "How to measure").
#
#   perf/jmh-ab.sh A_DIR B_DIR BENCHMARK [PARAM=VALUE ...]
#
#   A_DIR, B_DIR  two checkouts (git worktree add ../before COMMIT), each built with
#                 mvn -B -Pjmh -DskipTests package (the script builds the class path it needs)
#   BENCHMARK     a JMH include pattern, e.g. 'StormOnEndBenchmark.ours' or 'OnEndBenchmark.ours'
#   PARAM=VALUE   JMH parameters, e.g. span=server200
#
# Knobs (environment): PAIRS=6, WARMUP=3, ITERATIONS=5 (1 s each), PROF="-prof gc".
# Prints every pair (ns/op of A and B, B/A, and B/op of each), then the median ratio with min and
# max. Results are kept in target/jmh-ab/.
set -euo pipefail
if [[ $# -lt 3 ]]; then
  sed -n '2,18p' "$0" >&2
  exit 2
fi
a_dir=$(cd "$1" && pwd)
b_dir=$(cd "$2" && pwd)
benchmark=$3
shift 3
params=()
for p in "$@"; do
  params+=(-p "$p")
done
pairs=${PAIRS:-6}
warmup=${WARMUP:-3}
iterations=${ITERATIONS:-5}
prof=${PROF:--prof gc}
out="$(cd "$(dirname "$0")/.." && pwd)/target/jmh-ab"
mkdir -p "$out"

classpath() {
  local dir=$1
  if [[ ! -f "$dir/target/jmh.cp" || "$dir/pom.xml" -nt "$dir/target/jmh.cp" ]]; then
    (cd "$dir" && mvn -B -q -Pjmh dependency:build-classpath -Dmdep.outputFile=target/jmh.cp \
      -Dmdep.includeScope=test >/dev/null)
  fi
  if [[ ! -f "$dir/target/test-classes/META-INF/BenchmarkList" ]]; then
    echo "$dir has no benchmarks built: run mvn -B -Pjmh -DskipTests package there" >&2
    exit 2
  fi
  echo "$dir/target/test-classes:$dir/target/classes:$(cat "$dir/target/jmh.cp")"
}
a_cp=$(classpath "$a_dir")
b_cp=$(classpath "$b_dir")

# one fork of the benchmark from one checkout: prints "score bytesPerOp"
fork() {
  local cp=$1 tag=$2 n=$3
  local json="$out/$tag-$n.json"
  # shellcheck disable=SC2086
  java -cp "$cp" org.openjdk.jmh.Main "$benchmark" "${params[@]}" -f 1 -wi "$warmup" \
    -i "$iterations" -w 1s -r 1s $prof -rf json -rff "$json" >"$out/$tag-$n.log" 2>&1
  python3 - "$json" <<'EOF'
import json, sys
runs = json.load(open(sys.argv[1]))
if len(runs) != 1:
    sys.exit("expected one benchmark, got %d: narrow the pattern or give its parameters" % len(runs))
run = runs[0]
alloc = run.get("secondaryMetrics", {}).get("gc.alloc.rate.norm", {}).get("score", float("nan"))
print("%.3f %.2f" % (run["primaryMetric"]["score"], alloc))
EOF
}

ratios=()
echo "A: $a_dir ($(git -C "$a_dir" rev-parse --short HEAD))"
echo "B: $b_dir ($(git -C "$b_dir" rev-parse --short HEAD))"
echo "$benchmark ${params[*]}: $pairs pairs, forks of $warmup x 1 s warm-up and $iterations x 1 s"
for ((i = 1; i <= pairs; i++)); do
  if ((i % 2 == 1)); then
    read -r a a_alloc < <(fork "$a_cp" a "$i")
    read -r b b_alloc < <(fork "$b_cp" b "$i")
    order="A first"
  else
    read -r b b_alloc < <(fork "$b_cp" b "$i")
    read -r a a_alloc < <(fork "$a_cp" a "$i")
    order="B first"
  fi
  ratio=$(python3 -c "print('%.3f' % ($b / $a))")
  ratios+=("$ratio")
  echo "pair $i ($order): A $a ns/op ($a_alloc B/op), B $b ns/op ($b_alloc B/op), B/A $ratio"
done
python3 - "${ratios[@]}" <<'EOF'
import statistics, sys
r = sorted(float(x) for x in sys.argv[1:])
print("B/A median %.3f, min %.3f, max %.3f over %d pairs" % (statistics.median(r), r[0], r[-1], len(r)))
EOF
