/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Failing dependencies through a real SDK, with CLIENT spans shaped as the agent's JDK HTTP client
 * instrumentation makes them (observed under agent 2.33.1: docs/request-facts.md).
 */
class DependencyAlertsTest {

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private SdkTracerProvider provider;
  private Tracer tracer;
  private AlertingSpanProcessor processor;

  private void setUp(String... settings) {
    processor = new AlertingSpanProcessor(TestSettings.of(settings), sink, clock, false);
    provider = SdkTracerProvider.builder().setClock(clock).addSpanProcessor(processor).build();
    tracer = provider.get("io.opentelemetry.java-http-client");
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  private void call(String host, long port, long status) {
    call(
        SpanKind.CLIENT,
        span -> {
          span.setAttribute("server.address", host)
              .setAttribute("server.port", port)
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.response.status_code", status);
          if (status >= 500) {
            span.setAttribute("error.type", Long.toString(status)).setStatus(StatusCode.ERROR);
          }
        });
  }

  private void call(SpanKind kind, Consumer<Span> attributes) {
    Span span = tracer.spanBuilder("GET").setSpanKind(kind).startSpan();
    attributes.accept(span);
    clock.advance(Duration.ofMillis(3));
    span.end();
  }

  @Test
  void errorRateReachedAfterMinRequestsRaisesOneDependencyAlert() {
    setUp("dependency.error.rate", "50%", "dependency.min.requests", "4", "alert.cooldown", "0");
    call("payments.internal", 443, 503);
    call("payments.internal", 443, 503);
    call("payments.internal", 443, 503);
    assertThat(sink.alerts).as("not before min.requests").isEmpty();
    call("payments.internal", 443, 503);
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.DEPENDENCY);
    assertThat(alert.getAlias()).isEqualTo("checkout-dependency-payments.internal:443-alert");
    assertThat(alert.getMessage())
        .isEqualTo(
            "Dependency payments.internal:443 failing: 4 of 4 calls (100%) over 5m | Alert generated from checkout");
    assertThat(alert.getDetails())
        .containsEntry("alert_type", "dependency")
        .containsEntry("dependency", "payments.internal:443")
        .containsEntry("window_calls", "4")
        .containsEntry("window_errors", "4")
        .containsEntry("error_rate", "100%")
        .containsEntry("error_rate_threshold", "50%")
        .containsEntry("error_types", "503 \u00d74")
        .containsKey("trace_id")
        .doesNotContainValue("null");
    // still failing: one alert per breach
    call("payments.internal", 443, 503);
    assertThat(sink.alerts).hasSize(1);
  }

