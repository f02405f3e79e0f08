/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import io.opentelemetry.sdk.common.Clock;

/**
 * The clock of the windows (route, dependency, occurrence), the alias budget and auto-close: a
 * span's end time (epoch nanoseconds), so that recording a span reads no clock; unless it lies more
 * than {@link #TRUSTED_NANOS} from the clock's last reading, as storm control's anchor distrusts
 * one. A span ended with a timestamp of its own (an hour ahead, a day behind, a clock that is not
 * the wall clock) would otherwise freeze the alias budget's window, keep an alias open for
 * auto-close until that hour has passed, or be counted where no window looks. Such a time is
 * checked against a new reading and, still far off, replaced by it.
 *
 * <p>The reading moves on only when a span falls outside it: while spans keep ending, the clock is
 * read about once every {@link #TRUSTED_NANOS} (by whichever thread ends the first span past it),
 * never per span. The clock is the processor's (the SDK's clock, as the auto-close thread's {@code
 * now()}).
 */
public final class SpanClock {

  /** How far from the last reading an end time is taken as it is; as storm control's anchor. */
  static final long TRUSTED_NANOS = 3_000_000_000L;

  private final Clock clock;

  /** The clock's last reading, epoch nanoseconds. */
  private volatile long readingNanos;

  public SpanClock(Clock clock) {
    this.clock = clock;
    this.readingNanos = clock.now();
  }

  /**
   * {@code endEpochNanos} when it lies within {@link #TRUSTED_NANOS} of the clock's last reading
   * (no clock read: the usual case); else when it lies that close to a new reading; else that
   * reading.
   */
  public long now(long endEpochNanos) {
    long since = endEpochNanos - readingNanos;
    if (since > -TRUSTED_NANOS && since < TRUSTED_NANOS) {
      return endEpochNanos;
    }
    return read(endEpochNanos);
  }

  private long read(long endEpochNanos) {
    long now = clock.now();
    readingNanos = now;
    long off = endEpochNanos - now;
    return off > -TRUSTED_NANOS && off < TRUSTED_NANOS ? endEpochNanos : now;
  }
}
