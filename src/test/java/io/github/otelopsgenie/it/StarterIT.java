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
 * The Spring Boot example instrumented by the OpenTelemetry Spring Boot starter, no agent, with the
 * extension jar as a plain dependency. The rules and priority come from the example's
 * application.properties ({@code otel.opsgenie.*} Spring properties), the token and API base from
 * OTEL_OPSGENIE_* environment variables: both forms reach the starter's SDK customizers.
 */
@Timeout(300)
class StarterIT {

  private static final String KEY = "it-starter-key";

  /** spring.application.name in the example; the starter makes it the service.name resource. */
  private static final String SERVICE = "checkout-service";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;
  private static final Set<String> alerting = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    service =
        ServiceProcess.builder(SERVICE)
            .java(E2e.serviceJava())
            .env(env)
            .jar(E2e.starterJar())
            .arg("--server.port=0")
            .arg("--server.address=127.0.0.1")
            .logFile(E2e.logFile(SERVICE))
            .start(E2e.START_TIMEOUT);
    assertThat(get(service.baseUrl(), "/ok", null).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    try {
      // Spring Boot's log pattern abbreviates logger names: look for our own words instead
      assertThat(
              service == null
                  ? java.util.List.of()
                  : service.lines(
                      l ->
                          (l.contains("otel-opsgenie") || l.contains("otelopsgenie"))
                              && (l.contains("ERROR")
                                  || l.contains("SEVERE")
                                  || l.contains("WARN"))))
          .as("errors and warnings logged by the extension")
          .isEmpty();
    } finally {
      E2e.checkAlertsAndStop(standIn, service, KEY, alerting);
    }
  }

  private static Trace alertingTrace() {
    Trace trace = Trace.fresh();
    alerting.add(trace.traceId());
    return trace;
  }

  @Test
  void starterLoadsTheExtensionThroughTheAutoconfigureSpi() {
    assertThat(
            service.lines(
                l ->
                    l.contains("otel-opsgenie alerting is on for service " + SERVICE)
                        && l.contains(standIn.baseUrl())))
        .hasSize(1);
    assertThat(service.lines(l -> l.contains("OpenTelemetry Spring Boot starter"))).isNotEmpty();
  }

  @Test
  void failingRequestRaisesStatusAlertConfiguredBySpringProperties() throws Exception {
    Trace trace = alertingTrace();
    assertThat(
            get(service.baseUrl(), "/status/502", trace, Map.of("X-Request-Id", "req-s1")).status())
        .isEqualTo(502);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("status");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-response-status-alert");
    assertThat(alert.priority()).isEqualTo("P3");
    assertThat(alert.tags()).containsExactly("starter", "team-payments");
    assertThat(alert.details())
        .containsEntry("route", "/status/{code}")
        .containsEntry("method", "GET")
        .containsEntry("status_code", "502")
        .containsEntry("service_id", SERVICE)
        .containsEntry("trace_id", trace.traceId())
        .containsEntry("X-Request-Id", "req-s1");
  }

  /**
   * The starter's Spring MVC filter records the exception as it leaves the DispatcherServlet,
   * wrapped in a ServletException (the agent's Tomcat instrumentation unwraps it, the starter does
   * not): the alert names the wrapper, and its message and stack trace carry the cause.
   */
  @Test
  void unhandledExceptionRaisesExceptionAlertNamingTheServletWrapper() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/boom", trace).status()).isEqualTo(500);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-ServletException-exception-alert");
    assertThat(alert.details())
        .containsEntry("exception_type", "jakarta.servlet.ServletException")
        .containsEntry("route", "/boom")
        .containsEntry("status_code", "500");
    assertThat(alert.detail("exception_message"))
        .contains("java.lang.IllegalStateException: order database unreachable");
  }

  @Test
  void unlistedStatusRaisesNoAlert() throws Exception {
    Trace quiet = Trace.fresh();
    assertThat(get(service.baseUrl(), "/status/503", quiet).status()).isEqualTo(503);
    Trace barrier = alertingTrace();
    get(service.baseUrl(), "/status/500", barrier);
    onlyAlertOf(standIn, barrier);
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(standIn.await(a -> quiet.traceId().equals(a.traceId()), 1, Duration.ZERO)).isEmpty();
  }
}
