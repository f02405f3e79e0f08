/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Reads one {@link SettingsSource}, collecting every problem instead of stopping at the first: the
 * general value forms (boolean, whole number, duration, share, regex list, map) and the messages
 * that name the setting, its value (a URL's user info masked) and the expected form. The checks of
 * one particular value (the token, the API base, status codes, ...) are with the topic that defines
 * its setting.
 */
final class SettingsReader {

  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final Pattern MILLIS = Pattern.compile("-?\\d+(\\.\\d+)?");
  static final String DURATION_FORM =
      "duration such as 500ms, 10s, 5m or 1h (a bare number is milliseconds)";

  final SettingsSource source;
  private final List<String> problems = new ArrayList<>();
  private final List<String> warnings = new ArrayList<>();

  SettingsReader(SettingsSource source) {
    this.source = source;
  }

  String raw(Setting<?> setting) {
    return source.raw(setting.key());
  }

  List<String> list(Setting<?> setting) {
    return source.list(setting.key());
  }

  /** The setting as the user wrote it: the property, or the YAML key. */
  String display(Setting<?> setting) {
    return source.display(setting.key());
  }

  void problem(Setting<?> setting, String value, String expected) {
    // a URL's user info is a credential: masked in every message
    problem(display(setting) + "=" + maskUserInfo(value) + " is invalid: expected " + expected);
  }

  /** One item of a listed value is not of the {@code expected} form (of the whole list). */
  void notOne(Setting<?> setting, String expected, String item) {
    problem(setting, raw(setting), expected + " (" + item + " is not one)");
  }

  /** True when {@code item} matches {@code pattern}; else {@link #notOne} and false. */
  boolean matches(Setting<?> setting, Pattern pattern, String item, String expected) {
    if (pattern.matcher(item).matches()) {
      return true;
    }
    notOne(setting, expected, item);
    return false;
  }

  /** A problem whose message is not of the "key=value is invalid" form (a pair of settings). */
  void problem(String message) {
    // a setting read twice (an alias read as the fallback of another) is reported once
    if (!problems.contains(message)) {
      problems.add(message);
    }
  }

  void warning(String message) {
    warnings.add(maskUserInfo(message));
  }

  List<String> problems() {
    return problems;
  }

  List<String> warnings() {
    return Collections.unmodifiableList(warnings);
  }

  boolean bool(Setting<Boolean> setting, boolean defaultValue) {
    String raw = raw(setting);
    if (raw == null) {
      return defaultValue;
    }
    if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
      return Boolean.parseBoolean(raw.toLowerCase(Locale.ROOT));
    }
    problem(setting, raw, "true or false");
    return defaultValue;
  }

  int integer(Setting<Integer> setting, int defaultValue, int min, int max) {
    String raw = raw(setting);
    if (raw == null) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw);
      if (value >= min && value <= max) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(setting, raw, "a whole number from " + min + " to " + max);
    return defaultValue;
  }

  Duration duration(Setting<Duration> setting, Duration defaultValue, boolean zeroAllowed) {
    String raw = raw(setting);
    if (raw == null) {
      return defaultValue;
    }
    Duration value = parseDuration(raw);
    if (value == null || (!zeroAllowed && value.isZero())) {
      problem(setting, raw, (zeroAllowed ? "" : "a positive ") + DURATION_FORM);
      return defaultValue;
    }
    return value;
  }

  /** {@code 0.1} or {@code 10%}, above 0 and at most 1; -1 when unset or invalid. */
  double share(Setting<Double> setting, String expected) {
    String raw = raw(setting);
    if (raw == null) {
      return -1;
    }
    try {
      double value =
          raw.endsWith("%")
              ? Double.parseDouble(raw.substring(0, raw.length() - 1).trim()) / 100
              : Double.parseDouble(raw);
      if (value > 0 && value <= 1) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problem(setting, raw, expected);
    return -1;
  }

  List<Pattern> patterns(Setting<List<Pattern>> setting) {
    List<Pattern> patterns = new ArrayList<>();
    for (String regex : list(setting)) {
      Pattern p = pattern(setting, regex);
      if (p != null) {
        patterns.add(p);
      }
    }
    return Collections.unmodifiableList(patterns);
  }

  Pattern pattern(Setting<?> setting, String regex) {
    try {
      return Pattern.compile(regex);
    } catch (PatternSyntaxException e) {
      problem(
          setting,
          raw(setting),
          "a comma-separated list of regular expressions matched against the whole route ("
              + regex
              + ": "
              + e.getDescription()
              + " near index "
              + e.getIndex()
              + ")");
      return null;
    }
  }

  /** The map value; null (reported) when malformed. */
  Map<String, String> map(Setting<?> setting, String expected) {
    try {
      return new LinkedHashMap<>(source.map(setting.key()));
    } catch (IllegalArgumentException e) {
      problem(setting, raw(setting), expected);
      return null;
    }
  }

  /**
   * The listed values as flags by index: {@code index} gives each trimmed value's index, or -1 when
   * it is not one; the first such value is reported and ends the list.
   */
  boolean[] flags(
      Setting<boolean[]> setting, int size, ToIntFunction<String> index, String expected) {
    boolean[] flags = new boolean[size];
    for (String value : list(setting)) {
      int i = index.applyAsInt(value.trim());
      if (i < 0) {
        notOne(setting, expected, value);
        break;
      }
      flags[i] = true;
    }
    return flags;
  }

  /** A listed whole number; -1 when it is not one. */
  static int number(String value) {
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * {@code scheme://user:password@host} with the user info masked, wherever it is in {@code text}.
   */
  static String maskUserInfo(String text) {
    return text == null ? null : text.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@", "$1****@");
  }

  /** An http or https URL with a host. */
  static boolean isHttp(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"));
  }

  /** {@code 2000} or {@code 2000.5} (milliseconds) or a duration ({@code 2s}); -1 when invalid. */
  static long millisOrDuration(String raw) {
    String value = raw.trim();
    if (MILLIS.matcher(value).matches()) {
      return (long) (Double.parseDouble(value) * 1_000_000L);
    }
    Duration d = parseDuration(value);
    return d == null ? -1 : d.toNanos();
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}; a bare number is ms. */
  static Duration parseDuration(String raw) {
    Matcher m = DURATION.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    switch (unit) {
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        return Duration.ofMillis(n);
    }
  }
}
