/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The calls to one dependency over the window: calls and failures in ten time slices ({@link
 * SlidingCounts}, lock-free), failures per error type in the same slices and the trace id of the
 * latest failure. A successful call only adds to striped counters and reads one flag; a failed call
 * takes the lock to count its type and judge the rate.
 */
public final class DependencyStats {

  static final int SLICES = TimeSlices.SLICES;

  private static final int CALLS = 0;
  private static final int ERRORS = 1;

  /** How stale {@link #lastCallNanos} may be: it is written at most this often, not per call. */
  private static final long LAST_CALL_RESOLUTION_NANOS = 1_000_000_000L;

  /**
   * Distinct error types remembered per dependency over the window; more are counted as one {@code
   * (other)}. A type with no failure left in the window is forgotten when a slice is reused.
   */
  static final int MAX_ERROR_TYPES = 16;

  static final String OTHER = "(other)";

  public final String dependency;
  private final SlidingCounts counts;

  /** The slices of {@link #errorTypes}, under the lock. */
  private final TimeSlices slices;

  /** Failures per error type, one count per time slice (as {@link #errors}). */
  private final Map<String, long[]> errorTypes = new LinkedHashMap<>();

  private String sampleTraceId;
  private long lastErrorNanos = Long.MIN_VALUE / 2;
  private volatile long lastCallNanos = Long.MIN_VALUE / 2;
  private volatile boolean firing;

  /** When the rule last fired (or refreshed its alert), under the lock; meaningful while firing. */
  private long firedNanos;

  DependencyStats(String dependency, long windowNanos) {
    this.dependency = dependency;
    this.counts = new SlidingCounts(windowNanos, 2);
    this.slices = new TimeSlices(windowNanos);
  }

  /**
   * Counts one call ({@code errorType} null when it succeeded); true when this failed call turned
   * the dependency's error rate bad (once per breach), or found it still bad {@code refreshNanos}
   * after it last fired: the alert is sent again so that its lastOccurredAt stays fresh and another
   * replica's auto-close leaves it open (as the route rules do). Allocates nothing for a successful
   * call.
   */
  boolean record(
      long nowNanos,
      String errorType,
      String traceId,
      double rate,
      int minCalls,
      long refreshNanos) {
    if (nowNanos - lastCallNanos >= LAST_CALL_RESOLUTION_NANOS) {
      lastCallNanos = nowNanos;
    }
    int slot = counts.slot(nowNanos);
    counts.increment(slot, CALLS);
    if (errorType == null) {
      if (firing) {
        // while the rule fires, a success may take the rate below it: the breach ends
        judgeWhileFiring(nowNanos, rate, minCalls);
      }
      return false;
    }
    counts.increment(slot, ERRORS);
    return recordFailure(errorType, traceId, nowNanos, rate, minCalls, refreshNanos);
  }

  /**
   * A failed call's part of {@link #record}, under the lock (a method of its own, so that a
   * successful call's part stays small enough to inline).
   */
  private synchronized boolean recordFailure(
      String errorType,
      String traceId,
      long nowNanos,
      double rate,
      int minCalls,
      long refreshNanos) {
    lastErrorNanos = nowNanos;
    sampleTraceId = traceId;
    int typeSlot = slices.slot(nowNanos);
    if (typeSlot < 0) {
      typeSlot = ~typeSlot;
      reuseErrorTypeSlot(typeSlot, nowNanos);
    }
    countErrorType(errorType, typeSlot);
    if (!above(nowNanos, rate, minCalls)) {
      firing = false;
      return false;
    }
    if (firing && nowNanos - firedNanos < refreshNanos) {
      return false;
    }
    firing = true;
    firedNanos = nowNanos;
    return true;
  }

  private synchronized void judgeWhileFiring(long nowNanos, double rate, int minCalls) {
    if (!above(nowNanos, rate, minCalls)) {
      firing = false;
    }
  }

  /** As {@link #record(long, String, String, double, int, long)}, never refreshing. */
  boolean record(long nowNanos, String errorType, String traceId, double rate, int minCalls) {
    return record(nowNanos, errorType, traceId, rate, minCalls, Long.MAX_VALUE);
  }

  private void countErrorType(String errorType, int slot) {
    long[] n = errorTypes.get(errorType);
    if (n == null) {
      String key = errorTypes.size() < MAX_ERROR_TYPES ? errorType : OTHER;
      n = errorTypes.computeIfAbsent(key, k -> new long[SLICES]);
    }
    n[slot]++;
  }

  /**
   * A slot now holds a new slice: its failures per type are zeroed as its other counts are, and a
   * type with no failure left in the window is forgotten, making room for new ones.
   */
  private void reuseErrorTypeSlot(int slot, long nowNanos) {
    if (errorTypes.isEmpty()) {
      return;
    }
    Iterator<long[]> it = errorTypes.values().iterator();
    while (it.hasNext()) {
      long[] n = it.next();
      n[slot] = 0;
      if (sum(n, nowNanos) == 0) {
        it.remove();
      }
    }
  }

  /** Below the rate and no failed call for {@code quietNanos}. */
  synchronized boolean healthy(long nowNanos, long quietNanos, double rate, int minCalls) {
    if (nowNanos - lastErrorNanos < quietNanos || above(nowNanos, rate, minCalls)) {
      return false;
    }
    firing = false;
    return true;
  }

  private boolean above(long nowNanos, double rate, int minCalls) {
    long total = counts.sum(CALLS, nowNanos);
    return total >= minCalls && Rates.reached(counts.sum(ERRORS, nowNanos), total, rate);
  }

  long lastCallNanos() {
    return lastCallNanos;
  }

  public long calls(long nowNanos) {
    return counts.sum(CALLS, nowNanos);
  }

  public long errors(long nowNanos) {
    return counts.sum(ERRORS, nowNanos);
  }

  /** The trace id of the latest failed call. */
  public synchronized String sampleTraceId() {
    return sampleTraceId;
  }

  /**
   * The most frequent error types over the window at {@code nowNanos}, {@code 503 ×12,
   * java.net.ConnectException ×3}, at most {@code max} of them.
   */
  public synchronized String topErrorTypes(int max, long nowNanos) {
    List<Map.Entry<String, Long>> entries = new ArrayList<>();
    for (Map.Entry<String, long[]> e : errorTypes.entrySet()) {
      long n = sum(e.getValue(), nowNanos);
      if (n > 0) {
        entries.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), n));
      }
    }
    Collections.sort(entries, (a, b) -> Long.compare(b.getValue(), a.getValue()));
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < Math.min(max, entries.size()); i++) {
      if (i > 0) {
        sb.append(", ");
      }
      sb.append(entries.get(i).getKey()).append(" \u00d7").append(entries.get(i).getValue());
    }
    return sb.toString();
  }

  private long sum(long[] counts, long nowNanos) {
    return slices.sum(counts, nowNanos);
  }
}
