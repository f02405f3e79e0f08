/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import java.util.Arrays;

/**
 * A sliding window cut into {@link #SLICES} time slices, each remembering which slice of time it
 * holds: the clock of the route, dependency and occurrence windows. Its owner keeps the counts (one
 * {@code long[SLICES]} per kind) and its own lock.
 */
final class TimeSlices {

  static final int SLICES = 10;

  private final long sliceNanos;
  private final long[] sliceIndex = new long[SLICES];

  TimeSlices(long windowNanos) {
    this.sliceNanos = Math.max(1, windowNanos / SLICES);
    Arrays.fill(sliceIndex, Long.MIN_VALUE);
  }

  /**
   * The slot of {@code nowNanos}; {@code ~slot} (negative) when the slot held an older slice and
   * now holds this one, so that its owner zeroes that slot's counts first.
   */
  int slot(long nowNanos) {
    long index = Math.floorDiv(nowNanos, sliceNanos);
    int slot = (int) Math.floorMod(index, (long) SLICES);
    if (sliceIndex[slot] != index) {
      sliceIndex[slot] = index;
      return ~slot;
    }
    return slot;
  }

  /** The sum of {@code counts} over the slices still inside the window at {@code nowNanos}. */
  long sum(long[] counts, long nowNanos) {
    long current = Math.floorDiv(nowNanos, sliceNanos);
    long sum = 0;
    for (int i = 0; i < SLICES; i++) {
      long age = current - sliceIndex[i];
      if (age >= 0 && age < SLICES) {
        sum += counts[i];
      }
    }
    return sum;
  }
}
