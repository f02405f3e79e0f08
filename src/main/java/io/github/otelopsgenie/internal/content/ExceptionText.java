/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.ExceptionEventData;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.io.PrintWriter;
import java.io.Writer;

/**
 * An exception event's message and stack trace, cut when they are read: nothing longer than {@link
 * #MAX} can reach an alert, and a multi-megabyte message is not copied.
 */
final class ExceptionText {

  /**
   * An exception's message and stack trace are cut here, when they are read: nothing longer can
   * reach an alert (its description holds 15,000 characters), and a multi-megabyte message is not
   * copied on the request thread.
   */
  static final int MAX = FieldLimits.DESCRIPTION;

  private ExceptionText() {}

  /** {@code exception.message}, else the recorded throwable's message; cut to {@link #MAX}. */
  static String message(EventData event) {
    String message = event.getAttributes().get(ExceptionAttributes.EXCEPTION_MESSAGE);
    if (message == null && event instanceof ExceptionEventData) {
      message = ((ExceptionEventData) event).getException().getMessage();
    }
    return cut(message);
  }

  /**
   * {@code exception.stacktrace}, else the recorded throwable's trace printed into at most {@link
   * #MAX} characters.
   */
  static String stackTrace(EventData event) {
    String trace = event.getAttributes().get(ExceptionAttributes.EXCEPTION_STACKTRACE);
    if (trace == null && event instanceof ExceptionEventData) {
      BoundedWriter out = new BoundedWriter(MAX);
      ((ExceptionEventData) event).getException().printStackTrace(new PrintWriter(out));
      return out.toString();
    }
    return cut(trace);
  }

  /** The first {@link #MAX} characters: one copy of that many, at most. */
  static String cut(String text) {
    return text == null || text.length() <= MAX ? text : FieldLimits.truncate(text, MAX);
  }

  /** Keeps the first {@code max} characters written to it and drops the rest. */
  static final class BoundedWriter extends Writer {
    private final StringBuilder text;
    private final int max;

    BoundedWriter(int max) {
      this.max = max;
      this.text = new StringBuilder(Math.min(max, 1024));
    }

    @Override
    public void write(char[] chars, int offset, int length) {
      int room = max - text.length();
      if (room > 0) {
        text.append(chars, offset, Math.min(room, length));
      }
    }

    @Override
    public void write(String s, int offset, int length) {
      int room = max - text.length();
      if (room > 0) {
        text.append(s, offset, offset + Math.min(room, length));
      }
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}

    @Override
    public String toString() {
      return text.toString();
    }
  }
}
