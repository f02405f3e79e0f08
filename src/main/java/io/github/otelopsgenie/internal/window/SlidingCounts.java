/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

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
 *
 * <p>The clock is the spans' end time (epoch nanoseconds, checked by {@link SpanClock}: one far
 * from the clock is replaced by it; the auto-close thread reads the SDK clock's {@code now()}), so
 * recording reads no clock. Spans of different traces end a few microseconds out of order at most,
 * which lands them in the right slice all the same. A wall clock stepped back (or a span ended with
 * a timestamp more than a window old) finds its slot holding a newer slice: the slot is moved to
 * the span's slice as for an older one, so a step back costs at most one window of counts instead
 * of counting nothing until the clock catches up; {@link #sum} leaves out the slices ahead of its
 * time.
 */
public final class SlidingCounts {

  static final int SLICES = 10;

  private final long sliceNanos;
  private final int kinds;
  private final AtomicLongArray sliceIndex = new AtomicLongArray(SLICES);

  /** The index of a slot that holds no slice yet. */
  private static final long NO_SLICE = Long.MIN_VALUE;

  /**
   * The newest slice a slot was moved to (or found at), a hint for {@link #slot}: a time inside it
   * finds its slot with a multiplication instead of two divisions. Checked against {@link
   * #sliceIndex} before use, so a stale hint only costs the slow path.
   */
  private volatile long latestIndex = NO_SLICE;

  /** Kind {@code k}, slot {@code s}: {@code adders[k * SLICES + s]}. */
  private final LongAdder[] adders;

  public SlidingCounts(long windowNanos, int kinds) {
    this.sliceNanos = Math.max(1, windowNanos / SLICES);
    this.kinds = kinds;
    this.adders = new LongAdder[kinds * SLICES];
    for (int i = 0; i < adders.length; i++) {
      adders[i] = new LongAdder();
    }
    for (int s = 0; s < SLICES; s++) {
      sliceIndex.set(s, NO_SLICE);
    }
  }

  /**
   * The slot of {@code nowNanos}, moved to its slice (and zeroed) first when it held another one
   * (older, or newer after the clock stepped back).
   */
  public int slot(long nowNanos) {
    // the common case: the time falls in the slice last moved to, found without a division
    long latest = latestIndex;
    long offset = nowNanos - latest * sliceNanos;
    if (latest != NO_SLICE && offset >= 0 && offset < sliceNanos) {
      int slot = (int) Math.floorMod(latest, (long) SLICES);
      if (sliceIndex.get(slot) == latest) {
        return slot;
      }
    }
    long index = Math.floorDiv(nowNanos, sliceNanos);
    int slot = (int) Math.floorMod(index, (long) SLICES);
    long held = sliceIndex.get(slot);
    if (held != index && sliceIndex.compareAndSet(slot, held, index)) {
      for (int k = 0; k < kinds; k++) {
        adders[k * SLICES + slot].reset();
      }
      // the slice just moved to, newer or (the clock stepped back) older than the hint
      latestIndex = index;
    } else if (index > latest) {
      latestIndex = index;
    }
    return slot;
  }

  /** Adds one to {@code kind} in {@code slot} (from {@link #slot}). */
  public void increment(int slot, int kind) {
    adders[kind * SLICES + slot].increment();
  }

  /** The count of {@code kind} over the slices still inside the window at {@code nowNanos}. */
  public long sum(int kind, long nowNanos) {
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
