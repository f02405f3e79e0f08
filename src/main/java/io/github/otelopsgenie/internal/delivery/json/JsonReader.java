/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import java.util.List;
import java.util.Map;

/**
 * Reads the JSON of Opsgenie's answers into plain values: an object is a {@code Map<String,
 * Object>} (in the order of its members), an array a {@code List<Object>}, a string a {@code
 * String}, a number a {@code Long} when it is a whole number that fits and a {@code Double}
 * otherwise, {@code true}/{@code false} a {@code Boolean}, and {@code null} the marker {@link
 * #NULL}. Text after the first value is ignored. Anything that is not JSON, or is nested deeper
 * than {@link #MAX_DEPTH}, reads as {@code null}: an answer is only ever read for what it may tell,
 * never trusted to be well formed. An object or array keeps where it stood in the text, so that
 * {@link #textOf} gives it back as it was written, never written again from the values read.
 * Stateless apart from the position in one text.
 */
final class JsonReader {

  /** A JSON {@code null}, told apart from a member that is not there. */
  static final Object NULL =
      new Object() {
        @Override
        public String toString() {
          return "null";
        }
      };

  static final int MAX_DEPTH = 64;

  private final String text;
  private int pos;

  private JsonReader(String text) {
    this.text = text;
  }

  /** The first JSON value of {@code text}, or null when there is none or it is malformed. */
  static Object read(String text) {
    if (text == null) {
      return null;
    }
    try {
      JsonReader reader = new JsonReader(text);
      reader.skipSpace();
      return reader.value(0);
    } catch (Malformed | IndexOutOfBoundsException e) {
      return null;
    }
  }

  /**
   * The text of a value read: a string's value; an object or an array exactly as it stood in the
   * text read (spaces included); a number, a boolean or {@link #NULL} as JSON writes it (a number
   * in Java's form of the value read: {@code 12}, {@code 0.302}); null for null.
   */
  static String textOf(Object value) {
    if (value instanceof Spanned) {
      return ((Spanned) value).span().text();
    }
    return value == null ? null : value.toString();
  }

  /** The member {@code name} of {@code value} when it is an object, else null. */
  static Object member(Object value, String name) {
    return value instanceof Map ? ((Map<?, ?>) value).get(name) : null;
  }

  private Object value(int depth) {
    if (depth > MAX_DEPTH) {
      throw new Malformed();
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object(depth);
      case '[':
        return array(depth);
      case '"':
        return string();
      case 't':
        return word("true", Boolean.TRUE);
      case 'f':
        return word("false", Boolean.FALSE);
      case 'n':
        return word("null", NULL);
      default:
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw new Malformed();
    }
  }

  private Map<String, Object> object(int depth) {
    Spanned.Span span = new Spanned.Span(text, pos);
    Map<String, Object> members = new Spanned.Members(span);
    pos++; // {
    skipSpace();
    if (text.charAt(pos) == '}') {
      span.end = ++pos;
      return members;
    }
    while (true) {
      if (text.charAt(pos) != '"') {
        throw new Malformed();
      }
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      members.put(name, value(depth + 1));
      skipSpace();
      char c = text.charAt(pos++);
      if (c == '}') {
        span.end = pos;
        return members;
      }
      if (c != ',') {
        throw new Malformed();
      }
      skipSpace();
    }
  }

  private List<Object> array(int depth) {
    Spanned.Span span = new Spanned.Span(text, pos);
    List<Object> items = new Spanned.Items(span);
    pos++; // [
    skipSpace();
    if (text.charAt(pos) == ']') {
      span.end = ++pos;
      return items;
    }
    while (true) {
      items.add(value(depth + 1));
      skipSpace();
      char c = text.charAt(pos++);
      if (c == ']') {
        span.end = pos;
        return items;
      }
      if (c != ',') {
        throw new Malformed();
      }
      skipSpace();
    }
  }

  private String string() {
    pos++; // "
    StringBuilder sb = null;
    int start = pos;
    while (true) {
      char c = text.charAt(pos);
      if (c == '"') {
        String s = sb == null ? text.substring(start, pos) : sb.append(text, start, pos).toString();
        pos++;
        return s;
      }
      if (c < 0x20) {
        throw new Malformed();
      }
      if (c != '\\') {
        pos++;
        continue;
      }
      if (sb == null) {
        sb = new StringBuilder();
      }
      sb.append(text, start, pos);
      char escaped = text.charAt(pos + 1);
      pos += 2;
      switch (escaped) {
        case '"':
        case '\\':
        case '/':
          sb.append(escaped);
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          sb.append((char) hex4());
          break;
        default:
          throw new Malformed();
      }
      start = pos;
    }
  }

  private int hex4() {
    if (pos + 4 > text.length()) {
      throw new Malformed();
    }
    int v = 0;
    for (int i = 0; i < 4; i++) {
      int d = Character.digit(text.charAt(pos++), 16);
      if (d < 0) {
        throw new Malformed();
      }
      v = (v << 4) | d;
    }
    return v;
  }

  private Object number() {
    int start = pos;
    if (text.charAt(pos) == '-') {
      pos++;
    }
    boolean whole = true;
    digits();
    if (pos < text.length() && text.charAt(pos) == '.') {
      whole = false;
      pos++;
      digits();
    }
    if (pos < text.length() && (text.charAt(pos) == 'e' || text.charAt(pos) == 'E')) {
      whole = false;
      pos++;
      if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
        pos++;
      }
      digits();
    }
    String number = text.substring(start, pos);
    if (whole) {
      try {
        return Long.parseLong(number);
      } catch (NumberFormatException e) {
        // too large for a long: as a double below
      }
    }
    return Double.parseDouble(number);
  }

  /** One or more digits. */
  private void digits() {
    int start = pos;
    while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
      pos++;
    }
    if (pos == start) {
      throw new Malformed();
    }
  }

  private Object word(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw new Malformed();
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    if (text.charAt(pos++) != c) {
      throw new Malformed();
    }
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  /** Not JSON: the text reads as null. */
  private static final class Malformed extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Malformed() {
      super(null, null, false, false);
    }
  }
}
