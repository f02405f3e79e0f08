/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.MetricPoints;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.InvalidSettingsException;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Beyond flask-opsgenie: occurrence windows, error rate, percentile, auto-close; clock injected.
 */
class WindowedRulesTest {

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

  private void request(String route, String path, long status, long millis) {
    Span span =
        tracer
            .spanBuilder("GET " + route)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.path", path)
            .setAttribute("http.response.status_code", status)
            .startSpan();
    if (route != null) {
      span.setAttribute("http.route", route);
    }
    if (status >= 500) {
      span.setAttribute("error.type", Long.toString(status));
    }
    clock.advance(Duration.ofMillis(millis));
    span.end();
  }

  private void request(String route, long status) {
    request(route, route, status, 1);
  }

  private void later(Duration d) {
    clock.advance(d);
  }

  @Test
  void nMinusOneFailuresInTheWindowSendNothingTheNthSendsOne() {
    setUp("alert.status.codes", "500", "alert.min.occurrences", "3", "alert.window", "1m");
    request("/a", 500);
    later(Duration.ofSeconds(20));
    request("/a", 500);
    assertThat(sink.alerts).isEmpty();
    later(Duration.ofSeconds(20));
    request("/a", 500);
    assertThat(sink.alerts).hasSize(1);
    assertThat(processor.state().gatedCount()).isEqualTo(2);
  }

