/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.util.List;
import java.util.Map;

/**
 * Compact JSON of the few shapes a request body has: objects and arrays of strings, nested objects,
 * and (for {@link JsonReader}'s values written back) numbers, booleans and null. Strings are
 * escaped as RFC 8259 requires and no more: the quote, the backslash and the control characters;
 * everything else is written as it is (the body is sent as UTF-8). Not thread-safe: one writer per
 * body.
 */
final class JsonWriter {

  private static final char[] HEX = "0123456789ABCDEF".toCharArray();

  /**
   * As deep as anything {@link JsonReader} reads (its containers sit at depths 0 to its limit): an
   * answer's value written back never outgrows the writer.
   */
  private static final int MAX_DEPTH = JsonReader.MAX_DEPTH + 1;

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

  /**
   * Any value {@link JsonReader} returns: a map, a list, a string, a number, a boolean or null
   * ({@link JsonReader#NULL} or Java's).
   */
  JsonWriter any(Object value) {
    if (value == null || value == JsonReader.NULL) {
      return literal("null");
    }
    if (value instanceof String) {
      return value((String) value);
    }
    if (value instanceof Number || value instanceof Boolean) {
      return literal(value.toString());
    }
    if (value instanceof Map) {
      beginObject();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        name(String.valueOf(e.getKey()));
        any(e.getValue());
      }
      return endObject();
    }
    if (value instanceof List) {
      beginArray();
      for (Object item : (List<?>) value) {
        any(item);
      }
      return endArray();
    }
    return value(value.toString());
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
