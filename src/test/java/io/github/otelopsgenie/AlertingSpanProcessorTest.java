/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.alert.Responder;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Arrays;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The rules, through a real SDK: one test per flask-opsgenie option and exception mode. */
class AlertingSpanProcessorTest {

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider provider;
  private Tracer tracer;
  private AlertingSpanProcessor processor;

  private void setUp(String... settings) {
    processor = new AlertingSpanProcessor(TestSettings.of(settings), sink);
    provider =
        SdkTracerProvider.builder()
            .setClock(clock)
            .addSpanProcessor(processor)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    tracer = provider.get("test");
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  /** Ends a SERVER span for {@code GET route} that answered {@code status} after {@code millis}. */
  private Span request(String route, String path, Long status, long millis, Consumer<Span> more) {
    Span span =
        tracer
            .spanBuilder("GET " + route)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.scheme", "http")
            .setAttribute("server.address", "127.0.0.1")
            .setAttribute("server.port", 8080L)
            .setAttribute("url.path", path)
            .startSpan();
    if (route != null) {
      span.setAttribute("http.route", route);
    }
    if (status != null) {
      span.setAttribute("http.response.status_code", status);
      if (status >= 500) {
        span.setAttribute("error.type", status.toString());
      }
    }
    more.accept(span);
    clock.advance(Duration.ofMillis(millis));
    span.end();
    return span;
  }

  private Span request(String route, long status) {
    return request(route, route, status, 5, s -> {});
  }

  @Test
  void listedStatusCodeRaisesStatusAlert() {
    setUp("alert.status.codes", "500,502");
    request("/users/{id}", "/users/42", 500L, 12, s -> {});
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.STATUS);
    assertThat(alert.getAlias()).isEqualTo("checkout-response-status-alert");
    assertThat(alert.getMessage())
        .isEqualTo(
            "GET /users/{id} returned unaccepted status code : 500 | Alert generated from checkout");
    assertThat(alert.getPriority()).isEqualTo("P4");
    assertThat(alert.getTags()).containsExactly("otel-opsgenie");
    assertThat(alert.getDetails())
        .containsEntry("status_code", "500")
        .containsEntry("route", "/users/{id}")
        .containsEntry("endpoint", "/users/42")
        .containsEntry("method", "GET")
        .containsEntry("url", "http://127.0.0.1:8080/users/42")
        .containsEntry("duration_ms", "12")
        .containsEntry("service_id", "checkout")
        .containsEntry("host", "web-1")
        .containsKeys("trace_id", "span_id")
        .doesNotContainValue("null");
  }

  @Test
  void unlistedStatusCodeRaisesNothing() {
    setUp("alert.status.codes", "500,502");
    request("/a", 503);
    request("/a", 200);
    request("/a", 404);
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void statusClassCoversTheWholeHundred() {
    setUp("alert.status.classes", "5xx");
    request("/a", 500);
    request("/a", 599);
    request("/a", 404);
    request("/a", 200);
    assertThat(sink.alerts).hasSize(2);
    assertThat(sink.alerts.get(1).getDetails())
        .containsEntry("status_class", "5XX")
        .containsEntry("status_code", "599");
    assertThat(sink.alerts.get(1).getMessage()).contains("status class : 5XX (599)");
  }

  @Test
  void codeListedInBothCodesAndClassesRaisesOneCodeAlert() {
    setUp("alert.status.codes", "500", "alert.status.classes", "5XX,4XX");
    request("/a", 500);
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getMessage()).contains("status code : 500");
    assertThat(alert.getDetails()).doesNotContainKey("status_class");
  }

  @Test
  void monitoredEndpointsLimitStatusRulesToMatchingRoutes() {
    setUp("alert.status.classes", "5XX", "monitored.endpoints", "/api/.*");
    request("/api/orders", 500);
    request("/web/home", 500);
    request("/api", 500); // whole-route match: /api/.* needs the slash
    assertThat(sink.alerts)
        .extracting(a -> a.getDetails().get("route"))
        .containsExactly("/api/orders");
  }

  @Test
  void ignoredEndpointsAreNeverCheckedEvenInsideMonitoredOnes() {
    setUp(
        "alert.status.classes",
        "5XX",
        "monitored.endpoints",
        "/api/.*",
        "ignored.endpoints",
        "/api/health,/metrics");
    request("/api/health", 500);
    request("/api/orders", 500);
    assertThat(sink.alerts)
        .extracting(a -> a.getDetails().get("route"))
        .containsExactly("/api/orders");
  }

