/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.sdk.common.Clock;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The windows' clock: a span's end time unless far from the clock, read only then. */
class SpanClockTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);

  /** A clock that counts its reads. */
  private static final class CountingClock implements Clock {
    long now = 1_700_000_000L * SECOND;
    int reads;

    @Override
    public long now() {
      reads++;
      return now;
    }

    @Override
    public long nanoTime() {
      throw new AssertionError("the windows' clock is the wall clock");
    }
  }

  private final CountingClock clock = new CountingClock();
  private final SpanClock spanClock = new SpanClock(clock);

  @Test
  void endTimesNearTheLastReadingAreTakenWithoutAClockRead() {
    int reads = clock.reads;
    for (long t = -2 * SECOND; t < 2 * SECOND; t += SECOND / 100) {
      assertThat(spanClock.now(clock.now + t)).isEqualTo(clock.now + t);
    }
    assertThat(clock.reads).isEqualTo(reads);
  }

  @Test
  void endTimesFarFromTheClockAreReplacedByItsReading() {
    assertThat(spanClock.now(clock.now + HOUR)).isEqualTo(clock.now);
    assertThat(spanClock.now(clock.now - HOUR)).isEqualTo(clock.now);
    assertThat(spanClock.now(Long.MAX_VALUE)).isEqualTo(clock.now);
    assertThat(spanClock.now(0)).isEqualTo(clock.now);
  }

  @Test
  void theReadingMovesOnOnlyWhenAnEndTimeFallsPastIt() {
    long start = clock.now;
    // time passes; spans keep ending: one read each time one falls past the reading
    int reads = clock.reads;
    for (int i = 0; i < 1000; i++) {
      clock.now = start + i * (SECOND / 100);
      assertThat(spanClock.now(clock.now)).isEqualTo(clock.now);
    }
    // ten seconds of spans: a read every three seconds or so
    assertThat(clock.reads - reads).isBetween(3, 4);
  }

  @Test
  void aSpanThatEndedJustBeforeAStaleReadingIsStillTrusted() {
    // the reading is old (no span for a minute); a span that ended now is checked and taken
    clock.now += 60 * SECOND;
    assertThat(spanClock.now(clock.now - 1)).isEqualTo(clock.now - 1);
  }
}
