/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls to one dependency over the window: calls and failures in ten time slices, the most
 * frequent error types and the trace id of the latest failure. One lock per call, taken once.
 */
public final class DependencyStats {

  static final int SLICES = TimeSlices.SLICES;

  /** Distinct error types remembered per dependency; more are counted as one {@code (other)}. */
  static final int MAX_ERROR_TYPES = 16;

  public final String dependency;
  private final TimeSlices slices;
  private final long[] calls = new long[SLICES];
  private final long[] errors = new long[SLICES];
  private final Map<String, long[]> errorTypes = new LinkedHashMap<>();
  private String sampleTraceId;
  private long lastErrorNanos = Long.MIN_VALUE / 2;
  private volatile long lastCallNanos;
  private boolean firing;

  DependencyStats(String dependency, long windowNanos) {
    this.dependency = dependency;
    this.slices = new TimeSlices(windowNanos);
  }

  /**
   * Counts one call ({@code errorType} null when it succeeded); true when this failed call turned
   * the dependency's error rate bad (once per breach: the rule fires again only after the rate went
   * below). Allocates nothing for a successful call.
   */
  synchronized boolean record(
      long nowNanos, String errorType, String traceId, double rate, int minCalls) {
    lastCallNanos = nowNanos;
    int slot = slices.slot(nowNanos);
    if (slot < 0) {
      slot = ~slot;
      calls[slot] = 0;
      errors[slot] = 0;
    }
    calls[slot]++;
    if (errorType != null) {
      errors[slot]++;
      lastErrorNanos = nowNanos;
      sampleTraceId = traceId;
      countErrorType(errorType);
    }
    if (!above(nowNanos, rate, minCalls)) {
      firing = false;
      return false;
    }
    if (errorType == null || firing) {
      return false;
    }
    firing = true;
    return true;
  }

  private void countErrorType(String errorType) {
    long[] n = errorTypes.get(errorType);
    if (n == null) {
      String key = errorTypes.size() < MAX_ERROR_TYPES ? errorType : "(other)";
      n = errorTypes.computeIfAbsent(key, k -> new long[1]);
    }
    n[0]++;
  }

  /**
   * Below the rate and no failed call for {@code quietNanos}; then the error types start afresh.
   */
  synchronized boolean healthy(long nowNanos, long quietNanos, double rate, int minCalls) {
    if (nowNanos - lastErrorNanos < quietNanos || above(nowNanos, rate, minCalls)) {
      return false;
    }
    firing = false;
    errorTypes.clear();
    return true;
  }

  private boolean above(long nowNanos, double rate, int minCalls) {
    long total = sum(calls, nowNanos);
    // the epsilon keeps 2 of 10 at 20% from failing on 0.2 * 10 in binary floating point
    return total >= minCalls && sum(errors, nowNanos) >= rate * total - 1e-9;
  }

  long lastCallNanos() {
    return lastCallNanos;
  }

  public synchronized long calls(long nowNanos) {
    return sum(calls, nowNanos);
  }

  public synchronized long errors(long nowNanos) {
    return sum(errors, nowNanos);
  }

  /** The trace id of the latest failed call. */
  public synchronized String sampleTraceId() {
    return sampleTraceId;
  }

  /**
   * The most frequent error types since the dependency was last healthy, {@code 503 ×12,
   * java.net.ConnectException ×3}, at most {@code max} of them.
   */
  public synchronized String topErrorTypes(int max) {
    List<Map.Entry<String, long[]>> entries = new ArrayList<>(errorTypes.entrySet());
    Collections.sort(entries, (a, b) -> Long.compare(b.getValue()[0], a.getValue()[0]));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(max, entries.size()); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(entries.get(i).getKey()).append(" \u00d7").append(entries.get(i).getValue()[0]);
    }
    return sb.toString();
  }

  private long sum(long[] counts, long nowNanos) {
    return slices.sum(counts, nowNanos);
  }
}
