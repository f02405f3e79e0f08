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
import io.github.otelopsgenie.it.E2e.Response;
import io.github.otelopsgenie.it.E2e.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Spring Boot example under the real agent with the extension, configured only through
 * OTEL_OPSGENIE_* variables; every alert is checked by the stand-in against the Opsgenie contract.
 * Each request carries its own trace, and alerts are matched to requests by {@code trace_id}.
 */
@Timeout(300)
class SpringBootServiceIT {

  private static final String KEY = "it-spring-key";
  private static final String SERVICE = "shop-service";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  /** Traces of requests that are expected to alert; any other alert fails the class. */
  private static final Set<String> alerting = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500,502");
    env.put("OTEL_OPSGENIE_IGNORED_ENDPOINTS", "/health");
    env.put("OTEL_OPSGENIE_THRESHOLD_RESPONSE_TIME", "400");
    env.put("OTEL_OPSGENIE_RESPONSE_TIME_MONITORED_ENDPOINTS", "/res_slow/.*/info/");
    env.put("OTEL_OPSGENIE_ALERT_TAGS", "env:it,team-payments");
    env.put("OTEL_OPSGENIE_ALERT_DETAILS", "region=eu-west-1,owner=payments");
    env.put("OTEL_OPSGENIE_ALERT_PRIORITY", "P3");
    env.put("OTEL_OPSGENIE_FORWARDED_HEADER_KEYS", "X-Request-Id,X-Tenant");
    env.put("OTEL_OPSGENIE_RESPONDERS", "user:neo@matrix,team:ops");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    service =
        E2e.underAgent(SERVICE, E2e.springJar())
            .env(env)
            .arg("--server.port=0")
            .arg("--server.address=127.0.0.1")
            .start(E2e.START_TIMEOUT);
    // the first request initializes the web stack; keep that cost out of the latency checks
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
  void extensionIsLoadedByTheAgentAndSaysWhereItSends() {
    assertThat(
            service.lines(
                l ->
                    l.contains("otel-opsgenie alerting is on for service " + SERVICE)
                        && l.contains(standIn.baseUrl())))
        .hasSize(1);
  }

