/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import io.github.otelopsgenie.alert.AlertType;
import io.github.otelopsgenie.rules.LatencyRule;
import io.github.otelopsgenie.rules.RouteMatcher;
import io.github.otelopsgenie.settings.OpsgenieSettings;

import java.util.concurrent.ConcurrentHashMap;

/**
 * The route-level rules over a window: {@code otel.opsgenie.alert.error.rate} (share of a route's
 * requests that failed, with a minimum request count) and {@code otel.opsgenie.alert.latency.percentile}
 * (a route's percentile latency above its threshold). Each fires once when its route turns
 * unhealthy and again only after the route was healthy. Keyed by route (the low-cardinality
 * {@code http.route}); past {@link RouteMatcher#MAX_ROUTES} keys, raw paths of unrouted servers
 * share one overflow entry, so memory is bounded by routes, not requests.
 */
public final class RouteRules {

  static final String OVERFLOW = "(other routes)";

  private final double errorRate;
  private final double percentile;
  private final int minRequests;
  private final long windowNanos;
  private final ConcurrentHashMap<String, RouteStats> byRoute = new ConcurrentHashMap<>();
  private final RouteStats overflow;

  public RouteRules(OpsgenieSettings settings) {
    this.errorRate = settings.errorRate;
    this.percentile = settings.latencyPercentile;
    this.minRequests = settings.errorRateMinRequests;
    this.windowNanos = settings.windowNanos;
    this.overflow = new RouteStats(OVERFLOW, windowNanos);
  }

  public static boolean enabled(OpsgenieSettings settings) {
    return settings.errorRate > 0 || settings.latencyPercentile > 0;
  }

  public boolean percentileMode() {
    return percentile > 0;
  }

  /**
   * Counts the request; returns the breach when it turned its route unhealthy, else null (the
   * common case, allocation-free once the route is known).
   */
  public RouteBreach record(
      String route, Long status, String errorType, long latencyNanos, RouteMatcher.Decision decision, long nowNanos) {
    RouteStats stats = stats(route);
    boolean error = (status != null && status >= 500) || errorType != null;
    boolean slow = LatencyRule.breached(decision, latencyNanos);
    stats.record(nowNanos, error, slow);
    // a rule fires on a request that is itself bad, so that the alert shows a failing (or slow)
    // request, never the healthy one that happened to complete the minimum count
    boolean errorRateFired = false;
    if (errorRate > 0) {
      if (!stats.errorRateAbove(nowNanos, errorRate, minRequests)) {
        stats.setErrorRateFiring(false);
      } else {
        errorRateFired = error && stats.setErrorRateFiring(true);
      }
    }
    boolean percentileFired = false;
    if (percentile > 0 && decision.latencyThresholdNanos > 0) {
      if (!stats.percentileAbove(nowNanos, percentile, minRequests)) {
        stats.setPercentileFiring(false);
      } else {
        percentileFired = slow && stats.setPercentileFiring(true);
      }
    }
    if (!errorRateFired && !percentileFired) {
      return null;
    }
    return new RouteBreach(stats, errorRateFired, percentileFired, nowNanos,
        errorRate, percentile, decision.latencyThresholdNanos, windowNanos);
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
    boolean above = type == AlertType.ERROR_RATE
        ? stats.errorRateAbove(nowNanos, errorRate, minRequests)
        : stats.percentileAbove(nowNanos, percentile, minRequests);
    if (!above) {
      if (type == AlertType.ERROR_RATE) {
        stats.setErrorRateFiring(false);
      } else {
        stats.setPercentileFiring(false);
      }
    }
    return !above;
  }

  public int trackedRoutes() {
    return byRoute.size();
  }

  RouteStats stats(String route) {
    if (route == null) {
      return overflow;
    }
    RouteStats stats = byRoute.get(route);
    if (stats != null) {
      return stats;
    }
    if (byRoute.size() >= RouteMatcher.MAX_ROUTES) {
      return overflow;
    }
    return byRoute.computeIfAbsent(route, r -> new RouteStats(r, windowNanos));
  }
}