  @Test
  void routeFallsBackToUrlPathWhenTheSpanHasNoRoute() {
    setUp("alert.status.codes", "500", "monitored.endpoints", "/raw/.*");
    request(null, "/raw/7", 500L, 1, s -> {});
    assertThat(sink.only().getDetails())
        .containsEntry("route", "/raw/7")
        .containsEntry("endpoint", "/raw/7");
  }

  @Test
  void latencyOverThresholdOnMonitoredTemplatedRouteRaisesLatencyAlert() {
    setUp(
        "threshold.response.time",
        "2000",
        "response.time.monitored.endpoints",
        "/res_slow/.*/info/");
    request("/res_slow/{id}/info/", "/res_slow/1/info/", 200L, 3000, s -> {});
    request("/res_slow/{id}/info/", "/res_slow/1/info/", 200L, 2000, s -> {}); // strictly over
    request("/other", "/other", 200L, 9000, s -> {});
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.LATENCY);
    assertThat(alert.getAlias()).isEqualTo("checkout-response-latency-alert");
    assertThat(alert.getMessage())
        .startsWith("GET /res_slow/{id}/info/ showed unexpected response time : 3000ms");
    assertThat(alert.getDetails())
        .containsEntry("duration_ms", "3000")
        .containsEntry("threshold_ms", "2000");
  }

  @Test
  void perRouteThresholdWinsOverTheGlobalOne() {
    setUp(
        "threshold.response.time",
        "2000",
        "response.time.monitored.endpoints",
        ".*",
        "response.time.thresholds",
        "/report=10000,/fast/.*=100");
    request("/report", "/report", 200L, 5000, s -> {});
    request("/fast/x", "/fast/x", 200L, 150, s -> {});
    request("/any", "/any", 200L, 2500, s -> {});
    assertThat(sink.alerts)
        .extracting(a -> a.getDetails().get("route"))
        .containsExactly("/fast/x", "/any");
    assertThat(sink.alerts.get(0).getDetails()).containsEntry("threshold_ms", "100");
  }

  @Test
  void ignoredEndpointsDoNotSilenceLatencyAlertsAsInTheSeed() {
    setUp(
        "ignored.endpoints",
        "/slow",
        "threshold.response.time",
        "10",
        "response.time.monitored.endpoints",
        "/slow");
    request("/slow", "/slow", 200L, 50, s -> {});
    assertThat(sink.only().getType()).isEqualTo(AlertType.LATENCY);
  }

  @Test
  void unhandledExceptionEventRaisesExceptionAlertWithSimpleNameAlias() {
    setUp("alert.status.codes", "500");
    request(
        "/boom", "/boom", 500L, 3, s -> s.recordException(new Outer.InnerFailure("card declined")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.EXCEPTION);
    assertThat(alert.getAlias()).isEqualTo("checkout-InnerFailure-exception-alert");
    assertThat(alert.getMessage())
        .isEqualTo(
            "GET /boom threw exception : InnerFailure: card declined | Alert generated from checkout");
    assertThat(alert.getDetails())
        .containsEntry(
            "exception_type", "io.github.otelopsgenie.AlertingSpanProcessorTest.Outer.InnerFailure")
        .containsEntry("exception_message", "card declined")
        .containsEntry("status_code", "500");
    assertThat(alert.getDetails().get("exception_stacktrace"))
        .contains("card declined")
        .contains("AlertingSpanProcessorTest");
    assertThat(alert.getDescription()).contains("Stack trace :").contains("InnerFailure");
  }

  @Test
  void exceptionAliasSettingIsTheSuffix() {
    setUp("alert.exception.alias", "unhandled_exception", "alert.alias", "handled_exception");
    request("/boom", "/boom", null, 3, s -> s.recordException(new IllegalStateException("x")));
    assertThat(sink.only().getAlias())
        .isEqualTo("checkout-IllegalStateException-unhandled_exception");
  }

  @Test
  void exceptionWithoutStatusCodeStillAlerts() {
    // the JDK HttpServer instrumentation sets no status when the handler threw before headers
    setUp();
    request(
        "/boom",
        "/boom",
        null,
        3,
        s -> {
          s.setAttribute("error.type", "java.lang.IllegalStateException");
          s.recordException(new IllegalStateException("boom from handler"));
        });
    assertThat(sink.only().getDetails())
        .doesNotContainKey("status_code")
        .containsEntry("exception_message", "boom from handler");
  }

  @Test
  void errorTypeRaisesExceptionAlertWhenExceptionsAreSignalledAsLogs() {
    setUp();
    request(
        "/boom",
        "/boom",
        null,
        3,
        s -> s.setAttribute("error.type", "java.lang.IllegalStateException"));
    request("/fail", "/fail", 500L, 3, s -> {}); // numeric error.type is no exception
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getAlias()).isEqualTo("checkout-IllegalStateException-exception-alert");
    assertThat(alert.getDetails())
        .containsEntry("exception_type", "java.lang.IllegalStateException");
  }

  @Test
  void errorTypeIsNotReadWhenTheStatusIsAnError() {
    // the agent puts the status in error.type from 500 on; a class name there is not looked for
    setUp("alert.status.codes", "502");
    request(
        "/bad-gateway",
        "/bad-gateway",
        502L,
        3,
        s -> s.setAttribute("error.type", "java.net.ConnectException"));
    assertThat(sink.only().getType()).isEqualTo(AlertType.STATUS);
    request(
        "/late", "/late", 200L, 3, s -> s.setAttribute("error.type", "java.net.ConnectException"));
    assertThat(sink.alerts).hasSize(2);
    assertThat(sink.alerts.get(1).getType()).isEqualTo(AlertType.EXCEPTION);
  }

  @Test
  void handledExceptionMarkedWithPlainRecordExceptionAlertsOnServerSpan() {
    setUp();
    request(
        "/handled",
        "/handled",
        200L,
        3,
        s -> s.recordException(new IllegalArgumentException("bad input")));
    assertThat(sink.only().getType()).isEqualTo(AlertType.EXCEPTION);
  }

  @Test
  void plainRecordExceptionOnInternalSpanRaisesNothing() {
    setUp();
    Span span = tracer.spanBuilder("work").startSpan();
    span.recordException(new IllegalStateException("x"));
    span.end();
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void exceptionAlertsCanBeTurnedOff() {
    setUp("alert.exceptions", "false", "alert.status.codes", "500");
    request("/boom", "/boom", 500L, 3, s -> s.recordException(new IllegalStateException("x")));
    assertThat(sink.only().getType()).isEqualTo(AlertType.STATUS);
  }

  @Test
  void ignoredExceptionsNeverAlertButTheirRequestStillCanByStatus() {
    setUp(
        "ignored.exceptions",
        "ClientAbortException,java.lang.IllegalArgumentException",
        "alert.status.codes",
        "500");
    request("/a", "/a", 200L, 3, s -> s.recordException(new IllegalArgumentException("x")));
    request("/b", "/b", 500L, 3, s -> s.recordException(new ClientAbortException()));
    request(
        "/c",
        "/c",
        null,
        3,
        s -> s.setAttribute("error.type", "org.apache.catalina.connector.ClientAbortException"));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.STATUS);
    assertThat(alert.getDetails()).containsEntry("route", "/b");
  }

  @Test
  void oneAlertPerSpanMostSpecificFirst() {
    setUp(
        "alert.status.codes",
        "500",
        "threshold.response.time",
        "10",
        "response.time.monitored.endpoints",
        ".*");
    request("/x", "/x", 500L, 50, s -> s.recordException(new IllegalStateException("x")));
    request("/y", "/y", 500L, 50, s -> {});
    request("/z", "/z", 200L, 50, s -> {});
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getType)
        .containsExactly(AlertType.EXCEPTION, AlertType.STATUS, AlertType.LATENCY);
  }

  @Test
  void healthyRequestsAndOtherSpanKindsRaiseNothing() {
    setUp(
        "alert.status.classes",
        "5XX,4XX",
        "threshold.response.time",
        "100",
        "response.time.monitored.endpoints",
        ".*");
    for (int i = 0; i < 100; i++) {
      request("/ok", 200);
    }
    Span client =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.response.status_code", 500L)
            .startSpan();
    client.end();
    assertThat(sink.alerts).isEmpty();
    assertThat(exporter.getFinishedSpanItems()).hasSize(101);
  }

  @Test
  void configuredTagsDetailsPriorityAndRespondersGoOnEveryAlert() {
    setUp(
        "alert.status.codes",
        "500",
        "alert.tags",
        "payments,prod",
        "alert.details",
        "team=payments,service_id=override",
        "alert.priority",
        "p2",
        "responders",
        "user:neo@matrix,team:ops,escalation:night,schedule:id:abc-1");
    request("/a", 500);
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getTags()).containsExactly("payments", "prod");
    assertThat(alert.getPriority()).isEqualTo("P2");
    assertThat(alert.getDetails())
        .containsEntry("team", "payments")
        .containsEntry("service_id", "override");
    assertThat(alert.getResponders())
        .extracting(Responder::toString)
        .containsExactly("user:neo@matrix", "team:ops", "escalation:night", "schedule:id:abc-1");
    assertThat(alert.getResponders().get(0).getUsername()).isEqualTo("neo@matrix");
    assertThat(alert.getResponders().get(1).getName()).isEqualTo("ops");
    assertThat(alert.getResponders().get(3).getId()).isEqualTo("abc-1");
  }

  @Test
  void serviceIdAndAliasesFollowTheSeedFallbacks() {
    setUp(
        "alert.status.codes",
        "500",
        "service.id",
        "billing",
        "alert.alias",
        "billing-alerts",
        "threshold.response.time",
        "1",
        "response.time.monitored.endpoints",
        ".*");
    request("/a", "/a", 500L, 5, s -> {});
    request("/b", "/b", 200L, 5, s -> {});
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsExactly("billing-alerts", "billing-alerts");
  }

  @Test
  void typeSpecificAliasesWinAndMayUsePlaceholders() {
    setUp(
        "alert.status.codes",
        "500",
        "alert.alias",
        "all",
        "alert.status.alias",
        "{service_id}-{route}-{status_code}",
        "alert.latency.alias",
        "slow-{method}-{route}",
        "threshold.response.time",
        "1",
        "response.time.monitored.endpoints",
        ".*");
    request("/a", "/a", 500L, 5, s -> {});
    request("/b", "/b", 200L, 5, s -> {});
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsExactly("checkout-/a-500", "slow-GET-/b");
  }

  @Test
  void routeInAnAliasOfASpanWithoutHttpRouteIsUnroutedNeverThePath() {
    setUp(
        "alert.status.codes",
        "500",
        "alert.status.alias",
        "{service_id}-{route}-{status_code}",
        "alert.cooldown",
        "0");
    request(null, "/orders/123", 500L, 5, s -> {});
    request(null, "/orders/124", 500L, 5, s -> {});
    request("/orders/{id}", "/orders/125", 500L, 5, s -> {});
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsExactly(
            "checkout-unrouted-500", "checkout-unrouted-500", "checkout-/orders/{id}-500");
    assertThat(sink.alerts.get(0).getDetails()).containsEntry("endpoint", "/orders/123");
  }

  @Test
  void forwardedHeadersComeFromTheSameSpanAndSensitiveOnesNever() {
    setUp(
        "alert.status.codes",
        "500",
        "forwarded.header.keys",
        "X-Request-Id,Authorization,X-Api-Key");
    request(
        "/a",
        "/a",
        500L,
        5,
        s -> {
          s.setAttribute(
              AttributeKey.stringArrayKey("http.request.header.x-request-id"),
              Arrays.asList("req-123"));
          s.setAttribute(
              AttributeKey.stringArrayKey("http.request.header.authorization"),
              Arrays.asList("Bearer secret"));
          s.setAttribute(
              AttributeKey.stringArrayKey("http.request.header.x-api-key"), Arrays.asList("k"));
        });
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getDetails())
        .containsEntry("X-Request-Id", "req-123")
        .doesNotContainKeys("Authorization", "X-Api-Key");
    assertThat(alert.getDescription()).contains("X-Request-Id : req-123").doesNotContain("secret");
  }

  @Test
  void queryStringValuesAreRedactedInTheUrl() {
    setUp("alert.status.codes", "500");
    request("/a", "/a", 500L, 5, s -> s.setAttribute("url.query", "token=s3cr3t-q&page=2&flag"));
    assertThat(sink.only().getDetails())
        .containsEntry("url", "http://127.0.0.1:8080/a?token=REDACTED&page=REDACTED&flag");
    assertThat(sink.only().getDescription()).doesNotContain("s3cr3t-q");
  }

  @Test
  void everyAlertGetsItsOwnDetails() {
    setUp(
        "alert.status.codes",
        "500",
        "threshold.response.time",
        "10",
        "response.time.monitored.endpoints",
        ".*");
    request("/a", "/a", 500L, 5, s -> s.recordException(new IllegalStateException("first")));
    request("/b", "/b", 200L, 50, s -> {});
    assertThat(sink.alerts.get(1).getDetails())
        .doesNotContainKeys("exception_message", "exception_type", "exception_stacktrace");
  }

  @Test
  void longFieldsAreCutToOpsgenieLimits() {
    String longRoute = "/" + "r".repeat(600);
    setUp("alert.status.codes", "500", "alert.status.alias", "{route}");
    request(
        longRoute, longRoute, 500L, 5, s -> s.setAttribute("url.query", "q=" + "v".repeat(9000)));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getMessage())
        .hasSizeLessThanOrEqualTo(130)
        .endsWith("| Alert generated from checkout");
    assertThat(alert.getAlias()).startsWith("sha256-").hasSize(71);
    assertThat(FieldLimits.detailsLength(alert.getDetails())).isLessThanOrEqualTo(8000);
    assertThat(alert.getDescription()).hasSizeLessThanOrEqualTo(15000);
  }

  @Test
  void longAliasHashIsStable() {
    String longRoute = "/" + "r".repeat(600);
    setUp("alert.status.codes", "500", "alert.status.alias", "{route}");
    request(longRoute, 500);
    request(longRoute, 500);
    assertThat(sink.alerts.get(0).getAlias()).isEqualTo(sink.alerts.get(1).getAlias());
  }

  @Test
  void failureInsideTheProcessorNeverReachesTheApplication() {
    setUp("alert.status.codes", "500");
    sink.failure = new IllegalStateException("sink broke");
    assertThatCode(() -> request("/a", 500)).doesNotThrowAnyException();
    assertThat(processor.state().failureCount()).isEqualTo(1);
    // the exporter after us still got the span
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
  }

  @Test
  void droppedAlertsAreCounted() {
    setUp("alert.status.codes", "500");
    sink.accept = false;
    request("/a", 500);
    assertThat(processor.state().droppedCount()).isEqualTo(1);
  }

  @Test
  void routeDecisionsAreRememberedButBounded() {
    setUp("alert.status.codes", "500", "monitored.endpoints", "/api/.*");
    for (int i = 0; i < RouteMatcher.MAX_ROUTES + 100; i++) {
      // a status that alerts: only then is the route's decision needed (and remembered)
      request(null, "/raw/" + i, 500L, 1, s -> {});
    }
    assertThat(processor.state().rememberedRoutes()).isLessThanOrEqualTo(RouteMatcher.MAX_ROUTES);
  }

  @Test
  void healthyRequestsDoNotLookUpTheirRoute() {
    setUp(
        "alert.status.codes",
        "500",
        "monitored.endpoints",
        "/api/.*",
        "threshold.response.time",
        "1000",
        "response.time.monitored.endpoints",
        "/api/slow");
    request("/api/a", "/api/a", 200L, 999, s -> {});
    request("/api/b", "/api/b", 404L, 5, s -> {});
    assertThat(processor.state().rememberedRoutes()).isZero();
    request("/api/a", "/api/a", 500L, 5, s -> {});
    request("/api/slow", "/api/slow", 200L, 1001, s -> {});
    assertThat(processor.state().rememberedRoutes()).isEqualTo(2);
    assertThat(sink.alerts).hasSize(2);
  }

  @Test
  void recordOnlySpansAreStillChecked() {
    setUp("alert.status.codes", "500");
    SdkTracerProvider recordOnly =
        SdkTracerProvider.builder()
            .setSampler(
                new OpsgenieSampler(io.opentelemetry.sdk.trace.samplers.Sampler.alwaysOff()))
            .addSpanProcessor(processor)
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .build();
    Span span =
        recordOnly
            .get("t")
            .spanBuilder("GET /a")
            .setSpanKind(SpanKind.SERVER)
            .setAllAttributes(
                Attributes.of(AttributeKey.longKey("http.response.status_code"), 500L))
            .startSpan();
    assertThat(span.getSpanContext().isSampled()).isFalse();
    span.end();
    assertThat(sink.alerts).hasSize(1);
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
    recordOnly.shutdown();
  }

  @Test
  void traceUrlTemplateLinksTheFailingRequestsTrace() {
    setUp(
        "alert.status.codes",
        "500",
        "trace.url.template",
        "https://jaeger.example/trace/{trace_id}?span={span_id}");
    Span span = request("/a", 500);
    OpsgenieAlert alert = sink.only();
    String url =
        "https://jaeger.example/trace/"
            + span.getSpanContext().getTraceId()
            + "?span="
            + span.getSpanContext().getSpanId();
    assertThat(alert.getDetails()).containsEntry("trace_url", url);
    assertThat(alert.getDescription()).contains("Trace : " + url);
  }

  @Test
  void withoutTraceUrlTemplateThereIsNoLink() {
    setUp("alert.status.codes", "500");
    request("/a", 500);
    assertThat(sink.only().getDetails()).doesNotContainKey("trace_url");
  }

  static final class Outer {
    static final class InnerFailure extends RuntimeException {
      InnerFailure(String message) {
        super(message);
      }
    }
  }

  static final class ClientAbortException extends RuntimeException {}
}
