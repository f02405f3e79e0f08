#!/usr/bin/env bash
# Load test: the Spring Boot example under the OpenTelemetry Java agent, without and with the
# otel-opsgenie extension, same agent settings, on 127.0.0.1 (docs/performance.md).
#
#   perf/loadtest.sh            builds what is missing (mvn -B -DskipTests verify), then runs
#   perf/loadtest.sh --rebuild  builds first in any case
#
# Scenarios: healthy (GET /ok), storm-exception (GET /boom: an exception alert per request),
# storm-status (GET /status/500: a status alert per request). Per scenario both services run side
# by side and take their load at the same time (8 connections each), 60 s warm-up, then 16 slices
# of 10 s (about 4 minutes a scenario with startups, 12 for the three); -Dloadtest.mode=alternating
# drives them in turn instead (16 connections each). Knobs, as JAVA_OPTS system properties:
# -Dloadtest.mode=concurrent -Dloadtest.connections=16 -Dloadtest.warmupSeconds=60
# -Dloadtest.seconds=10 -Dloadtest.slices=16
# -Dloadtest.heap=512m
# -Dloadtest.scenarios=healthy,storm-exception,storm-status -Dloadtest.cooldown=0s
# ("storm" still names storm-exception). A short smoke run:
#   JAVA_OPTS="-Dloadtest.warmupSeconds=5 -Dloadtest.seconds=3 -Dloadtest.slices=2" perf/loadtest.sh
# Results: target/loadtest/summary.md (machine, ratio with / without per slice with its median and
# spread, p99 of each side and their ratio, the Opsgenie calls of each storm by kind),
# target/loadtest/result.json, one log per service run.
set -euo pipefail
cd "$(dirname "$0")/.."

agent=target/agent/opentelemetry-javaagent.jar
app=target/examples/spring-boot-service/target/spring-boot-service.jar
extension=$(ls target/otel-opsgenie-*-extension.jar 2>/dev/null | head -n 1 || true)

if [[ "${1:-}" == "--rebuild" || ! -f "$agent" || ! -f "$app" || -z "$extension" ]]; then
  mvn -B -q -DskipTests verify
  extension=$(ls target/otel-opsgenie-*-extension.jar | head -n 1)
fi

exec java ${JAVA_OPTS:-} perf/LoadTest.java "$agent" "$extension" "$app" target/loadtest
