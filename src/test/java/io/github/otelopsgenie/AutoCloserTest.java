/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.admission.AutoCloser;
import io.github.otelopsgenie.internal.admission.OpenAlerts;
import io.github.otelopsgenie.internal.admission.StormGate;
import io.opentelemetry.sdk.testing.time.TestClock;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AutoCloserTest {

  private static final long PERIOD = TimeUnit.MINUTES.toNanos(5);

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private final OpenAlerts open = new OpenAlerts(PERIOD);
  private final AutoCloser closer =
      new AutoCloser(open, sink, StormGate.before(sink), clock, PERIOD);

  @Test
  void aQuietAliasIsClosedOnceWithTheRuleAndThePeriodInTheNote() {
    open.opened("a", clock.nanoTime(), null, "latency");
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(1);
    assertThat(sink.closes.get(0)[0]).isEqualTo("a");
    assertThat(sink.closes.get(0)[1])
        .isEqualTo(
            "Closed by otel-opsgenie: no request matched this alert's rule (latency) for 300000ms on any"
                + " instance; the service recovered.");
    assertThat(closer.closedCount()).isEqualTo(1);
  }

  @Test
  void aCloseThatCannotBeQueuedStaysDueAndIsTriedAgain() {
    open.opened("a", clock.nanoTime(), null, "status");
    clock.advance(Duration.ofMinutes(5));
    sink.acceptCloses = false;
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(1);
    assertThat(closer.closedCount()).isZero();

    sink.acceptCloses = true;
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(2);
    assertThat(closer.closedCount()).isEqualTo(1);
    closer.closeRecovered();
    assertThat(sink.closes).as("done: not closed again").hasSize(2);
  }

  @Test
  void aCloseNotDoneIsDueAgainAndOneInFlightIsNotRepeated() {
    sink.heldOutcomes = new java.util.ArrayList<>();
    open.opened("a", clock.nanoTime(), null, "status");
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    closer.closeRecovered();
    assertThat(sink.closes).as("in flight: not asked for again").hasSize(1);

    // the sender found it still occurring on another replica (or the close ran out of retries):
    // due again, after a quarter of the period
    sink.heldOutcomes.remove(0).notClosed();
    closer.closeRecovered();
    assertThat(sink.closes).as("backing off").hasSize(1);
    clock.advance(Duration.ofNanos(PERIOD / 4));
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(2);
    sink.heldOutcomes.remove(0).closed();
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(2);
    assertThat(closer.closedCount()).isEqualTo(1);
  }

  @Test
  void anAliasMatchedAgainWhileItsCloseWasOnItsWayStaysOpen() {
    sink.heldOutcomes = new java.util.ArrayList<>();
    open.opened("a", clock.nanoTime(), null, "status");
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    open.opened("a", clock.nanoTime(), null, "status");
    sink.heldOutcomes.remove(0).closed();
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    assertThat(sink.closes).as("remembered again, and closed again once quiet").hasSize(2);
  }

  @Test
  void eachCheckHandsOutABoundedNumberOfClosesAndTheRestAtTheNext() {
    for (int i = 0; i < 50; i++) {
      open.opened("a" + i, clock.nanoTime(), null, "status");
    }
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(OpenAlerts.MAX_DUE_PER_CHECK);
    closer.closeRecovered();
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(50);
    assertThat(sink.closes.stream().map(c -> c[0]).distinct()).hasSize(50);
  }

  @Test
  void anAliasLeftOpenForAPersonIsForgottenNotCountedAsClosed() {
    sink.heldOutcomes = new java.util.ArrayList<>();
    open.opened("a", clock.nanoTime(), null, "status");
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    sink.heldOutcomes.remove(0).leftOpen();
    clock.advance(Duration.ofMinutes(5));
    closer.closeRecovered();
    assertThat(sink.closes).hasSize(1);
    assertThat(closer.closedCount()).isZero();
    assertThat(open.size()).isZero();
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
