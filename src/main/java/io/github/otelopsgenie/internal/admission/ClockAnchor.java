/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import java.time.Clock;
import java.util.function.LongSupplier;

/**
 * The sender's monotonic clock and the wall clock read together: converts between them without a
 * further read. The worker reads a new one about once a second; a request thread converts a span's
 * end time (epoch nanoseconds, the wall clock's) to the monotonic clock of storm control, and a
 * monotonic time to the wall-clock millis of an occurrence's first and last seen.
 */
final class ClockAnchor {

  /**
   * How far from the reading a converted time is taken as "now": the worker reads at least this
   * often while it is idle; a time further off (a span that ended long ago, a span clock that is
   * not the wall clock, a worker busy sending) is not trusted and the clock is read instead.
   */
  static final long RECENT_NANOS = 3_000_000_000L;

  private final long monotonicNanos;
  private final long wallMinusMonotonicNanos;

  private ClockAnchor(long monotonicNanos, long wallMinusMonotonicNanos) {
    this.monotonicNanos = monotonicNanos;
    this.wallMinusMonotonicNanos = wallMinusMonotonicNanos;
  }

  /**
   * A reading whose monotonic clock moved by more than this while the wall clock was read is taken
   * again: the thread was preempted in between (or a test's clock stepped), and the pair would put
   * every converted time off by that much.
   */
  static final long MAX_READ_GAP_NANOS = 1_000_000L;

  private static final int MAX_READS = 10;

  /** Both clocks, read back to back: the wall clock between two reads of the monotonic one. */
  static ClockAnchor read(LongSupplier nanoTime, Clock clock) {
    long before;
    long wallMillis;
    long after;
    int reads = 0;
    do {
      before = nanoTime.getAsLong();
      wallMillis = clock.millis();
      after = nanoTime.getAsLong();
    } while (after - before > MAX_READ_GAP_NANOS && ++reads < MAX_READS);
    return new ClockAnchor(before, wallMillis * 1_000_000 - before);
  }

  /** The monotonic time of a wall-clock time in epoch nanoseconds. */
  long monotonic(long epochNanos) {
    return epochNanos - wallMinusMonotonicNanos;
  }

  /** Whether a converted time lies within {@link #RECENT_NANOS} of this reading, either side. */
  boolean isRecent(long monotonic) {
    long since = monotonic - monotonicNanos;
    return since > -RECENT_NANOS && since < RECENT_NANOS;
  }

  /** The wall-clock millis of a monotonic time. */
  long wallMillis(long monotonic) {
    return Math.floorDiv(monotonic + wallMinusMonotonicNanos, 1_000_000L);
  }
}
