/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

/**
 * THRESHOLD_RESPONSE_TIME over RESPONSE_TIME_MONITORED_ENDPOINTS (and per-route thresholds): the
 * span's duration, strictly over the route's threshold.
 */
public final class LatencyRule {

  private LatencyRule() {}

  public static boolean breached(RouteMatcher.Decision route, long latencyNanos) {
    return route.latencyThresholdNanos > 0 && latencyNanos > route.latencyThresholdNanos;
  }
}
