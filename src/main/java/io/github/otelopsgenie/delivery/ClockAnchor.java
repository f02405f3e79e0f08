/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

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

  static ClockAnchor read(LongSupplier nanoTime, Clock clock) {
    long monotonic = nanoTime.getAsLong();
    long wallMillis = clock.millis();
    return new ClockAnchor(monotonic, wallMillis * 1_000_000 - monotonic);
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
