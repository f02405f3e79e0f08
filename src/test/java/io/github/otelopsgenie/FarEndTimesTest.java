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
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 27: spans ended with a timestamp of their own, far from the clock (an hour ahead, an hour
 * behind). The windows, the alias budget and auto-close took a span's end time as "now"; one span
 * ended in the future froze the alias budget's window and kept an alias open. Now such a time is
 * replaced by the clock's, as storm control does.
 */
class FarEndTimesTest {

  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

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

  /** A failed request of {@code route}, ended {@code offsetNanos} from the clock. */
  private void failed(String route, long offsetNanos) {
    Span span =
        tracer
            .spanBuilder("GET " + route)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("http.route", route)
            .setAttribute("url.path", route)
            .setAttribute("http.response.status_code", 500L)
            .setAttribute("error.type", "500")
            .startSpan();
    span.end(clock.now() + offsetNanos, TimeUnit.NANOSECONDS);
  }

  private void call(long status, long offsetNanos) {
    Span span =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("server.address", "payments.internal")
            .setAttribute("server.port", 443L)
            .setAttribute("http.response.status_code", status)
            .startSpan();
    if (status >= 500) {
      span.setAttribute("error.type", Long.toString(status)).setStatus(StatusCode.ERROR);
    }
    span.end(clock.now() + offsetNanos, TimeUnit.NANOSECONDS);
  }

  private String lastAlias() {
    OpsgenieAlert last = sink.alerts.get(sink.alerts.size() - 1);
    return last.getAlias();
  }

  @Test
  void aSpanEndedInTheFutureDoesNotFreezeTheAliasBudgetsWindow() {
    setUp(
        "alert.status.codes",
        "500",
        "alert.status.alias",
        "{service_id}-{route}",
        "alert.alias.budget",
        "1",
        "alert.window",
        "10s",
        "alert.cooldown",
        "0");
    failed("/ahead", HOUR);
    assertThat(lastAlias()).isEqualTo("checkout-/ahead");
    failed("/b", 0);
    assertThat(lastAlias())
        .as("over the budget")
        .isEqualTo("checkout-otel-opsgenie-alias-budget-alert");
    // a window later a new alias may open (the window did not start an hour ahead)
    clock.advance(Duration.ofSeconds(11));
    failed("/c", 0);
    assertThat(lastAlias()).isEqualTo("checkout-/c");
  }

  @Test
  void aSpanEndedInTheFutureDoesNotKeepItsAliasOpen() {
    setUp("alert.status.codes", "500", "alert.auto.close", "5s", "alert.cooldown", "0");
    failed("/a", HOUR);
    assertThat(sink.alerts).hasSize(1);
    clock.advance(Duration.ofSeconds(6));
    processor.closeRecovered();
    assertThat(sink.closes).extracting(c -> c[0]).containsExactly("checkout-response-status-alert");
  }

  @Test
  void aSpanEndedLongAgoIsNotClosedAtTheNextCheck() {
    setUp("alert.status.codes", "500", "alert.auto.close", "5s", "alert.cooldown", "0");
    failed("/a", -HOUR);
    assertThat(sink.alerts).hasSize(1);
    processor.closeRecovered();
    assertThat(sink.closes).as("raised just now: quiet for no time").isEmpty();
    clock.advance(Duration.ofSeconds(6));
    processor.closeRecovered();
    assertThat(sink.closes).hasSize(1);
  }

  @Test
  void failuresEndedLongAgoCountInTheOccurrenceWindowNow() {
    setUp("alert.status.codes", "500", "alert.min.occurrences", "2", "alert.window", "10s");
    failed("/a", -HOUR);
    assertThat(sink.alerts).isEmpty();
    failed("/a", 0);
    assertThat(sink.alerts).as("two failures within the window, as the clock sees them").hasSize(1);
  }

  @Test
  void aRouteWindowIsNotJudgedAnHourAhead() {
    setUp(
        "alert.error.rate",
        "50%",
        "alert.error.rate.min.requests",
        "2",
        "alert.window",
        "10s",
        "alert.auto.close",
        "5s",
        "alert.cooldown",
        "0");
    failed("/orders", HOUR);
    failed("/orders", HOUR);
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .contains("checkout-/orders-error-rate-alert");
    // the route's last error is now, not an hour ahead: healthy once the window and the period
    // passed
    clock.advance(Duration.ofSeconds(11));
    processor.closeRecovered();
    assertThat(sink.closes).extracting(c -> c[0]).contains("checkout-/orders-error-rate-alert");
  }

  @Test
  void aDependencyFailingAnHourAheadRecoversOnTheClock() {
    setUp(
        "dependency.error.rate",
        "50%",
        "dependency.min.requests",
        "2",
        "alert.window",
        "10s",
        "alert.auto.close",
        "5s",
        "alert.cooldown",
        "0");
    call(503, HOUR);
    call(503, HOUR);
    assertThat(sink.alerts).hasSize(1);
    clock.advance(Duration.ofSeconds(11));
    for (int i = 0; i < 4; i++) {
      call(200, 0);
    }
    processor.closeRecovered();
    assertThat(sink.closes)
        .extracting(c -> c[0])
        .containsExactly("checkout-dependency-payments.internal:443-alert");
  }
}