  @Test
  void failuresSpreadWiderThanTheWindowNeverAlert() {
    setUp("alert.status.codes", "500", "alert.min.occurrences", "2", "alert.window", "1m");
    for (int i = 0; i < 5; i++) {
      request("/a", 500);
      later(Duration.ofSeconds(61));
    }
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void helperCallsAreNeverHeldBackByTheWindow() {
    setUp("alert.min.occurrences", "5", "alert.window", "1m");
    Span span = tracer.spanBuilder("job").setAttribute("otel.opsgenie.marked", true).startSpan();
    span.recordException(
        new IllegalStateException("x"),
        io.github.otelopsgenie.api.OpsgenieAlertsTestAccess.handled("job"));
    span.end();
    assertThat(sink.alerts).hasSize(1);
  }

  @Test
  void recoveryAfterTheAutoClosePeriodSendsExactlyOneCloseByAlias() {
    setUp("alert.status.codes", "500", "alert.auto.close", "5m");
    request("/a", 500);
    later(Duration.ofMinutes(4));
    request("/a", 500); // still failing: the clock restarts
    later(Duration.ofMinutes(4));
    processor.closeRecovered();
    assertThat(sink.closes).isEmpty();
    later(Duration.ofMinutes(1));
    processor.closeRecovered();
    processor.closeRecovered();
    assertThat(sink.closes).hasSize(1);
    assertThat(sink.closes.get(0)[0]).isEqualTo("checkout-response-status-alert");
    assertThat(sink.closes.get(0)[1])
        .contains("no request matched this alert's rule (status) for 300000ms");
  }

  @Test
  void cleanShutdownClosesNothing() {
    setUp("alert.status.codes", "500", "alert.auto.close", "1s", "alert.cooldown", "0");
    request("/a", 500);
    later(Duration.ofMinutes(1));
    processor.shutdown();
    processor.closeRecovered();
    assertThat(sink.closes).isEmpty();
  }

  @Test
  void errorRateFiresOncePerBreachAndClearsWhenTheRouteHeals() {
    setUp(
        "alert.error.rate",
        "20%",
        "alert.error.rate.min.requests",
        "10",
        "alert.window",
        "1m",
        "alert.auto.close",
        "2m");
    for (int i = 0; i < 8; i++) {
      request("/orders", 200);
    }
    request("/orders", 500);
    assertThat(sink.alerts).isEmpty(); // 1 of 9: too few requests, and 11%
    request("/orders", 500); // 2 of 10 = 20%
    assertThat(sink.alerts).hasSize(1);
    OpsgenieAlert alert = sink.alerts.get(0);
    assertThat(alert.getType()).isEqualTo(AlertType.ERROR_RATE);
    assertThat(alert.getAlias()).isEqualTo("checkout-/orders-error-rate-alert");
    assertThat(alert.getDetails())
        .containsEntry("window_requests", "10")
        .containsEntry("window_errors", "2")
        .containsEntry("error_rate", "20%")
        .containsEntry("error_rate_threshold", "20%");
    request("/orders", 500); // still firing: no second alert
    assertThat(sink.alerts).hasSize(1);
    // healthy traffic; the failures slide out of the window; then the quiet period passes
    later(Duration.ofSeconds(61));
    for (int i = 0; i < 20; i++) {
      request("/orders", 200);
    }
    processor.closeRecovered();
    assertThat(sink.closes).isEmpty(); // healthy, but not yet quiet for 2m
    later(Duration.ofMinutes(1));
    processor.closeRecovered();
    assertThat(sink.closes)
        .extracting(c -> c[0])
        .containsExactly("checkout-/orders-error-rate-alert");
    // a new breach fires again
    for (int i = 0; i < 10; i++) {
      request("/orders", 503);
    }
    assertThat(sink.alerts).filteredOn(a -> a.getType() == AlertType.ERROR_RATE).hasSize(2);
  }

  @Test
  void errorRateAlertShowsAFailingRequestNeverTheHealthyOneThatCompletedTheCount() {
    setUp("alert.error.rate", "50%", "alert.error.rate.min.requests", "4", "alert.window", "1m");
    request("/h", 500);
    request("/h", 500);
    request("/h", 200);
    request("/h", 200); // 2 of 4 = 50%, but this request succeeded: no alert from it
    assertThat(sink.alerts).isEmpty();
    request("/h", 503);
    assertThat(sink.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getType()).isEqualTo(AlertType.ERROR_RATE);
              assertThat(a.getDetails())
                  .containsEntry("status_code", "503")
                  .containsEntry("window_errors", "3");
            });
  }

  @Test
  void percentileRuleReplacesSingleSlowRequestAlerts() {
    setUp(
        "threshold.response.time",
        "100",
        "response.time.monitored.endpoints",
        "/slow",
        "alert.latency.percentile",
        "90",
        "alert.error.rate.min.requests",
        "10",
        "alert.window",
        "1m");
    for (int i = 0; i < 18; i++) {
      request("/slow", "/slow", 200, 10);
    }
    request("/slow", "/slow", 200, 500);
    request("/slow", "/slow", 200, 500); // 2 of 20 slow = 10%: p90 is not above
    assertThat(sink.alerts).isEmpty();
    request("/slow", "/slow", 200, 500); // 3 of 21
    assertThat(sink.alerts)
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.getType()).isEqualTo(AlertType.LATENCY_PERCENTILE);
              assertThat(a.getAlias()).isEqualTo("checkout-/slow-latency-p90-alert");
              assertThat(a.getMessage()).startsWith("GET /slow p90 latency above 100ms over 1m");
              assertThat(a.getDetails())
                  .containsEntry("window_slow_requests", "3")
                  .containsEntry("window_requests", "21");
            });
  }

  @Test
  void memoryStaysBoundedWithManyDistinctPathsOnAnUnroutedServer() {
    setUp(
        "alert.error.rate",
        "0.5",
        "alert.status.codes",
        "500",
        "alert.min.occurrences",
        "2",
        "alert.status.alias",
        "{service_id}-{route}",
        "alert.auto.close",
        "1h",
        "monitored.endpoints",
        "/item/.*");
    // every path fails twice, so that each gets past the occurrence gate: storm control and the
    // open alerts are reached too, not only the route caches
    for (int i = 0; i < 20_000; i++) {
      request(null, "/item/" + i, 500, 0);
      request(null, "/item/" + i, 500, 0);
      request(null, "/item/" + i, 200, 0);
    }
    assertThat(processor.state().rememberedRoutes()).isLessThanOrEqualTo(RouteMatcher.MAX_ROUTES);
    assertThat(processor.state().trackedRouteStats())
        .as("route-less spans share one window")
        .isZero();
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsOnly("checkout-unrouted", "checkout-unrouted-error-rate-alert");
    assertThat(processor.state().openAlertCount()).isEqualTo(2);
    assertThat(processor.state().gatedCount()).isEqualTo(1);
    assertThat(processor.state().budgetAliases()).isEqualTo(2);
    assertThat(processor.state().summary())
        .contains(
            "route windows=0",
            "open alerts=2 (at most 10000, forgot 0)",
            "occurrence-gate aliases=1 (at most 10000, forgot 0)",
            "alias-budget aliases=2 (at most 1050)");

    // the same sizes and bounds are the processor's self-metrics
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider meters =
        SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      assertThat(sink.exported).hasSize(1);
      sink.exported.get(0).register(meters.get("io.github.otelopsgenie"));
      assertThat(MetricPoints.of(reader))
          .contains(
              "otel.opsgenie.state.entries{map=route_matcher}="
                  + processor.state().rememberedRoutes(),
              "otel.opsgenie.state.limit{map=route_matcher}=" + RouteMatcher.MAX_ROUTES,
              "otel.opsgenie.state.entries{map=route_windows}=0",
              "otel.opsgenie.state.limit{map=route_windows}=" + RouteMatcher.MAX_ROUTES,
              "otel.opsgenie.state.entries{map=occurrence_gate}=1",
              "otel.opsgenie.state.limit{map=occurrence_gate}=10000",
              "otel.opsgenie.state.evicted{map=occurrence_gate}=0",
              "otel.opsgenie.state.entries{map=open_alerts}=2",
              "otel.opsgenie.state.limit{map=open_alerts}=10000",
              "otel.opsgenie.state.evicted{map=open_alerts}=0",
              "otel.opsgenie.state.entries{map=alias_budget}=2",
              "otel.opsgenie.state.limit{map=alias_budget}=1050",
              "otel.opsgenie.alerts.over_budget=0");
    }
  }

  @Test
  void pastTheAliasBudgetNewAliasesAreCountedIntoOneAlert() {
    setUp(
        "alert.status.codes",
        "500",
        "alert.status.alias",
        "{service_id}-{route}",
        "alert.alias.budget",
        "5",
        "alert.window",
        "1m",
        "alert.auto.close",
        "5m");
    for (int i = 0; i < 100; i++) {
      request("/r" + i, 500);
    }
    request("/r99", 500);
    java.util.Set<String> aliases = new java.util.LinkedHashSet<>();
    sink.alerts.forEach(a -> aliases.add(a.getAlias()));
    assertThat(aliases)
        .hasSize(6)
        .contains("checkout-/r0", "checkout-/r4", "checkout-otel-opsgenie-alias-budget-alert")
        .doesNotContain("checkout-/r5");
    OpsgenieAlert budget = sink.alerts.get(sink.alerts.size() - 1);
    assertThat(budget.getAlias()).isEqualTo("checkout-otel-opsgenie-alias-budget-alert");
    assertThat(budget.getDetails())
        .containsEntry("alias_budget", "5")
        .containsEntry("aliases_over_budget", "95")
        .containsEntry("occurrences_over_budget", "96")
        .containsEntry("top_1", "checkout-/r99 (2)");
    assertThat(budget.getMessage()).contains("more distinct alerts than the alias budget of 5");
    assertThat(processor.state().overBudgetCount()).isEqualTo(96);
    assertThat(processor.state().openAlertCount())
        .as("the budget's aliases and the budget alert")
        .isEqualTo(6);
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    try (SdkMeterProvider meters =
        SdkMeterProvider.builder().registerMetricReader(reader).build()) {
      sink.exported.get(0).register(meters.get("io.github.otelopsgenie"));
      assertThat(MetricPoints.of(reader))
          .contains(
              "otel.opsgenie.alerts.over_budget=96",
              "otel.opsgenie.state.entries{map=alias_budget}=100",
              "otel.opsgenie.state.limit{map=alias_budget}=1005",
              "otel.opsgenie.state.entries{map=open_alerts}=6")
          .noneMatch(p -> p.contains("occurrence_gate") || p.contains("route_windows"));
    }

    // a new window: new aliases may open again
    later(Duration.ofMinutes(1));
    request("/r50", 500);
    assertThat(sink.alerts.get(sink.alerts.size() - 1).getAlias()).isEqualTo("checkout-/r50");
  }

  @Test
  void settingsOfTheWindowedRulesAreChecked() {
    assertThat(rejection("alert.error.rate", "2"))
        .contains(
            "otel.opsgenie.alert.error.rate=2 is invalid: expected an error rate above 0 and at most 1, such as 0.1 or 10%");
    assertThat(rejection("alert.latency.percentile", "95"))
        .contains(
            "otel.opsgenie.alert.latency.percentile=95 is invalid without otel.opsgenie.threshold.response.time");
    assertThat(
            rejection(
                "alert.latency.percentile",
                "100",
                "threshold.response.time",
                "1",
                "response.time.monitored.endpoints",
                ".*"))
        .contains("expected a percentile above 0 and below 100");
    assertThat(rejection("alert.min.occurrences", "0"))
        .contains(
            "otel.opsgenie.alert.min.occurrences=0 is invalid: expected a whole number from 1");
    assertThat(rejection("alert.window", "0")).contains("otel.opsgenie.alert.window=0 is invalid");
    assertThat(rejection("alert.auto.close", "soon"))
        .contains("otel.opsgenie.alert.auto.close=soon is invalid");
  }

  private static String rejection(String... keyValues) {
    try {
      TestSettings.of(keyValues);
    } catch (InvalidSettingsException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted");
  }
}
