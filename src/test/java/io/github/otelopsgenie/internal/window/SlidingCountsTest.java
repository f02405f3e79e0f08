/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The sliding window's slots: the slice last moved to is found without a division, and a time
 * outside it (a new slice, a span out of order, a clock stepped back) still lands in its own slice.
 */
class SlidingCountsTest {

  private static final long S = TimeUnit.SECONDS.toNanos(1);

  /** Ten slices of 10 s; kind 0 only. */
  private final SlidingCounts counts = new SlidingCounts(100 * S, 1);

  private void count(long nowNanos) {
    counts.increment(counts.slot(nowNanos), 0);
  }

  @Test
  void timesInOneSliceShareItsSlot() {
    long base = 1_700_000_000L * S;
    int first = counts.slot(base);
    assertThat(counts.slot(base + 9 * S)).isEqualTo(first);
    assertThat(counts.slot(base + 10 * S)).isNotEqualTo(first);
  }

  @Test
  void aNewSliceIsCountedApartAndOldSlicesLeaveTheWindow() {
    long base = 1_700_000_000L * S;
    count(base);
    count(base + S);
    count(base + 10 * S);
    assertThat(counts.sum(0, base + 10 * S)).isEqualTo(3);
    // 100 s later the first slice is out of the window, the second still in it
    assertThat(counts.sum(0, base + 100 * S)).isEqualTo(1);
    assertThat(counts.sum(0, base + 110 * S)).isZero();
  }

  @Test
  void aSpanFromTheSliceBeforeTheLatestIsCountedThereNotInTheLatest() {
    long base = 1_700_000_000L * S;
    count(base + 10 * S); // moves the hint to the second slice
    count(base + 9 * S); // a span that ended a moment earlier, in the first slice
    assertThat(counts.slot(base + 9 * S)).isNotEqualTo(counts.slot(base + 10 * S));
    // at base + 109 s the first slice has left the window, the second has not
    assertThat(counts.sum(0, base + 109 * S)).isEqualTo(1);
    assertThat(counts.sum(0, base + 10 * S)).isEqualTo(2);
  }

  @Test
  void aSlotReusedTenSlicesLaterStartsFromZero() {
    long base = 1_700_000_000L * S;
    count(base);
    count(base);
    assertThat(counts.slot(base + 100 * S)).isEqualTo(counts.slot(base + 100 * S));
    // the same slot, ten slices (one window) later: the hint pointed at its old slice
    count(base + 100 * S);
    assertThat(counts.sum(0, base + 100 * S)).isEqualTo(1);
    count(base + 105 * S);
    assertThat(counts.sum(0, base + 105 * S)).isEqualTo(2);
  }

  @Test
  void aClockSteppedBackMovesTheSlotToTheOlderSliceAndCountsFromThere() {
    long base = 1_700_000_000L * S;
    count(base + 100 * S);
    count(base + 100 * S);
    // the wall clock steps back by one window: the slot holding the newer slice is moved
    count(base);
    assertThat(counts.sum(0, base)).isEqualTo(1);
    count(base + S);
    assertThat(counts.sum(0, base + S)).isEqualTo(2);
  }

  @Test
  void timesNearZeroAndNegativeFindTheirSlices() {
    // tests tick clocks from zero: the hint's "no slice yet" must never pass for slice zero
    count(0);
    count(S);
    assertThat(counts.sum(0, S)).isEqualTo(2);
    count(-5 * S);
    assertThat(counts.sum(0, S)).isEqualTo(3);
    assertThat(counts.slot(-5 * S)).isNotEqualTo(counts.slot(0));
  }
}
