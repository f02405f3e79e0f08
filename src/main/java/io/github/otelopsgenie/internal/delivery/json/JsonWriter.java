/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

/**
 * Compact JSON of the few shapes a request body has: objects and arrays of strings, nested objects,
 * whole numbers, booleans and null. Strings are escaped as RFC 8259 requires and no more: the
 * quote, the backslash and the control characters; everything else is written as it is (the body is
 * sent as UTF-8). Not thread-safe: one writer per body.
 */
final class JsonWriter {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * Deeper than any body written (the deepest is a responder: an object in an array in the body); a
   * writer is never handed values of unknown shape.
   */
  private static final int MAX_DEPTH = 8;

  private final StringBuilder out;

  /** Per open object or array: whether a member was written already (a comma comes first). */
  private final boolean[] hasMember = new boolean[MAX_DEPTH];

  private int depth;

  JsonWriter() {
    this(256);
  }

  JsonWriter(int capacity) {
    this.out = new StringBuilder(capacity);
  }

  JsonWriter beginObject() {
    return open('{');
  }

  JsonWriter endObject() {
    return close('}');
  }

  JsonWriter beginArray() {
    return open('[');
  }

  JsonWriter endArray() {
    return close(']');
  }

  /** A member's name; its value follows. */
  JsonWriter name(String name) {
    separate();
    string(name);
    out.append(':');
    return this;
  }

  /** A string value (an array item, or the value of the last {@link #name}). */
  JsonWriter value(String value) {
    if (value == null) {
      return literal("null");
    }
    separateValue();
    string(value);
    return this;
  }

  /** {@code name} and its string value. */
  JsonWriter member(String name, String value) {
    return name(name).value(value);
  }

  /** A whole number (an array item, or the value of the last {@link #name}). */
  JsonWriter value(long value) {
    return literal(Long.toString(value));
  }

  /** {@code true} or {@code false} (an array item, or the value of the last {@link #name}). */
  JsonWriter value(boolean value) {
    return literal(value ? "true" : "false");
  }

  @Override
  public String toString() {
    return out.toString();
  }

  private JsonWriter open(char bracket) {
    if (depth == MAX_DEPTH) {
      throw new IllegalStateException("JSON nested deeper than " + MAX_DEPTH);
    }
    separateValue();
    out.append(bracket);
    hasMember[depth++] = false;
    return this;
  }

  private JsonWriter close(char bracket) {
    depth--;
    out.append(bracket);
    return this;
  }

  private JsonWriter literal(String text) {
    separateValue();
    out.append(text);
    return this;
  }

  /** Before a member's name: a comma unless it is the object's first. */
  private void separate() {
    if (depth > 0) {
      if (hasMember[depth - 1]) {
        out.append(',');
      }
      hasMember[depth - 1] = true;
    }
  }

  /** Before a value: in an array like a member, after a name nothing. */
  private void separateValue() {
    int n = out.length();
    if (n > 0 && out.charAt(n - 1) == ':') {
      return;
    }
    separate();
  }

  private void string(String s) {
    out.append('"');
    int start = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c != '"' && c != '\\') {
        continue;
      }
      out.append(s, start, i);
      start = i + 1;
      switch (c) {
        case '"':
          out.append("\\\"");
          break;
        case '\\':
          out.append("\\\\");
          break;
        case '\n':
          out.append("\\n");
          break;
        case '\r':
          out.append("\\r");
          break;
        case '\t':
          out.append("\\t");
          break;
        case '\b':
          out.append("\\b");
          break;
        case '\f':
          out.append("\\f");
          break;
        default:
          out.append("\\u00").append(HEX[c >> 4]).append(HEX[c & 0xF]);
      }
    }
    out.append(s, start, s.length()).append('"');
  }
}
