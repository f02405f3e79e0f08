/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The rules' own values, each checked in one place: HTTP status codes and classes, gRPC status
 * codes, latency thresholds (global and per route) and percentiles. Like {@link ValueRules}, each
 * reads its setting through a {@link SettingsReader}, reports a problem that names the setting, its
 * value and the expected form, and returns a safe value.
 */
final class RuleValues {

  private static final Pattern STATUS_CLASS =
      Pattern.compile("([1-5])XX", Pattern.CASE_INSENSITIVE);

  private RuleValues() {}

  static boolean[] statusCodes(SettingsReader r, Setting<boolean[]> setting) {
    return flags(
        r,
        setting,
        600,
        v -> {
          int code = number(v);
          return code >= 100 && code <= 599 ? code : -1;
        },
        "a comma-separated list of HTTP status codes from 100 to 599, such as 500,502");
  }

  static boolean[] rpcStatusCodes(SettingsReader r, Setting<boolean[]> setting) {
    List<String> names = BeyondHttpSettings.GRPC_STATUS_NAMES;
    return flags(
        r,
        setting,
        names.size(),
        v -> {
          int code = names.indexOf(v.toUpperCase(Locale.ROOT));
          code = code >= 0 ? code : number(v);
          return code > 0 && code < names.size() ? code : -1;
        },
        "a comma-separated list of gRPC status names or numbers other than OK, such as UNAVAILABLE,INTERNAL,14");
  }

  static boolean[] statusClasses(SettingsReader r, Setting<boolean[]> setting) {
    return flags(
        r,
        setting,
        6,
        v -> {
          Matcher m = STATUS_CLASS.matcher(v);
          return m.matches() ? m.group(1).charAt(0) - '0' : -1;
        },
        "a comma-separated list of status classes 1XX to 5XX, such as 5XX,4XX");
  }

  /**
   * The listed values as flags by index: {@code index} gives each trimmed value's index, or -1 when
   * it is not one; the first such value is reported and ends the list.
   */
  private static boolean[] flags(
      SettingsReader r,
      Setting<boolean[]> setting,
      int size,
      ToIntFunction<String> index,
      String expected) {
    boolean[] flags = new boolean[size];
    for (String value : r.list(setting)) {
      int i = index.applyAsInt(value.trim());
      if (i < 0) {
        r.notOne(setting, expected, value);
        break;
      }
      flags[i] = true;
    }
    return flags;
  }

  private static int number(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** A latency threshold in milliseconds or a duration; -1 when unset or invalid. */
  static long threshold(SettingsReader r, Setting<Long> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return -1;
    }
    long nanos = SettingsReader.millisOrDuration(raw);
    if (nanos <= 0) {
      r.problem(
          setting,
          raw,
          "a positive number of milliseconds such as 2000 (or a duration such as 2s)");
      return -1;
    }
    return nanos;
  }

  static Map<Pattern, Long> thresholds(SettingsReader r, Setting<Map<Pattern, Long>> setting) {
    Map<String, String> raw =
        r.map(
            setting,
            "route-regex=milliseconds pairs separated by commas, such as /api/.*=500,/report=5000");
    if (raw == null) {
      return Collections.emptyMap();
    }
    Map<Pattern, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      long nanos = SettingsReader.millisOrDuration(e.getValue());
      Pattern p = r.pattern(setting, e.getKey());
      if (nanos <= 0) {
        r.problem(
            setting,
            r.raw(setting),
            "a positive number of milliseconds for each route regex ("
                + e.getKey()
                + "="
                + e.getValue()
                + " is not one)");
      } else if (p != null) {
        out.put(p, nanos);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /** A percentile such as {@code 95} or {@code 99.9}; -1 when unset or invalid. */
  static double percentile(SettingsReader r, Setting<Double> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return -1;
    }
    try {
      double value =
          Double.parseDouble(raw.endsWith("%") ? raw.substring(0, raw.length() - 1) : raw);
      if (value > 0 && value < 100) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    r.problem(setting, raw, "a percentile above 0 and below 100, such as 95 or 99.9");
    return -1;
  }
}
