/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.settings;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
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
    boolean[] codes = new boolean[600];
    for (String value : r.list(setting)) {
      try {
        int code = Integer.parseInt(value.trim());
        if (code >= 100 && code <= 599) {
          codes[code] = true;
          continue;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      r.notOne(
          setting,
          "a comma-separated list of HTTP status codes from 100 to 599, such as 500,502",
          value);
      break;
    }
    return codes;
  }

  static boolean[] rpcStatusCodes(SettingsReader r, Setting<boolean[]> setting) {
    boolean[] codes = new boolean[WindowSettings.GRPC_STATUS_NAMES.size()];
    for (String value : r.list(setting)) {
      String v = value.trim().toUpperCase(java.util.Locale.ROOT);
      int code = WindowSettings.GRPC_STATUS_NAMES.indexOf(v);
      if (code < 0) {
        try {
          code = Integer.parseInt(v);
        } catch (NumberFormatException e) {
          code = -1;
        }
      }
      if (code > 0 && code < codes.length) {
        codes[code] = true;
        continue;
      }
      r.notOne(
          setting,
          "a comma-separated list of gRPC status names or numbers other than OK, such as UNAVAILABLE,INTERNAL,14",
          value);
      break;
    }
    return codes;
  }

  static boolean[] statusClasses(SettingsReader r, Setting<boolean[]> setting) {
    boolean[] classes = new boolean[6];
    for (String value : r.list(setting)) {
      Matcher m = STATUS_CLASS.matcher(value.trim());
      if (m.matches()) {
        classes[m.group(1).charAt(0) - '0'] = true;
        continue;
      }
      r.notOne(
          setting, "a comma-separated list of status classes 1XX to 5XX, such as 5XX,4XX", value);
      break;
    }
    return classes;
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
