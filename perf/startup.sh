#!/usr/bin/env bash
# Startup time: a main that returns at once, under the OpenTelemetry Java agent, without and with
# the otel-opsgenie extension, in alternating pairs of processes (docs/performance.md), on every
# core and then on one core (taskset -c 0, where contention is worst).
#
#   perf/startup.sh                      builds what is missing (mvn -B -DskipTests package), then
#                                        runs on all cores, then on one core
#   perf/startup.sh --rebuild            builds first in any case
#   perf/startup.sh --all-cores          only the run on every core
#   perf/startup.sh --one-core           only the run on one core
#   perf/startup.sh --baseline OLD.jar   also an older extension jar, in the same rotating rounds
#                                        (without, with, baseline), compared side by side
#   perf/startup.sh --baseline empty     the baseline is the empty extension (one customizer that
#                                        does nothing: perf/baseline/), built here with javac and
#                                        jar into target/baseline/empty-extension.jar: the agent's
#                                        own cost of any extension, to read ours against
#
# 2 warm-up rounds, then 20: about 2 minutes per run on 2 cores (a probe process takes 1 to 3 s;
# a third with --baseline). The warm-up rounds are not timed: they count the classes each side's
# main thread loads before main (-Xlog:class+load), and with -Dstartup.profiler=PATH (async-
# profiler's libasyncProfiler.so) profile its CPU: figures that a busy machine hardly moves.
# Knobs, as JAVA_OPTS system properties: -Dstartup.pairs=20 -Dstartup.warmup=2
# -Dstartup.profiler=PATH (-Dstartup.pairs=0 -Dstartup.warmup=1: only the class counts of one
# probe per side, in seconds). Results: target/startup/all-cores/summary.md and
# target/startup/one-core/summary.md (time to main, CPU until main, whole process: median of each
# side and the difference round by round, median, min and max), and the last run's log of each side.
set -euo pipefail
cd "$(dirname "$0")/.."

rebuild=false
runs="all-cores one-core"
baseline=""
while [[ $# -gt 0 ]]; do
  case "$1" in
    --rebuild) rebuild=true ;;
    --all-cores) runs="all-cores" ;;
    --one-core) runs="one-core" ;;
    --baseline) baseline="$2"; shift ;;
    *) echo "unknown option: $1" >&2; exit 2 ;;
  esac
  shift
done

agent=target/agent/opentelemetry-javaagent.jar
extension=$(ls target/otel-opsgenie-*-extension.jar 2>/dev/null | head -n 1 || true)

if [[ "$rebuild" == true || ! -f "$agent" || -z "$extension" ]]; then
  mvn -B -q -DskipTests package
  extension=$(ls target/otel-opsgenie-*-extension.jar | head -n 1)
fi

if [[ "$baseline" == empty ]]; then
  # the empty extension, from perf/baseline/, against the SDK autoconfigure SPI of this build
  out=target/baseline
  rm -rf "$out/classes" && mkdir -p "$out/classes/META-INF"
  mvn -B -q -o dependency:build-classpath -Dmdep.includeScope=compile \
    -Dmdep.outputFile="$out/classpath.txt" >/dev/null 2>&1 \
    || mvn -B -q dependency:build-classpath -Dmdep.includeScope=compile \
      -Dmdep.outputFile="$out/classpath.txt"
  javac --release 8 -Xlint:-options -d "$out/classes" -cp "$(cat "$out/classpath.txt")" \
    perf/baseline/src/baseline/*.java
  cp -r perf/baseline/META-INF/services "$out/classes/META-INF/"
  jar --create --file "$out/empty-extension.jar" -C "$out/classes" .
  baseline="$out/empty-extension.jar"
  echo "baseline: $baseline (the empty extension)"
fi

for run in $runs; do
  cpus=""
  if [[ "$run" == one-core ]]; then
    if ! command -v taskset >/dev/null; then
      echo "taskset not found (util-linux): skipping the run on one core" >&2
      continue
    fi
    cpus="-Dstartup.cpus=0"
  fi
  echo "== $run"
  # shellcheck disable=SC2086
  java ${JAVA_OPTS:-} $cpus perf/StartupTime.java "$agent" "$extension" "target/startup/$run" \
    ${baseline:+"$baseline"}
done
