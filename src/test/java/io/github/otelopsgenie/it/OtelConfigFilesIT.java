/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static io.github.otelopsgenie.it.E2e.onlyAlertOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.nio.file.Files;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The ready-to-use files in otel-config/, each loaded by the real agent: the agent configuration
 * file, the environment file and the declarative YAML file. The tests replace only the API key and
 * base (to reach the stand-in); every rule comes from the file.
 */
@Timeout(300)
class OtelConfigFilesIT {

  private static final String KEY = "it-config-key";

  @Test
  void agentConfigurationFileSettingsApply() throws Exception {
    try (OpsgenieStandIn standIn = E2e.standIn(KEY);
        ServiceProcess service =
            E2e.underAgent("properties-service", E2e.plainJar())
                .systemProperty(
                    "otel.javaagent.configuration-file",
                    E2e.otelConfig("otel-opsgenie.properties").toString())
                // environment variables override the file: the key and base come from here
                .env(E2e.sendTo(standIn, KEY))
                .arg("--port=0")
                .start(E2e.START_TIMEOUT)) {
      ReceivedAlert alert = checkStatusAlertAndIgnoredHealth(standIn, service);
      assertThat(alert.detail("service_id")).isEqualTo("properties-service");
      // the startup check ran once with the file's key (a second after the agent's premain, or
      // right after the first alert)
      service.awaitLine(
          l -> l.contains("startup check") && l.contains("accepted the API key"),
          Duration.ofSeconds(30));
      assertThat(standIn.statusChecks())
          .singleElement()
          .satisfies(c -> assertThat(c.problems()).isEmpty());
      assertThat(
              service.lines(l -> l.contains("startup check") && l.contains("accepted the API key")))
          .hasSize(1);
      assertNoUnknownOrRejectedSetting(service);
    }
  }

  @Test
  void environmentFileSettingsApply() throws Exception {
    Map<String, String> fileEnv = readEnvFile();
    assertThat(fileEnv).allSatisfy((k, v) -> assertThat(k).startsWith("OTEL_"));
    try (OpsgenieStandIn standIn = E2e.standIn(KEY)) {
      Map<String, String> env = new LinkedHashMap<>(fileEnv);
      env.putAll(E2e.sendTo(standIn, KEY));
      try (ServiceProcess service =
          E2e.underAgent("env-file-service", E2e.plainJar())
              .env(env)
              .arg("--port=0")
              .start(E2e.START_TIMEOUT)) {
        ReceivedAlert alert = checkStatusAlertAndIgnoredHealth(standIn, service);
        assertThat(alert.detail("service_id")).isEqualTo(fileEnv.get("OTEL_SERVICE_NAME"));
        assertThat(alert.responders()).containsExactly(Map.of("type", "team", "name", "ops"));
        assertNoUnknownOrRejectedSetting(service);
      }
    }
  }

  /**
   * Needs an agent that reads the file's format 1.2 (2.33.1 does; 2.26.1 takes 0.4 and 1.0, and
   * 2.20.1 reads only otel.experimental.config.file).
   */
  @Test
  @Tag(E2e.RECENT_AGENT)
  void declarativeYamlConfiguresProcessorSamplerAndHeaderCapture() throws Exception {
    try (OpsgenieStandIn standIn = E2e.standIn(KEY)) {
      Map<String, String> env = new LinkedHashMap<>();
      env.put("OTEL_CONFIG_FILE", E2e.otelConfig("otel-opsgenie.yaml").toString());
      env.put("OPSGENIE_API_KEY", KEY);
      env.put("OPSGENIE_API_BASE", standIn.baseUrl());
      env.put("OTEL_SERVICE_NAME", "yaml-service");
      // spans go to the stand-in too, which counts OTLP exports
      env.put("OTEL_EXPORTER_OTLP_ENDPOINT", standIn.baseUrl());
      ServiceProcess service =
          E2e.underAgent("yaml-service", E2e.plainJar())
              .env(env)
              .arg("--port=0")
              .start(E2e.START_TIMEOUT);
      try {
        ReceivedAlert alert = checkStatusAlertAndIgnoredHealth(standIn, service);
        assertThat(alert.detail("service_id")).isEqualTo("yaml-service");
        assertThat(alert.responders()).containsExactly(Map.of("type", "team", "name", "ops"));

        // the sampler wrapper from the YAML keeps unsampled server spans for alerting (an exception
        // alert: another status alert would share the alias and fall in the file's 60 s cooldown)
        Trace unsampled = Trace.unsampled();
        E2e.getOnce(service.port(), "/boom", unsampled);
        ReceivedAlert boom = onlyAlertOf(standIn, unsampled);
        assertThat(boom.alias()).isEqualTo("yaml-service-IllegalStateException-exception-alert");
        // the file's policies: list decides for /boom; /status/503 above kept the global settings
        assertThat(boom.priority()).isEqualTo("P1");
        assertThat(boom.responders())
            .containsExactly(Map.of("type", "team", "name", "orders-oncall"));
        assertThat(boom.tags()).containsExactly("otel-opsgenie", "production", "orders");
        assertThat(boom.detail("policy")).isEqualTo("orders");
        assertThat(alert.detail("policy")).isNull();
        assertNoUnknownOrRejectedSetting(service);
        assertThat(service.lines(l -> l.contains("WARN") && l.contains(".declarativeconfig.")))
            .as("warnings of the agent while it reads otel-opsgenie.yaml")
            .isEmpty();
      } finally {
        service.stop(Duration.ofSeconds(20));
      }
      // the batch processor flushed on shutdown: spans were exported besides alerting
      assertThat(standIn.otlpExports()).isPositive();
    }
  }

  /**
   * Every file pages on a 503 (5XX class), P3, two tags, X-Request-Id forwarded, and ignores
   * /health.
   */
  private static ReceivedAlert checkStatusAlertAndIgnoredHealth(
      OpsgenieStandIn standIn, ServiceProcess service) throws Exception {
    Trace ignored = Trace.fresh();
    assertThat(get(service.baseUrl(), "/health?status=503", ignored).status()).isEqualTo(503);
    Trace trace = Trace.fresh();
    assertThat(
            get(service.baseUrl(), "/status/503", trace, Map.of("X-Request-Id", "cfg-req-1"))
                .status())
        .isEqualTo(503);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.problems()).isEmpty();
    assertThat(alert.type()).isEqualTo("status");
    assertThat(alert.priority()).isEqualTo("P3");
    assertThat(alert.tags()).containsExactly("otel-opsgenie", "production");
    assertThat(alert.details())
        .containsEntry("status_class", "5XX")
        .containsEntry("X-Request-Id", "cfg-req-1");
    assertThat(standIn.await(a -> ignored.traceId().equals(a.traceId()), 1, Duration.ZERO))
        .isEmpty();
    return alert;
  }

  private static void assertNoUnknownOrRejectedSetting(ServiceProcess service) {
    assertThat(
            service.lines(
                l ->
                    l.contains("io.github.otelopsgenie")
                        && (l.contains("unknown setting")
                            || l.contains("ERROR")
                            || l.contains("SEVERE"))))
        .isEmpty();
  }

  private static Map<String, String> readEnvFile() throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    for (String line : Files.readAllLines(E2e.otelConfig("otel-opsgenie.env"))) {
      String trimmed = line.trim();
      if (trimmed.isEmpty() || trimmed.startsWith("#")) {
        continue;
      }
      int eq = trimmed.indexOf('=');
      assertThat(eq).as("KEY=value line: %s", line).isPositive();
      env.put(trimmed.substring(0, eq), trimmed.substring(eq + 1));
    }
    return env;
  }
}
