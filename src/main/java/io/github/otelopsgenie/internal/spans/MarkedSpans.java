/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;

/**
 * Spans the helper marked: the handled-exception alert of the exception it recorded. The alerts of
 * every kind of span whose own rules are off (one attribute read per span), and the one marked-span
 * check the other kinds ask.
 */
public final class MarkedSpans implements SpanAlerts {

  private final ExceptionRule exceptionRule;
  private final ExceptionAlerts exceptions;

  MarkedSpans(ExceptionRule exceptionRule, ExceptionAlerts exceptions) {
    this.exceptionRule = exceptionRule;
    this.exceptions = exceptions;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    if (Boolean.TRUE.equals(span.getAttribute(ExceptionRule.MARKED))) {
      onMarked(span);
    }
  }

  /** Whether the helper marked the span whose data this is. */
  static boolean marked(SpanData data) {
    return Boolean.TRUE.equals(data.getAttributes().get(ExceptionRule.MARKED));
  }

  /** The handled-exception alert of a span the helper marked. */
  void onMarked(ReadableSpan span) {
    SpanData data = span.toSpanData();
    EventData exception = exceptionRule.find(data.getEvents(), false);
    if (exception != null) {
      exceptions.onException(
          span,
          data.getResource(),
          data.getAttributes(),
          data.getName(),
          exception,
          null,
          null,
          data.getEndEpochNanos());
    }
  }
}
