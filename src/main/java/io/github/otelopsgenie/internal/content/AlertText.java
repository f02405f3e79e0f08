/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

/**
 * How alert texts read: milliseconds to a tenth, shares as percents, windows in units; a request's
 * route, and the trace and stack-trace lines every description ends with.
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

  /** {@code METHOD route} (the span's name when it has no route), or the route alone. */
  static String routeText(SpanFacts facts) {
    String route = facts.route != null ? facts.route : facts.spanName;
    return facts.method != null ? facts.method + " " + route : route;
  }

  /** {@code Trace id : …, span id : ….}, then the link to the trace when there is one. */
  static StringBuilder appendTrace(StringBuilder sb, SpanFacts facts, String traceUrl) {
    sb.append("Trace id : ").append(facts.traceId).append(", span id : ").append(facts.spanId);
    sb.append('.');
    return traceUrl != null ? sb.append("\nTrace : ").append(traceUrl) : sb;
  }

  /**
   * Ends the description of a job run or a consumed message: the duration under {@code label}, the
   * trace lines and the stack trace.
   */
  static String endRun(StringBuilder sb, String label, SpanFacts facts, AlertFactory common) {
    sb.append(label).append(formatMillis(facts.durationNanos)).append("ms.\n");
    appendTrace(sb, facts, common.traceUrl(facts));
    return appendStackTrace(sb, common.stackTrace(facts)).toString();
  }

  /** The stack trace after a blank line, when there is one. */
  static StringBuilder appendStackTrace(StringBuilder sb, String stackTrace) {
    return stackTrace != null ? sb.append("\n\nStack trace :\n").append(stackTrace) : sb;
  }
}
