/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import io.github.otelopsgenie.internal.rules.RouteMatcher;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;

/**
 * Requests, errors and slow requests of one route over a sliding window ({@link SlidingCounts}):
 * the state behind the error-rate and latency-percentile rules. "p95 above the threshold" is
 * exactly "more than 5% of the requests slower than the threshold", so a count of slow requests is
 * all the percentile rule needs: no histogram, a few counters per route.
 *
 * <p>Lock-free: many request threads end spans of one hot route at once, and each only adds to
 * striped counters. A rule is judged (the window summed) only for a request that is itself bad, or
 * while the rule is firing (to notice it healthy again); the breach is claimed by a compare-and-set
 * of the time it fired, so that one breach fires exactly one alert however many threads reach the
 * threshold together, and a thread that judged "healthy" on counts read before another fired cannot
 * undo that breach.
 */
public final class RouteStats {

  static final int SLICES = SlidingCounts.SLICES;

  static final int ERROR_RATE_FIRED = 1;
  static final int PERCENTILE_FIRED = 2;

  /** The fired time of a rule that is not firing. */
  private static final long NOT_FIRING = Long.MIN_VALUE;

  private static final AtomicLongFieldUpdater<RouteStats> ERROR_RATE_FIRED_AT =
      AtomicLongFieldUpdater.newUpdater(RouteStats.class, "errorRateFiredNanos");
  private static final AtomicLongFieldUpdater<RouteStats> PERCENTILE_FIRED_AT =
      AtomicLongFieldUpdater.newUpdater(RouteStats.class, "percentileFiredNanos");

  private static final int TOTAL = 0;
  private static final int ERRORS = 1;
  private static final int SLOW = 2;

  public final String route;

  /**
   * The route's decision, remembered with its window so that a span of a known route is looked up
   * once; null for the unrouted window (its spans' paths differ).
   */
  public final RouteMatcher.Decision decision;

  private final SlidingCounts counts;
  private volatile long lastErrorNanos = Long.MIN_VALUE / 2;
  private volatile long lastSlowNanos = Long.MIN_VALUE / 2;
  private volatile long errorRateFiredNanos = NOT_FIRING;
  private volatile long percentileFiredNanos = NOT_FIRING;

  RouteStats(String route, long windowNanos) {
    this(route, null, windowNanos);
  }

  RouteStats(String route, RouteMatcher.Decision decision, long windowNanos) {
    this.route = route;
    this.decision = decision;
    this.counts = new SlidingCounts(windowNanos, 3);
  }

  /** Counts one request that ended at {@code nowNanos}. */
  void record(long nowNanos, boolean error, boolean isSlow) {
    int slot = counts.slot(nowNanos);
    counts.increment(slot, TOTAL);
    if (error) {
      counts.increment(slot, ERRORS);
      lastErrorNanos = nowNanos;
    }
    if (isSlow) {
      counts.increment(slot, SLOW);
      lastSlowNanos = nowNanos;
    }
  }

  long lastErrorNanos() {
    return lastErrorNanos;
  }

  long lastSlowNanos() {
    return lastSlowNanos;
  }

  public long total(long nowNanos) {
    return counts.sum(TOTAL, nowNanos);
  }

  public long errors(long nowNanos) {
    return counts.sum(ERRORS, nowNanos);
  }

  public long slow(long nowNanos) {
    return counts.sum(SLOW, nowNanos);
  }

  /** True when the error rate over the window is at least {@code rate} with enough requests. */
  boolean errorRateAbove(long nowNanos, double rate, int minRequests) {
    long requests = total(nowNanos);
    return requests >= minRequests && Rates.reached(errors(nowNanos), requests, rate);
  }

  /** True when the {@code percentile} of latency is above the threshold, with enough requests. */
  boolean percentileAbove(long nowNanos, double percentile, int minRequests) {
    long requests = total(nowNanos);
    return requests >= minRequests
        && slow(nowNanos) * 100.0 > (100.0 - percentile) * requests + 1e-9;
  }

  /**
   * Counts one request and judges the route's rules. A rule fires on a request that is itself bad,
   * once per breach, and again after {@code refreshNanos} while still breached (so that the alert's
   * lastOccurredAt stays fresh and another replica's auto-close leaves it open: Opsgenie only
   * counts it). Returns {@link #ERROR_RATE_FIRED} and/or {@link #PERCENTILE_FIRED}, or 0.
   */
  int recordAndJudge(
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
    // a healthy request judges only while the rule fires: the common case reads one volatile
    if (errorRate > 0 && (error || errorRateFiredNanos != NOT_FIRING)) {
      long firedAt = errorRateFiredNanos;
      boolean above = errorRateAbove(nowNanos, errorRate, minRequests);
      if (claim(ERROR_RATE_FIRED_AT, firedAt, above, error, nowNanos, refreshNanos)) {
        fired |= ERROR_RATE_FIRED;
      }
    }
    if (percentile > 0 && hasThreshold && (isSlow || percentileFiredNanos != NOT_FIRING)) {
      long firedAt = percentileFiredNanos;
      boolean above = percentileAbove(nowNanos, percentile, minRequests);
      if (claim(PERCENTILE_FIRED_AT, firedAt, above, isSlow, nowNanos, refreshNanos)) {
        fired |= PERCENTILE_FIRED;
      }
    }
    return fired;
  }

  /**
   * Moves a rule's fired time on from {@code firedAt}, read before the counts were summed: to "not
   * firing" when the counts are below the rule, to now when a bad request finds them above and the
   * rule was not firing (or fired {@code refreshNanos} ago). True when this thread fired it.
   */
  private boolean claim(
      AtomicLongFieldUpdater<RouteStats> firedAtField,
      long firedAt,
      boolean above,
      boolean bad,
      long nowNanos,
      long refreshNanos) {
    if (!above) {
      if (firedAt != NOT_FIRING) {
        firedAtField.compareAndSet(this, firedAt, NOT_FIRING);
      }
      return false;
    }
    boolean due = firedAt == NOT_FIRING || nowNanos - firedAt >= refreshNanos;
    return bad && due && firedAtField.compareAndSet(this, firedAt, nowNanos);
  }

  /** The error-rate rule's fired time as {@link #recordAndJudge} reads it before judging. */
  long errorRateFiredAt() {
    return errorRateFiredNanos;
  }

  /** {@link #recordAndJudge}'s last step for the error-rate rule, for tests of interleavings. */
  boolean claimErrorRate(
      long firedAt, boolean above, boolean bad, long nowNanos, long refreshNanos) {
    return claim(ERROR_RATE_FIRED_AT, firedAt, above, bad, nowNanos, refreshNanos);
  }

  /** Marks the error-rate rule healthy again. */
  void stopErrorRateFiring() {
    errorRateFiredNanos = NOT_FIRING;
  }

  /** Marks the percentile rule healthy again. */
  void stopPercentileFiring() {
    percentileFiredNanos = NOT_FIRING;
  }
}
