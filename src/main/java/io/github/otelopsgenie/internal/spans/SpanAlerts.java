/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.opentelemetry.sdk.trace.ReadableSpan;

/**
 * The alerts of one kind of span: the processor hands each ended span of that kind to {@link
 * #onEnd}. A kind whose rules are off is {@link MarkedSpans}, which only looks for the helper's
 * mark: never null.
 */
public interface SpanAlerts {

  /** On the request thread: never blocks, never throws but what the processor catches. */
  void onEnd(ReadableSpan span);
}
