/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.window.OpenAlerts;

import io.opentelemetry.sdk.testing.time.TestClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AutoCloserTest {

  private static final long PERIOD = TimeUnit.MINUTES.toNanos(5);

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private final OpenAlerts open = new OpenAlerts(PERIOD);
  private final AutoCloser closer = new AutoCloser(open, sink, clock, PERIOD);

  @Test
  void aQuietAliasIsClosedOnceWithTheRuleAndThePeriodInTheNote() {
    open.opened("a", clock.nanoTime(), null, "latency");
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(1);
    assertThat(sink.closes.get(0)[0]).isEqualTo("a");
    assertThat(sink.closes.get(0)[1]).isEqualTo(
        "Closed by otel-opsgenie: no request matched this alert's rule (latency) for 300000ms;"
            + " the service recovered.");
    assertThat(closer.closedCount()).isEqualTo(1);
  }

  @Test
  void stoppingClosesNothingAfterwards() {
    closer.start();
    open.opened("a", clock.nanoTime(), null, "status");
    clock.advance(Duration.ofMinutes(10));
    closer.stop();
    closer.stop();
    closer.closeRecovered();
    assertThat(sink.closes).isEmpty();
    assertThat(closer.closedCount()).isZero();
  }
}
