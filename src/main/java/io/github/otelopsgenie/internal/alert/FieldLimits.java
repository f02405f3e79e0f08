/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Opsgenie's documented limits for a create-alert request
 * (examples/opsgenie-stand-in/src/main/resources/opsgenie-api/create-alert-limits.json), and the
 * cuts that make every alert fit them. Lengths are in UTF-16 chars and a cut never splits a
 * surrogate pair.
 */
public final class FieldLimits {

  public static final int MESSAGE = 130;
  public static final int ALIAS = 512;
  public static final int DESCRIPTION = 15000;
  public static final int ENTITY = 512;
  public static final int SOURCE = 100;
  public static final int USER = 100;
  public static final int NOTE = 25000;
  public static final int TAGS = 20;
  public static final int TAG = 50;
  public static final int RESPONDERS = 50;
  public static final int DETAILS_TOTAL = 8000;

  static final String ELLIPSIS = "\u2026";

  /**
   * Detail key added when other details had to be dropped to stay within {@link #DETAILS_TOTAL}.
   */
  static final String DETAILS_DROPPED_KEY = "details_dropped";

  private static final int DROPPED_RESERVE = DETAILS_DROPPED_KEY.length() + 6;

  private FieldLimits() {}

  /** Cuts {@code value} to at most {@code max} chars, ending with an ellipsis when cut. */
  public static String truncate(String value, int max) {
    if (value == null || value.length() <= max) {
      return value;
    }
    if (max <= 0) {
      return "";
    }
    int end = max - ELLIPSIS.length();
    if (end > 0 && Character.isHighSurrogate(value.charAt(end - 1))) {
      end--;
    }
    return value.substring(0, Math.max(end, 0)) + ELLIPSIS;
  }

  /** The alert message: never blank, at most {@link #MESSAGE} chars, on one line. */
  static String message(String message) {
    String oneLine = message == null ? "" : message.replace('\r', ' ').replace('\n', ' ').trim();
    return truncate(oneLine.isEmpty() ? "otel-opsgenie alert" : oneLine, MESSAGE);
  }

  /** An alias longer than {@link #ALIAS} is replaced by a stable hash of itself. */
  public static String alias(String alias) {
    if (alias == null || alias.length() <= ALIAS) {
      return alias;
    }
    return "sha256-" + sha256Hex(alias);
  }

  static List<String> tags(List<String> tags) {
    List<String> out = new ArrayList<>();
    for (String tag : tags) {
      if (out.size() == TAGS) {
        break;
      }
      if (tag == null) {
        continue;
      }
      String cut = truncate(tag.trim(), TAG);
      if (!cut.isEmpty() && !out.contains(cut)) {
        out.add(cut);
      }
    }
    return Collections.unmodifiableList(out);
  }

  static <T> List<T> responders(List<T> responders) {
    List<T> out = responders.size() <= RESPONDERS ? responders : responders.subList(0, RESPONDERS);
    return Collections.unmodifiableList(new ArrayList<>(out));
  }

  /**
   * Keeps the details, in order, within {@link #DETAILS_TOTAL} chars of keys plus values: a value
   * that does not fit is cut, and entries that find no room at all are dropped and counted under
   * {@link #DETAILS_DROPPED_KEY}.
   */
  static Map<String, String> details(Map<String, String> details) {
    Map<String, String> out = new LinkedHashMap<>();
    int budget = DETAILS_TOTAL - DROPPED_RESERVE;
    int dropped = 0;
    for (Map.Entry<String, String> entry : details.entrySet()) {
      String key = truncate(entry.getKey(), 100);
      String value = entry.getValue() == null ? "" : entry.getValue();
      int room = budget - key.length();
      if (value.length() <= room) {
        out.put(key, value);
        budget = room - value.length();
      } else if (room >= 16) {
        out.put(key, truncate(value, room));
        budget = 0;
      } else {
        dropped++;
      }
    }
    if (dropped > 0) {
      out.put(DETAILS_DROPPED_KEY, Integer.toString(dropped));
    }
    return Collections.unmodifiableMap(out);
  }

  public static int detailsLength(Map<String, String> details) {
    int total = 0;
    for (Map.Entry<String, String> entry : details.entrySet()) {
      total += entry.getKey().length() + entry.getValue().length();
    }
    return total;
  }

  static String sha256Hex(String value) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(hash.length * 2);
      for (byte b : hash) {
        hex.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }
}
