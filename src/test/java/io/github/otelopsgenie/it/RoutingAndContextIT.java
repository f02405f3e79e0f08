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
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Who gets paged, and with what, under the real agent (the Spring Boot example): a policy on the
 * checkout route, the environment and version from OTEL_RESOURCE_ATTRIBUTES, stack traces left out,
 * an {@code @ExceptionHandler} that records its exception, and the startup key check.
 */
@Timeout(300)
class RoutingAndContextIT {

  private static final String KEY = "it-routing-key";
  private static final String SERVICE = "routing-service";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;
  private static String startupCheckLine;
  private static final Set<String> alerting = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_RESOURCE_ATTRIBUTES", "deployment.environment.name=prod,service.version=1.2.3");
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500,502");
    env.put("OTEL_OPSGENIE_ALERT_PRIORITY", "P3");
    env.put("OTEL_OPSGENIE_RESPONDERS", "team:ops");
    env.put("OTEL_OPSGENIE_ALERT_TAGS", "it");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    env.put("OTEL_OPSGENIE_ALERT_STACKTRACE", "false");
    env.put("OTEL_OPSGENIE_POLICIES", "payments");
    env.put("OTEL_OPSGENIE_POLICY_PAYMENTS_ROUTES", "^/checkout/.*");
    env.put("OTEL_OPSGENIE_POLICY_PAYMENTS_PRIORITY", "P1");
    env.put("OTEL_OPSGENIE_POLICY_PAYMENTS_RESPONDERS", "team:payments-oncall");
    env.put("OTEL_OPSGENIE_POLICY_PAYMENTS_TAGS", "payments");
    service =
        E2e.underAgent(SERVICE, E2e.springJar())
            .env(env)
            .arg("--server.port=0")
            .arg("--server.address=127.0.0.1")
            .start(E2e.START_TIMEOUT);
    // the key check runs on the sender's thread, started with the agent: it is done before any
    // request
    startupCheckLine =
        service.awaitLine(l -> l.contains("otel-opsgenie startup check"), Duration.ofSeconds(20));
    assertThat(get(service.baseUrl(), "/ok", null).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    E2e.checkAlertsAndStop(standIn, service, KEY, alerting);
  }

  private static Trace alertingTrace() {
    Trace trace = Trace.fresh();
    alerting.add(trace.traceId());
    return trace;
  }

  @Test
  void startupCheckIsOneInfoLineAndOneCallThatCreatesNothing() {
    assertThat(startupCheckLine)
        .contains("accepted the API key")
        .contains(standIn.baseUrl())
        .doesNotContain(KEY);
    assertThat(service.lines(l -> l.contains("otel-opsgenie startup check"))).hasSize(1);
    assertThat(standIn.statusChecks())
        .singleElement()
        .satisfies(
            check -> {
              assertThat(check.problems()).isEmpty();
              assertThat(check.header("Authorization")).isEqualTo("GenieKey " + KEY);
            });
  }

  @Test
  void policyRouteTakesThePolicysPriorityRespondersAndTags() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/checkout/cart-7", trace).status()).isEqualTo(502);
    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.priority()).isEqualTo("P1");
    assertThat(alert.responders())
        .containsExactly(Map.of("type", "team", "name", "payments-oncall"));
    assertThat(alert.tags()).containsExactly("it", "payments");
    assertThat(alert.detail("policy")).isEqualTo("payments");
  }

  @Test
  void otherRouteKeepsTheGlobalSettingsAndCarriesEnvironmentAndVersion() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/status/500", trace).status()).isEqualTo(500);
    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.alias()).isEqualTo(SERVICE + "-prod-response-status-alert");
    assertThat(alert.priority()).isEqualTo("P3");
    assertThat(alert.responders()).containsExactly(Map.of("type", "team", "name", "ops"));
    assertThat(alert.tags()).containsExactly("it");
    assertThat(alert.details())
        .containsEntry("environment", "prod")
        .containsEntry("service.version", "1.2.3")
        .doesNotContainKey("policy");
  }

  @Test
  void exceptionHandlerThatRecordsTheExceptionRaisesTheExceptionAlertWithoutStackFrames()
      throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/orders/42", trace).status()).isEqualTo(404);
    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-prod-OrderNotFoundException-exception-alert");
    assertThat(alert.details())
        .containsEntry("exception_message", "no order 42")
        .doesNotContainKey("exception_stacktrace");
    assertThat(alert.rawBody()).doesNotContain("\\tat ").doesNotContain("ExampleApplication.java:");
  }

  @Test
  void unhandledExceptionAlertHasNoStackFrame() throws Exception {
    Trace trace = alertingTrace();
    get(service.baseUrl(), "/boom", trace);
    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    assertThat(alert.details()).containsEntry("exception_message", "order database unreachable");
    assertThat(alert.rawBody()).doesNotContain("\\tat ").doesNotContain(".java:");
  }
}
