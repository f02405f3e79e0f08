/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;

/**
 * An object or an array {@link JsonReader} read, which keeps where it stood in the text read (as
 * offsets: an answer's nested values hold no copies of it), so that its text is given back as it
 * was written, never written again from the values read.
 */
interface Spanned {

  /** Where the value stood in the text read. */
  Span span();

  /** A value's place in a text: from its start to its end, once the reader found the end. */
  final class Span {
    private final String source;
    private final int start;
    int end;

    Span(String source, int start) {
      this.source = source;
      this.start = start;
    }

    /** The value as it was written, from its opening bracket to its closing one. */
    String text() {
      return source.substring(start, end);
    }
  }

  /** An object read: its members in order. */
  final class Members extends LinkedHashMap<String, Object> implements Spanned {
    private static final long serialVersionUID = 1L;
    private final transient Span span;

    Members(Span span) {
      this.span = span;
    }

    @Override
    public Span span() {
      return span;
    }
  }

  /** An array read: its items in order. */
  final class Items extends ArrayList<Object> implements Spanned {
    private static final long serialVersionUID = 1L;
    private final transient Span span;

    Items(Span span) {
      this.span = span;
    }

    @Override
    public Span span() {
      return span;
    }
  }
}
