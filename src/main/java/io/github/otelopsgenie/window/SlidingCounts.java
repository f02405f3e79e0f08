/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.LongAdder;

/**
 * A few counts (requests, errors, slow requests; or matches of an alias) over a sliding window cut
 * into {@link #SLICES} time slices, recorded and summed without a lock: the clock of the route,
 * dependency and occurrence windows.
 *
 * <p>Each slice's count is a {@link LongAdder}, which spreads concurrent increments over cells as
 * the SDK's metric instruments do, so that many request threads ending spans of one hot route do
 * not queue on one cache line. A slot moves on to a newer slice by a compare-and-set of the slice
 * index it holds; the thread that moved it zeroes its counts. An increment racing with that reset,
 * at the slice boundary, may be lost: the counts are exact but for the requests in flight at the
 * moment a slice begins. Allocation-free once built (a {@code LongAdder} allocates its cells once,
 * the first time it is contended).
 */
final class SlidingCounts {

  static final int SLICES = 10;

  private final long sliceNanos;
  private final int kinds;
  private final AtomicLongArray sliceIndex = new AtomicLongArray(SLICES);

  /** Kind {@code k}, slot {@code s}: {@code adders[k * SLICES + s]}. */
  private final LongAdder[] adders;

  SlidingCounts(long windowNanos, int kinds) {
    this.sliceNanos = Math.max(1, windowNanos / SLICES);
    this.kinds = kinds;
    this.adders = new LongAdder[kinds * SLICES];
    for (int i = 0; i < adders.length; i++) {
      adders[i] = new LongAdder();
    }
    for (int s = 0; s < SLICES; s++) {
      sliceIndex.set(s, Long.MIN_VALUE);
    }
  }

  /**
   * The slot of {@code nowNanos}, moved on to its slice (and zeroed) first when it held an older
   * one; -1 when it already holds a newer slice (a time more than a window ago: not counted).
   */
  int slot(long nowNanos) {
    long index = Math.floorDiv(nowNanos, sliceNanos);
    int slot = (int) Math.floorMod(index, (long) SLICES);
    long held = sliceIndex.get(slot);
    if (held != index) {
      if (held > index) {
        return -1;
      }
      if (sliceIndex.compareAndSet(slot, held, index)) {
        for (int k = 0; k < kinds; k++) {
          adders[k * SLICES + slot].reset();
        }
      }
    }
    return slot;
  }

  /** Adds one to {@code kind} in {@code slot} (from {@link #slot}; nothing for -1). */
  void increment(int slot, int kind) {
    if (slot >= 0) {
      adders[kind * SLICES + slot].increment();
    }
  }

  /** The count of {@code kind} over the slices still inside the window at {@code nowNanos}. */
  long sum(int kind, long nowNanos) {
    long current = Math.floorDiv(nowNanos, sliceNanos);
    long sum = 0;
    for (int s = 0; s < SLICES; s++) {
      long age = current - sliceIndex.get(s);
      if (age >= 0 && age < SLICES) {
        sum += adders[kind * SLICES + s].sum();
      }
    }
    return sum;
  }
}