  @Test
  void healthyCallsKeepTheRateBelow() {
    setUp("dependency.error.rate", "0.5", "dependency.min.requests", "4");
    for (int i = 0; i < 10; i++) {
      call("payments.internal", 443, i % 3 == 1 ? 503 : 200);
    }
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void peerServiceThenAddressThenDatabaseNameTheDependency() {
    setUp("dependency.error.rate", "1", "dependency.min.requests", "1", "alert.cooldown", "0");
    call(
        SpanKind.CLIENT,
        s ->
            s.setAttribute("peer.service", "acme-pay")
                .setAttribute("server.address", "10.0.0.1")
                .setAttribute("error.type", "java.net.ConnectException"));
    call(
        SpanKind.CLIENT,
        s ->
            s.setAttribute("db.system.name", "postgresql")
                .setAttribute("db.namespace", "orders")
                .setStatus(StatusCode.ERROR));
    call(SpanKind.CLIENT, s -> s.setAttribute("db.system", "redis").setStatus(StatusCode.ERROR));
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsExactly(
            "checkout-dependency-acme-pay-alert",
            "checkout-dependency-postgresql/orders-alert",
            "checkout-dependency-redis-alert");
    assertThat(sink.alerts.get(1).getDetails())
        .containsEntry("error_types", "ERROR status \u00d71");
  }

  @Test
  void spanNamingNoDependencyOrOtherKindIsNotCounted() {
    setUp("dependency.error.rate", "1", "dependency.min.requests", "1");
    call(SpanKind.CLIENT, s -> s.setStatus(StatusCode.ERROR));
    call(SpanKind.INTERNAL, s -> s.setAttribute("server.address", "x").setStatus(StatusCode.ERROR));
    call(SpanKind.PRODUCER, s -> s.setAttribute("server.address", "x").setStatus(StatusCode.ERROR));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void ourOwnCallsToOpsgenieAreNoDependency() {
    setUp(
        "dependency.error.rate",
        "50%",
        "dependency.min.requests",
        "1",
        "api.base",
        "https://api.eu.opsgenie.com");
    call("api.eu.opsgenie.com", 443, 503);
    call(
        SpanKind.CLIENT,
        s ->
            s.setAttribute("server.address", "api.eu.opsgenie.com")
                .setAttribute("error.type", "java.net.ConnectException"));
    assertThat(sink.alerts).isEmpty();
    assertThat(processor.state().trackedDependencies()).isZero();
    call("payments.internal", 443, 503);
    assertThat(sink.alerts).hasSize(1);
  }

  @Test
  void failedGrpcCallsAreNamedByTheirGrpcStatus() {
    setUp("dependency.error.rate", "50%", "dependency.min.requests", "2", "alert.cooldown", "0");
    for (int i = 0; i < 2; i++) {
      call(
          SpanKind.CLIENT,
          s ->
              s.setAttribute("rpc.system", "grpc")
                  .setAttribute("rpc.service", "shop.Orders")
                  .setAttribute("server.address", "orders.internal")
                  .setAttribute("server.port", 50051L)
                  .setAttribute("rpc.grpc.status_code", 14L)
                  .setStatus(StatusCode.ERROR));
    }
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getAlias()).isEqualTo("checkout-dependency-orders.internal:50051-alert");
    assertThat(alert.getDetails()).containsEntry("error_types", "UNAVAILABLE \u00d72");
  }

  @Test
  void offByDefault() {
    setUp();
    for (int i = 0; i < 30; i++) {
      call("payments.internal", 443, 503);
    }
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void recoveredDependencyIsClosedAndAlertsAgainOnTheNextBreach() {
    setUp(
        "dependency.error.rate",
        "50%",
        "dependency.min.requests",
        "2",
        "alert.cooldown",
        "0",
        "alert.window",
        "10s",
        "alert.auto.close",
        "5s");
    call("payments.internal", 443, 503);
    call("payments.internal", 443, 503);
    assertThat(sink.alerts).hasSize(1);
    clock.advance(Duration.ofSeconds(6));
    processor.closeRecovered();
    assertThat(sink.closes).as("still above the rate in the window").isEmpty();
    clock.advance(Duration.ofSeconds(5));
    for (int i = 0; i < 4; i++) {
      call("payments.internal", 443, 200);
    }
    processor.closeRecovered();
    assertThat(sink.closes)
        .extracting(c -> c[0])
        .containsExactly("checkout-dependency-payments.internal:443-alert");
    call("payments.internal", 443, 503);
    call("payments.internal", 443, 503);
    call("payments.internal", 443, 503);
    call("payments.internal", 443, 503);
    call("payments.internal", 443, 503);
    assertThat(sink.alerts).hasSize(2);
  }

  @Test
  void mostFrequentErrorTypesCoverTheWindowOnly() {
    setUp(
        "dependency.error.rate",
        "50%",
        "dependency.min.requests",
        "4",
        "alert.cooldown",
        "0",
        "alert.window",
        "10s");
    // two refused connections among healthy calls: 25%, no breach
    for (int i = 0; i < 2; i++) {
      call(
          SpanKind.CLIENT,
          span ->
              span.setAttribute("server.address", "payments.internal")
                  .setAttribute("server.port", 443L)
                  .setAttribute("error.type", "java.net.ConnectException")
                  .setStatus(StatusCode.ERROR));
    }
    for (int i = 0; i < 6; i++) {
      call("payments.internal", 443, 200);
    }
    assertThat(sink.alerts).isEmpty();
    // a window later those calls are out of it: the breach is the 503s alone
    clock.advance(Duration.ofSeconds(11));
    call("payments.internal", 443, 503);
    clock.advance(Duration.ofSeconds(4));
    for (int i = 0; i < 3; i++) {
      call("payments.internal", 443, 503);
    }
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getDetails())
        .containsEntry("window_calls", "4")
        .containsEntry("window_errors", "4")
        .containsEntry("error_types", "503 \u00d74");
  }

  @Test
  void trackedDependenciesAreBoundedAndIdleOnesForgotten() {
    setUp("dependency.error.rate", "50%", "alert.window", "10s");
    for (int i = 0; i < 300; i++) {
      call("host-" + i, 80, 200);
    }
    assertThat(processor.state().trackedDependencies()).isEqualTo(256);
    clock.advance(Duration.ofSeconds(11));
    call("late", 80, 200);
    assertThat(processor.state().trackedDependencies()).isEqualTo(1);
    assertThat(processor.state().summary())
        .contains("dependencies=1 (at most 256, calls to untracked ones 44)");
  }

  /**
   * Issue 27: a dependency alert fired once per breach and never again, so that a replica that
   * recovered read lastOccurredAt of this replica's only create, long ago, and closed the alert
   * while this one still failed. Now it refreshes at least every auto.close/2, as route alerts do.
   */
  @Test
  void aDependencyStillFailingSendsItsAlertAgainEveryHalfAutoClosePeriod() {
    setUp(
        "dependency.error.rate",
        "50%",
        "dependency.min.requests",
        "2",
        "alert.cooldown",
        "0",
        "alert.window",
        "10s",
        "alert.auto.close",
        "10s");
    // a minute of failures, one a second
    for (int i = 0; i < 60; i++) {
      call("payments.internal", 443, 503);
      clock.advance(Duration.ofMillis(997));
    }
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsOnly("checkout-dependency-payments.internal:443-alert");
    // the breach at the second call, then once every 5 s: 12 in all
    assertThat(sink.alerts).hasSize(12);
    processor.closeRecovered();
    assertThat(sink.closes).as("still failing").isEmpty();
  }
}
