/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.rules.LatencyRule;
import io.github.otelopsgenie.internal.rules.RouteKey;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.util.RecentMap;

/**
 * The route-level rules over a window: {@code otel.opsgenie.alert.error.rate} (share of a route's
 * requests that failed, with a minimum request count) and {@code
 * otel.opsgenie.alert.latency.percentile} (a route's percentile latency above its threshold). Each
 * fires once when its route turns unhealthy and again only after the route was healthy. Keyed by
 * route: the low-cardinality {@code http.route}, at most 256 characters plus a hash ({@link
 * RouteKey}); every span without one shares the {@value #UNROUTED} entry (raw paths are unbounded).
 * Routes are kept in two generations of at most {@link RouteMatcher#MAX_ROUTES}/2 ({@link
 * RecentMap}): a route seen again moves to the current one, and idle routes are forgotten, so a
 * scan neither fills the map for good nor makes later routes share counts.
 */
public final class RouteWindows {

  /** The key of every span without {@code http.route}. */
  public static final String UNROUTED = "unrouted";

  // read by RouteBreach for the limits it reports
  final double errorRate;
  final double percentile;
  private final int minRequests;
  final long windowNanos;

  /**
   * Half the auto-close period: a route still breached fires again this often; never without
   * auto-close.
   */
  private final long refreshNanos;

  private final RecentMap<String, RouteStats> routes = new RecentMap<>(RouteMatcher.MAX_ROUTES);
  private final RouteStats unrouted;

  public RouteWindows(OpsgenieSettings settings) {
    this.errorRate = settings.errorRate;
    this.percentile = settings.latencyPercentile;
    this.minRequests = settings.errorRateMinRequests;
    this.windowNanos = settings.windowNanos;
    this.refreshNanos = settings.autoCloseNanos > 0 ? settings.autoCloseNanos / 2 : Long.MAX_VALUE;
    this.unrouted = new RouteStats(UNROUTED, windowNanos);
  }

  public static boolean enabled(OpsgenieSettings settings) {
    return settings.errorRate > 0 || settings.latencyPercentile > 0;
  }

  public boolean percentileMode() {
    return percentile > 0;
  }

  /**
   * Counts the request of {@code route} ({@code http.route}; null for a span without one); returns
   * the breach when it turned its route unhealthy, else null (the common case, allocation-free once
   * the route is known). Recorded and judged in one locked step of the route's window.
   */
  public RouteBreach record(
      String route,
      Long status,
      String errorType,
      long latencyNanos,
      RouteMatcher.Decision decision,
      long nowNanos) {
    boolean error = (status != null && status >= 500) || errorType != null;
    return record(stats(route), error, latencyNanos, decision, nowNanos);
  }

  /**
   * As {@link #record(String, Long, String, long, RouteMatcher.Decision, long)}, for a window found
   * already ({@link #window}, {@link #unrouted()}) and a request known to have failed or not.
   */
  public RouteBreach record(
      RouteStats stats,
      boolean error,
      long latencyNanos,
      RouteMatcher.Decision decision,
      long nowNanos) {
    boolean slow = LatencyRule.breached(decision, latencyNanos);
    // a rule fires on a request that is itself bad, so that the alert shows a failing (or slow)
    // request, never the healthy one that happened to complete the minimum count
    int fired =
        stats.recordAndJudge(
            nowNanos,
            error,
            slow,
            errorRate,
            percentile,
            decision.latencyThresholdNanos > 0,
            minRequests,
            refreshNanos);
    if (fired == 0) {
      return null;
    }
    return new RouteBreach(this, stats, fired, decision.latencyThresholdNanos, nowNanos);
  }

  /**
   * Whether the rule of {@code type} is healthy again on {@code stats}' route: below its limit, and
   * no failing (or slow) request for {@code quietNanos}.
   */
  public boolean healthy(RouteStats stats, AlertType type, long nowNanos, long quietNanos) {
    long lastBad = type == AlertType.ERROR_RATE ? stats.lastErrorNanos() : stats.lastSlowNanos();
    if (nowNanos - lastBad < quietNanos) {
      return false;
    }
    boolean above =
        type == AlertType.ERROR_RATE
            ? stats.errorRateAbove(nowNanos, errorRate, minRequests)
            : stats.percentileAbove(nowNanos, percentile, minRequests);
    if (!above) {
      if (type == AlertType.ERROR_RATE) {
        stats.stopErrorRateFiring();
      } else {
        stats.stopPercentileFiring();
      }
    }
    return !above;
  }

  public int trackedRoutes() {
    return routes.size();
  }

  /**
   * The window of {@code route} ({@code http.route}, not null) holding the route's decision: one
   * look-up for both on a known route; the decision is asked of {@code matcher} for a new one.
   */
  public RouteStats window(String route, RouteMatcher matcher) {
    String key = RouteKey.of(route);
    RouteStats stats = routes.get(key);
    if (stats != null && stats.decision != null) {
      return stats;
    }
    // a new route (the function capturing the matcher is made only then)
    RouteMatcher.Decision decision = matcher.decide(route);
    return routes.computeIfAbsent(key, r -> new RouteStats(r, decision, windowNanos));
  }

  /** The window every span without {@code http.route} shares. */
  public RouteStats unrouted() {
    return unrouted;
  }

  RouteStats stats(String route) {
    if (route == null) {
      return unrouted;
    }
    String key = RouteKey.of(route);
    RouteStats stats = routes.get(key);
    // the function that makes a route's window captures this: made only for a new route
    return stats != null ? stats : routes.computeIfAbsent(key, r -> new RouteStats(r, windowNanos));
  }
}
