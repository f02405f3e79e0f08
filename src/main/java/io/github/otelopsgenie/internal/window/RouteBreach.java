/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

/**
 * A request that turned its route unhealthy: which route rule(s) fired and the window's counts and
 * limits, as of that request, that the route alert reports. Made only when a rule fires; {@link
 * RouteWindows#record} returns null otherwise, so the no-alert path allocates nothing.
 */
public final class RouteBreach {

  /** The route's window, for the auto-close health check; {@code stats.route} is the route key. */
  public final RouteStats stats;

  /** The error rate reached {@link #errorRateThreshold}. */
  public final boolean errorRateFired;

  /** The {@link #percentile} latency went above {@link #latencyThresholdNanos}. */
  public final boolean percentileFired;

  public final long windowRequests;
  public final long windowErrors;
  public final long windowSlowRequests;

  /** The configured error rate, a fraction (0.2 for 20%). */
  public final double errorRateThreshold;

  /** The configured percentile (95 for p95). */
  public final double percentile;

  /** The route's latency threshold: a request slower than this counts as slow. */
  public final long latencyThresholdNanos;

  public final long windowNanos;

  /**
   * The breach of {@code rules} on {@code stats}' route at {@code nowNanos}; {@code fired} holds
   * {@link RouteStats#ERROR_RATE_FIRED} and {@link RouteStats#PERCENTILE_FIRED}.
   */
  RouteBreach(
      RouteWindows rules, RouteStats stats, int fired, long latencyThresholdNanos, long now) {
    this.errorRateFired = (fired & RouteStats.ERROR_RATE_FIRED) != 0;
    this.percentileFired = (fired & RouteStats.PERCENTILE_FIRED) != 0;
    this.stats = stats;
    this.windowRequests = stats.total(now);
    this.windowErrors = stats.errors(now);
    this.windowSlowRequests = stats.slow(now);
    this.errorRateThreshold = rules.errorRate;
    this.percentile = rules.percentile;
    this.latencyThresholdNanos = latencyThresholdNanos;
    this.windowNanos = rules.windowNanos;
  }

  public String route() {
    return stats.route;
  }

  @Override
  public String toString() {
    return "RouteBreach{route="
        + stats.route
        + ", errorRate="
        + errorRateFired
        + ", percentile="
        + percentileFired
        + ", requests="
        + windowRequests
        + ", errors="
        + windowErrors
        + ", slow="
        + windowSlowRequests
        + "}";
  }
}
