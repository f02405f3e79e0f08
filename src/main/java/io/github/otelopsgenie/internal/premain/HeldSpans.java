/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.premain;

import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;

/**
 * The spans that ended before the real processor was built, in their order: up to {@link #MAX} of
 * them; more are counted, not read. Made at the first span held (on the thread that ended it, never
 * in {@code premain}), handed over once. Not thread-safe: {@link DeferredProcessor} guards it with
 * its own monitor until the hand-over, which runs on the start thread alone.
 */
final class HeldSpans {

  /** Spans held until the real processor is built; more are counted, not read. */
  static final int MAX = 1024;

  private ReadableSpan[] spans = new ReadableSpan[16];
  private int count;
  private long beyond;

  /** Holds the span (or counts it, beyond {@link #MAX}); true for the first one. */
  boolean add(ReadableSpan span) {
    if (count == spans.length && count < MAX) {
      ReadableSpan[] more = new ReadableSpan[Math.min(MAX, count * 2)];
      System.arraycopy(spans, 0, more, 0, count);
      spans = more;
    }
    if (count < spans.length) {
      spans[count++] = span;
      return count == 1;
    }
    beyond++;
    return false;
  }

  /**
   * Hands the spans held to {@code real} in their order, each on its own (one that throws does not
   * stop the others); returns how many ended beyond {@link #MAX} and were not read.
   */
  long handTo(SpanProcessor real) {
    for (int i = 0; i < count; i++) {
      try {
        real.onEnd(spans[i]);
      } catch (Throwable t) {
        // the real processor catches its own; never let one span stop the others
      }
      spans[i] = null;
    }
    return beyond;
  }
}
