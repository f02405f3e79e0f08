/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.delivery.FakeTime;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ClockAnchorTest {

  private static final long MS = 1_000_000L;

  @Test
  void aSpansEndTimeConvertsToTheMonotonicClockAndBackToWallMillis() {
    FakeTime time = new FakeTime();
    time.advance(Duration.ofSeconds(5));
    ClockAnchor anchor = ClockAnchor.read(time, time);
    long startMillis = FakeTime.START.toEpochMilli();
    // a span that ended 250 ms after the reading, on the wall clock
    long endEpochNanos = (startMillis + 5_250) * MS;
    long monotonic = anchor.monotonic(endEpochNanos);
    assertThat(monotonic).isEqualTo(5_250 * MS);
    assertThat(anchor.isRecent(monotonic)).isTrue();
    assertThat(anchor.wallMillis(monotonic)).isEqualTo(startMillis + 5_250);
  }

  @Test
  void aReadingInterruptedBetweenTheTwoClocksIsTakenAgain() {
    FakeTime time = new FakeTime();
    long startMillis = FakeTime.START.toEpochMilli();
    // the first read of the monotonic clock, then a 6 ms step (a preempted thread, a test's
    // clock advanced by another thread) before the wall clock is read: that pair is not used
    int[] calls = {0};
    java.util.function.LongSupplier steppingOnce =
        () -> {
          long now = time.getAsLong();
          if (calls[0]++ == 0) {
            time.advance(Duration.ofMillis(6));
          }
          return now;
        };
    ClockAnchor anchor = ClockAnchor.read(steppingOnce, time);
    long monotonic = time.getAsLong();
    assertThat(anchor.wallMillis(monotonic)).isEqualTo(startMillis + 6);
    assertThat(anchor.monotonic((startMillis + 6) * MS)).isEqualTo(monotonic);
  }

  @Test
  void aTimeFarFromTheReadingIsNotTrustedAsNow() {
    FakeTime time = new FakeTime();
    ClockAnchor anchor = ClockAnchor.read(time, time);
    long startNanos = FakeTime.START.toEpochMilli() * MS;
    assertThat(anchor.isRecent(anchor.monotonic(startNanos + 2_999 * MS))).isTrue();
    assertThat(anchor.isRecent(anchor.monotonic(startNanos - 2_999 * MS))).isTrue();
    // a span ended a minute ago, or a span clock that is not the wall clock (a test's 2019 clock)
    assertThat(anchor.isRecent(anchor.monotonic(startNanos - 60_000 * MS))).isFalse();
    assertThat(anchor.isRecent(anchor.monotonic(1_557_212_400_000L * MS))).isFalse();
    assertThat(anchor.isRecent(anchor.monotonic(startNanos + 3_000 * MS))).isFalse();
  }
}
