#!/usr/bin/env bash
# Startup time: a main that returns at once, under the OpenTelemetry Java agent, without and with
# the otel-opsgenie extension, in alternating pairs of processes (docs/performance.md).
#
#   perf/startup.sh            builds what is missing (mvn -B -DskipTests package), then runs
#   perf/startup.sh --rebuild  builds first in any case
#
# 2 warm-up pairs, then 20 pairs: about 2 minutes on 2 cores (a probe process takes 1 to 3 s).
# Knobs, as JAVA_OPTS system properties: -Dstartup.pairs=20 -Dstartup.warmup=2.
# Results: target/startup/summary.md (time to main, CPU until main, whole process: median of each
# side and the difference pair by pair, median, min and max), and the last run's log of each side.
set -euo pipefail
cd "$(dirname "$0")/.."

agent=target/agent/opentelemetry-javaagent.jar
extension=$(ls target/otel-opsgenie-*-extension.jar 2>/dev/null | head -n 1 || true)

if [[ "${1:-}" == "--rebuild" || ! -f "$agent" || -z "$extension" ]]; then
  mvn -B -q -DskipTests package
  extension=$(ls target/otel-opsgenie-*-extension.jar | head -n 1)
fi

exec java ${JAVA_OPTS:-} perf/StartupTime.java "$agent" "$extension" target/startup
