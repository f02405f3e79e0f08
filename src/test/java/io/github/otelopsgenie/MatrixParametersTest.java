/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 27: a servlet container without cookies puts the session id into the path ({@code
 * /cart;jsessionid=...}), and a server without {@code http.route} reports that path as {@code
 * url.path}. It reached Opsgenie in the alert's endpoint, url, route and message, and the route
 * rules saw a new route per session (a monitored {@code /cart} did not match it).
 */
class MatrixParametersTest {

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private SdkTracerProvider provider;
  private Tracer tracer;
  private AlertingSpanProcessor processor;

  private void setUp(String... settings) {
    processor = new AlertingSpanProcessor(TestSettings.of(settings), sink, clock, false);
    provider = SdkTracerProvider.builder().setClock(clock).addSpanProcessor(processor).build();
    tracer = provider.get("test");
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  /** A request of an unrouted server (no http.route), as Tomcat reports it without cookies. */
  private void request(String path, long status) {
    Span span =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.scheme", "http")
            .setAttribute("server.address", "shop")
            .setAttribute("server.port", 8080L)
            .setAttribute("url.path", path)
            .setAttribute("url.query", "step=2")
            .setAttribute("http.response.status_code", status)
            .startSpan();
    clock.advance(Duration.ofMillis(2));
    span.end();
  }

  @Test
  void theSessionIdNeverReachesTheAlert() {
    setUp("alert.status.codes", "500");
    request("/cart;jsessionid=0123456789ABCDEF/items;v=2", 500);
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getDetails())
        .containsEntry("endpoint", "/cart;jsessionid=REDACTED/items;v=REDACTED")
        .containsEntry(
            "url", "http://shop:8080/cart;jsessionid=REDACTED/items;v=REDACTED?step=REDACTED")
        .containsEntry("route", "/cart/items");
    assertThat(alert.toString()).doesNotContain("0123456789ABCDEF");
    assertThat(alert.getMessage()).doesNotContain("0123456789ABCDEF");
    assertThat(alert.getDescription()).doesNotContain("0123456789ABCDEF");
  }

  @Test
  void aMonitoredRouteMatchesItsPathWhateverTheSession() {
    setUp("alert.status.codes", "500", "monitored.endpoints", "/cart", "alert.cooldown", "0");
    request("/cart;jsessionid=AAAA", 500);
    request("/cart;jsessionid=BBBB", 500);
    request("/other", 500);
    assertThat(sink.alerts).hasSize(2);
    assertThat(sink.alerts)
        .allSatisfy(a -> assertThat(a.getDetails()).containsEntry("route", "/cart"));
  }

  @Test
  void sessionsDoNotSplitTheRouteNorTheAlias() {
    setUp(
        "alert.status.codes",
        "500",
        "alert.status.alias",
        "{service_id}-{route}-status",
        // a setting naming routes: each route's decision is remembered
        "monitored.endpoints",
        "/.*",
        "alert.error.rate",
        "50%",
        "alert.error.rate.min.requests",
        "1000");
    for (int i = 0; i < 100; i++) {
      request("/cart;jsessionid=S" + i, 500);
    }
    assertThat(processor.state().rememberedRoutes()).as("one route for every session").isEqualTo(1);
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsOnly("checkout-unrouted-status");
  }
}
