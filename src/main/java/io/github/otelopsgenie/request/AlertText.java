/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.request;

/**
 * How numbers read in alert texts: milliseconds to a tenth, shares as percents, windows in units.
 */
public final class AlertText {

  private AlertText() {}

  static String percent(double fraction) {
    return formatNumber(Math.round(fraction * 1000) / 10.0) + "%";
  }

  static String formatNumber(double value) {
    return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
  }

  static String formatWindow(long nanos) {
    long seconds = nanos / 1_000_000_000L;
    if (seconds > 0 && seconds % 3600 == 0) {
      return seconds / 3600 + "h";
    }
    if (seconds > 0 && seconds % 60 == 0) {
      return seconds / 60 + "m";
    }
    return seconds > 0 ? seconds + "s" : nanos / 1_000_000 + "ms";
  }

  public static String formatMillis(long nanos) {
    long tenths = Math.round(nanos / 100_000.0);
    return (tenths / 10) + (tenths % 10 == 0 ? "" : "." + (tenths % 10));
  }
}