  @Test
  void fiveHundredMatchingStatusCodeRaisesStatusAlert() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/status/500", trace).status()).isEqualTo(500);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("status");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-response-status-alert");
    assertThat(alert.message())
        .contains("GET /status/{code}")
        .contains("500")
        .endsWith("| Alert generated from " + SERVICE);
    assertThat(alert.details())
        .containsEntry("route", "/status/{code}")
        .containsEntry("endpoint", "/status/500")
        .containsEntry("method", "GET")
        .containsEntry("status_code", "500")
        .containsEntry("service_id", SERVICE)
        .containsEntry("trace_id", trace.traceId())
        .containsKeys("host", "span_id", "duration_ms", "url");
    assertThat(alert.description()).contains("/status/{code}").contains(trace.traceId());
  }

  @Test
  void alertCarriesTagsRespondersPriorityConfiguredDetailsAndForwardedHeaders() throws Exception {
    Trace trace = alertingTrace();
    get(
        service.baseUrl(),
        "/status/502",
        trace,
        Map.of("X-Request-Id", "req-7f3a", "X-Tenant", "acme"));

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.priority()).isEqualTo("P3");
    assertThat(alert.tags()).containsExactly("env:it", "team-payments");
    assertThat(alert.responders())
        .containsExactly(
            Map.of("type", "user", "username", "neo@matrix"),
            Map.of("type", "team", "name", "ops"));
    assertThat(alert.details())
        .containsEntry("region", "eu-west-1")
        .containsEntry("owner", "payments")
        .containsEntry("X-Request-Id", "req-7f3a")
        .containsEntry("X-Tenant", "acme")
        .containsEntry("status_code", "502");
  }

  @Test
  void queryValuesAreRedactedInTheUrlDetail() throws Exception {
    Trace trace = alertingTrace();
    get(service.baseUrl(), "/status/500?card=4111111111111111&debug", trace);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.detail("url"))
        .startsWith(service.baseUrl() + "/status/500?card=")
        .contains("debug");
    assertThat(alert.rawBody()).doesNotContain("4111111111111111");
  }

  @Test
  void slowRequestOnTemplatedRouteRaisesLatencyAlert() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/res_slow/7/info/?ms=700", trace).status()).isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("latency");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-response-latency-alert");
    assertThat(alert.details())
        .containsEntry("route", "/res_slow/{id}/info/")
        .containsEntry("endpoint", "/res_slow/7/info/")
        .containsEntry("threshold_ms", "400")
        .containsEntry("status_code", "200");
    assertThat(Double.parseDouble(alert.detail("duration_ms"))).isGreaterThanOrEqualTo(700);
  }

  @Test
  void unhandledExceptionRaisesOneExceptionAlertNotAStatusAlert() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/boom", trace).status()).isEqualTo(500);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-IllegalStateException-exception-alert");
    assertThat(alert.details())
        .containsEntry("exception_type", "java.lang.IllegalStateException")
        .containsEntry("exception_message", "order database unreachable")
        .containsEntry("route", "/boom")
        .containsEntry("status_code", "500");
    assertThat(alert.description())
        .contains("IllegalStateException")
        .contains("at com.example.opsgenie.spring.ExampleApplication.boom");
  }

  @Test
  void exceptionMarkedWithPlainRecordExceptionRaisesExceptionAlert() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/handled", trace).status()).isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    // exception.type is the canonical name of the nested class; the alias takes the simple name
    assertThat(alert.alias()).isEqualTo(SERVICE + "-InventoryException-exception-alert");
    assertThat(alert.details())
        .containsEntry(
            "exception_type", "com.example.opsgenie.spring.ExampleApplication.InventoryException")
        .containsEntry("status_code", "200")
        .containsEntry("route", "/handled");
  }

  @Test
  void exceptionMarkedWithHelperCarriesFunctionExtraDetailsAndPriority() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/handled-helper?order=order-77", trace).status())
        .isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("handled_exception");
    assertThat(alert.alias())
        .isEqualTo(SERVICE + "-chargeCard-PaymentDeclinedException-exception-alert");
    assertThat(alert.priority()).isEqualTo("P2");
    assertThat(alert.details())
        .containsEntry("function", "chargeCard")
        .containsEntry("order_id", "order-77")
        .containsEntry("payment_provider", "acme-pay")
        .containsEntry("route", "/handled-helper")
        .containsEntry(
            "exception_type",
            "com.example.opsgenie.spring.ExampleApplication.PaymentDeclinedException");
    assertThat(alert.message()).startsWith("chargeCard");
  }

  @Test
  void backgroundTaskFailingAfterTheResponseRaisesAlertInTheRequestsTrace() throws Exception {
    Trace trace = alertingTrace();
    Response response = get(service.baseUrl(), "/background?ms=1000", trace);
    Instant answered = Instant.now();
    assertThat(response.status()).isEqualTo(202);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.receivedAt()).isAfter(answered);
    assertThat(alert.type()).isEqualTo("handled_exception");
    assertThat(alert.alias())
        .isEqualTo(SERVICE + "-nightlyReport-ReportFailedException-exception-alert");
    assertThat(alert.details())
        .containsEntry("function", "nightlyReport")
        .containsEntry("exception_message", "nightly report: 3 of 12 partitions failed");
  }

  @Test
  void failingRequestWithUnsampledTraceparentStillAlerts() throws Exception {
    Trace trace = Trace.unsampled();
    alerting.add(trace.traceId());
    assertThat(get(service.baseUrl(), "/status/500", trace).status()).isEqualTo(500);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("status");
    assertThat(alert.traceId()).isEqualTo(trace.traceId());
  }

  @Test
  void healthyIgnoredAndUnlistedRequestsRaiseNoAlert() throws Exception {
    List<Trace> quiet = new ArrayList<>();
    for (String path :
        List.of(
            "/ok",
            "/status/404",
            "/status/503",
            "/status/200",
            "/health?status=500",
            "/res_slow/8/info/?ms=0")) {
      Trace trace = Trace.fresh();
      quiet.add(trace);
      assertThat(get(service.baseUrl(), path, trace).status()).isPositive();
    }
    // an alerting request after them: once its alert is in, theirs would have been too
    Trace barrier = alertingTrace();
    get(service.baseUrl(), "/status/500", barrier);
    onlyAlertOf(standIn, barrier);
    Thread.sleep(E2e.QUIET.toMillis());

    for (Trace trace : quiet) {
      assertThat(standIn.await(a -> trace.traceId().equals(a.traceId()), 1, Duration.ZERO))
          .isEmpty();
    }
  }

  @Test
  void extensionClassesAreNotVisibleToTheApplication() throws Exception {
    Response response = get(service.baseUrl(), "/leak-check", null);
    assertThat(response.status()).isEqualTo(200);
    assertThat(response.body())
        .contains("io.github.otelopsgenie.AlertingSpanProcessor=ClassNotFoundException")
        .contains("io.github.otelopsgenie.OpsgenieCustomizerProvider=ClassNotFoundException")
        .contains("io.github.otelopsgenie.shaded.semconv.HttpAttributes=ClassNotFoundException")
        .contains("io.opentelemetry.sdk.trace.SdkTracerProvider=ClassNotFoundException")
        .contains("AutoConfigurationCustomizerProvider=none")
        .containsPattern(
            "io\\.github\\.otelopsgenie\\.api\\.OpsgenieAlerts=visible from \\S*otel-opsgenie-[^/]*-api\\.jar");
  }
}
