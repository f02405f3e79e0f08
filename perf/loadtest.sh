#!/usr/bin/env bash
# Load test: the Spring Boot example under the OpenTelemetry Java agent, without and with the
# otel-opsgenie extension, same agent settings, on 127.0.0.1 (docs/performance.md).
#
#   perf/loadtest.sh            builds what is missing (mvn -B -DskipTests verify), then runs
#   perf/loadtest.sh --rebuild  builds first in any case
#
# Bounded: per scenario both services side by side, 40 s warm-up each, then 6 slices of 10 s each,
# alternating between them (about 8 minutes with startups). Knobs, as JAVA_OPTS system properties:
# -Dloadtest.connections=16 -Dloadtest.warmupSeconds=40 -Dloadtest.seconds=10 -Dloadtest.slices=6
# -Dloadtest.heap=512m
# -Dloadtest.scenarios=healthy,storm -Dloadtest.cooldown=0s
# Results: target/loadtest/summary.md, target/loadtest/result.json, one log per service run.
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
