/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

/**
 * Requests, errors and slow requests of one route over a sliding window, in {@link #SLICES} time
 * slices: the state behind the error-rate and latency-percentile rules. "p95 above the threshold"
 * is exactly "more than 5% of the requests slower than the threshold", so a count of slow requests
 * is all the percentile rule needs: no histogram, a few longs per route. Allocation-free;
 * synchronized, uncontended in practice (one route's requests).
 */
public final class RouteStats {

  static final int SLICES = TimeSlices.SLICES;

  public final String route;
  private final TimeSlices slices;
  private final long[] total = new long[SLICES];
  private final long[] errors = new long[SLICES];
  private final long[] slow = new long[SLICES];
  private long lastErrorNanos = Long.MIN_VALUE / 2;
  private long lastSlowNanos = Long.MIN_VALUE / 2;
  private boolean errorRateFiring;
  private boolean percentileFiring;
  private long errorRateFiredNanos;
  private long percentileFiredNanos;

  RouteStats(String route, long windowNanos) {
    this.route = route;
    this.slices = new TimeSlices(windowNanos);
  }

  /** Counts one request that ended at {@code nowNanos}. */
  synchronized void record(long nowNanos, boolean error, boolean isSlow) {
    int slot = slices.slot(nowNanos);
    if (slot < 0) {
      slot = ~slot;
      total[slot] = 0;
      errors[slot] = 0;
      slow[slot] = 0;
    }
    total[slot]++;
    if (error) {
      errors[slot]++;
      lastErrorNanos = nowNanos;
    }
    if (isSlow) {
      slow[slot]++;
      lastSlowNanos = nowNanos;
    }
  }

  synchronized long lastErrorNanos() {
    return lastErrorNanos;
  }

  synchronized long lastSlowNanos() {
    return lastSlowNanos;
  }

  public synchronized long total(long nowNanos) {
    return sum(total, nowNanos);
  }

  public synchronized long errors(long nowNanos) {
    return sum(errors, nowNanos);
  }

  public synchronized long slow(long nowNanos) {
    return sum(slow, nowNanos);
  }

  /** True when the error rate over the window is at least {@code rate} with enough requests. */
  synchronized boolean errorRateAbove(long nowNanos, double rate, int minRequests) {
    long requests = sum(total, nowNanos);
    // the epsilon keeps 2 of 10 at 20% from failing on 0.2 * 10 in binary floating point
    return requests >= minRequests && sum(errors, nowNanos) >= rate * requests - 1e-9;
  }

  /** True when the {@code percentile} of latency is above the threshold, with enough requests. */
  synchronized boolean percentileAbove(long nowNanos, double percentile, int minRequests) {
    long requests = sum(total, nowNanos);
    return requests >= minRequests
        && sum(slow, nowNanos) * 100.0 > (100.0 - percentile) * requests + 1e-9;
  }

  static final int ERROR_RATE_FIRED = 1;
  static final int PERCENTILE_FIRED = 2;

  /**
   * Counts one request and judges the route's rules in the same locked step, so that two requests
   * at the threshold cannot both fire, nor a stale "healthy" undo a breach another just fired. A
   * rule fires on a request that is itself bad, once per breach. Returns {@link #ERROR_RATE_FIRED}
   * and/or {@link #PERCENTILE_FIRED}, or 0.
   */
  synchronized int recordAndJudge(
      long nowNanos,
      boolean error,
      boolean isSlow,
      double errorRate,
      double percentile,
      boolean hasThreshold,
      int minRequests,
      long refreshNanos) {
    record(nowNanos, error, isSlow);
    int fired = 0;
    if (errorRate > 0) {
      if (!errorRateAbove(nowNanos, errorRate, minRequests)) {
        errorRateFiring = false;
      } else if (error && (!errorRateFiring || nowNanos - errorRateFiredNanos >= refreshNanos)) {
        // still breached after refreshNanos: fired again, so that the alert's lastOccurredAt stays
        // fresh and another replica's auto-close leaves it open (Opsgenie only counts it)
        errorRateFiring = true;
        errorRateFiredNanos = nowNanos;
        fired |= ERROR_RATE_FIRED;
      }
    }
    if (percentile > 0 && hasThreshold) {
      if (!percentileAbove(nowNanos, percentile, minRequests)) {
        percentileFiring = false;
      } else if (isSlow && (!percentileFiring || nowNanos - percentileFiredNanos >= refreshNanos)) {
        percentileFiring = true;
        percentileFiredNanos = nowNanos;
        fired |= PERCENTILE_FIRED;
      }
    }
    return fired;
  }

  /** Marks the error-rate rule firing (true once per breach) or healthy again. */
  synchronized boolean setErrorRateFiring(boolean firing) {
    boolean changed = errorRateFiring != firing;
    errorRateFiring = firing;
    return changed;
  }

  synchronized boolean setPercentileFiring(boolean firing) {
    boolean changed = percentileFiring != firing;
    percentileFiring = firing;
    return changed;
  }

  private long sum(long[] counts, long nowNanos) {
    return slices.sum(counts, nowNanos);
  }
}
