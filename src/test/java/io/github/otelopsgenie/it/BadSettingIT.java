/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service started with a bad setting ({@code OTEL_OPSGENIE_ALERT_PRIORITY=P9}) keeps serving and
 * keeps exporting its spans (the logging exporter prints them); the extension logs one SEVERE line
 * naming the key, the value and the expected form, sends one misconfiguration alert, and raises no
 * other alert.
 */
@Timeout(300)
class BadSettingIT {

  private static final String KEY = "it-bad-setting-key";
  private static final String SERVICE = "misconfigured-service";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
    env.put("OTEL_OPSGENIE_ALERT_PRIORITY", "P9");
    env.put("OTEL_OPSGENIE_POLICIES", "payments");
    env.put("OTEL_OPSGENIE_POLICY_PAYMENTS_ROUTES", "^/checkout/.*");
    env.put("OTEL_OPSGENIE_POLICY_PAYMENTS_PRIORITY", "P0");
    service =
        E2e.underAgent(SERVICE, E2e.plainJar())
            .systemProperty("otel.traces.exporter", "logging")
            .env(env)
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.stop(standIn, service);
  }

  @Test
  void serviceStillServes() throws Exception {
    assertThat(get(service.baseUrl(), "/ok", Trace.fresh()).status()).isEqualTo(200);
  }

  @Test
  void serviceStillExportsItsSpans() throws Exception {
    Trace trace = Trace.fresh();
    get(service.baseUrl(), "/ok", trace);

    String exported =
        service.awaitLine(
            l -> l.contains("LoggingSpanExporter") && l.contains(trace.traceId()),
            Duration.ofSeconds(20));
    assertThat(exported)
        .as("the logging exporter's line for the span of trace %s", trace.traceId())
        .isNotNull()
        .contains("'GET /ok'")
        .contains("SERVER");
    assertThat(service.lines(l -> l.contains("OpenTelemetry Javaagent failed to start"))).isEmpty();
  }

  @Test
  void oneSevereLineNamesTheKeyTheValueAndTheExpectedForm() throws InterruptedException {
    List<String> severe = E2e.extensionErrors(service);
    assertThat(severe).hasSize(1);
    assertThat(severe.get(0))
        .contains("otel.opsgenie.alert.priority")
        .contains("P9")
        .contains("P1")
        .contains("P5");
    // each problem, said once, in the one line: a policy setting is named by its own key
    assertThat(severe.get(0).split("alert.priority=P9", -1)).hasSize(2);
    assertThat(severe.get(0)).contains("otel.opsgenie.policy.payments.priority=P0 is invalid");
    assertThat(severe.get(0).split("policy.payments.priority=P0", -1)).hasSize(2);
  }

  @Test
  void oneMisconfigurationAlertAndNoOtherAlert() throws Exception {
    Trace failing = Trace.fresh();
    assertThat(get(service.baseUrl(), "/status/500", failing).status()).isEqualTo(500);
    assertThat(standIn.await(a -> true, 1, E2e.ALERT_TIMEOUT)).isNotEmpty();
    Thread.sleep(E2e.QUIET.toMillis());

    List<ReceivedAlert> alerts = standIn.alerts();
    assertThat(alerts).hasSize(1);
    ReceivedAlert alert = alerts.get(0);
    assertThat(alert.problems()).isEmpty();
    assertThat(alert.type()).isEqualTo("misconfiguration");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-otel-opsgenie-misconfigured");
    assertThat(alert.description()).contains("otel.opsgenie.alert.priority").contains("P9");
    // the priority setting is the broken one, so the alert uses the default
    assertThat(alert.priority()).isIn("P1", "P2", "P3", "P4", "P5");
  }
}
