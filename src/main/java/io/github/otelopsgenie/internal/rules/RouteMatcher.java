/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.github.otelopsgenie.internal.util.RecentMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Decides, once per distinct route, whether the status rules apply to it, which status rule and
 * latency threshold it has, and which policy (the first whose routes match) decides its alerts.
 * Routes are few and requests many, so the answers are remembered. The memory is bounded and
 * forgets idle routes (raw paths of an unrouted server, a scanner's, are unbounded): two
 * generations of at most {@link #MAX_ROUTES}/2 routes each ({@link
 * io.github.otelopsgenie.internal.util.RecentMap}): a route looked up again moves to the current
 * one, and when it is full the older generation is dropped. A route is checked and remembered by
 * its {@link RouteKey} (at most 256 characters plus a hash).
 *
 * <p>Not final only so that a test can count its look-ups (one per alerting span at most).
 */
public class RouteMatcher {

  public static final int MAX_ROUTES = 4096;

  /** What the rules need to know of one route. */
  public static final class Decision {
    public final boolean statusMonitored;

    /** The latency threshold in nanoseconds, or -1 when the route is not checked for latency. */
    public final long latencyThresholdNanos;

    /** The status rule of this route: its policy's own, else the global one. */
    public final StatusRule statusRule;

    /** The first policy whose routes match, or null: the global settings decide. */
    public final Policy policy;

    Decision(
        boolean statusMonitored, long latencyThresholdNanos, StatusRule statusRule, Policy policy) {
      this.statusMonitored = statusMonitored;
      this.latencyThresholdNanos = latencyThresholdNanos;
      this.statusRule = statusRule;
      this.policy = policy;
    }
  }

  private final List<Pattern> monitored;
  private final List<Pattern> ignored;
  private final List<Pattern> latencyMonitored;
  private final long thresholdNanos;
  private final Map<Pattern, Long> thresholdsByRoute;
  private final List<Policy> policies;
  private final StatusRule globalStatusRule;

  /** Each policy's own status rule, or the global one; by policy index. */
  private final StatusRule[] policyStatusRules;

  private final RecentMap<String, Decision> decisions = new RecentMap<>(MAX_ROUTES);
  private final Decision noRoute;

  /** The decision of every route when no setting names routes; null when they differ. */
  private final Decision everyRoute;

  private final long minLatencyThresholdNanos;

  public RouteMatcher(OpsgenieSettings settings) {
    this.monitored = settings.monitoredEndpoints;
    this.ignored = settings.ignoredEndpoints;
    this.latencyMonitored = settings.responseTimeMonitoredEndpoints;
    this.thresholdNanos = settings.thresholdNanos;
    this.thresholdsByRoute = settings.responseTimeThresholdNanos;
    this.policies = settings.policies;
    this.globalStatusRule = new StatusRule(settings);
    this.policyStatusRules = new StatusRule[policies.size()];
    for (int i = 0; i < policies.size(); i++) {
      Policy policy = policies.get(i);
      policyStatusRules[i] =
          policy.statusCodes != null
              ? new StatusRule(policy.statusCodes, policy.statusClasses)
              : globalStatusRule;
    }
    this.noRoute = compute(null);
    this.everyRoute =
        monitored.isEmpty()
                && ignored.isEmpty()
                && latencyMonitored.isEmpty()
                && thresholdsByRoute.isEmpty()
                && policies.isEmpty()
            ? noRoute
            : null;
    this.minLatencyThresholdNanos = minLatencyThreshold();
  }

  /**
   * The smallest latency threshold of any route; Long.MAX_VALUE when no route is checked for
   * latency. A request no slower than this breaches no route's threshold.
   */
  public long minLatencyThresholdNanos() {
    return minLatencyThresholdNanos;
  }

  /** The smallest threshold {@link #latencyThreshold} can give any route. */
  private long minLatencyThreshold() {
    long min = Long.MAX_VALUE;
    if (thresholdNanos > 0 && !latencyMonitored.isEmpty()) {
      min = thresholdNanos;
    }
    for (long threshold : thresholdsByRoute.values()) {
      if (threshold > 0) {
        min = Math.min(min, threshold);
      }
    }
    for (Policy policy : policies) {
      if (policy.thresholdNanos > 0) {
        min = Math.min(min, policy.thresholdNanos);
      }
    }
    return min;
  }

  /** The decision for {@code route} (null when the span has neither route nor path). */
  public Decision decide(String route) {
    if (route == null) {
      return noRoute;
    }
    if (everyRoute != null) {
      return everyRoute;
    }
    String key = RouteKey.of(route);
    Decision decision = decisions.get(key);
    if (decision == null) {
      decision = compute(key);
      decisions.putIfAbsent(key, decision);
    }
    return decision;
  }

  /** For tests: whether the decision for this key is remembered. */
  boolean remembers(String key) {
    return decisions.contains(key);
  }

  public int rememberedRoutes() {
    return decisions.size();
  }

  /** The decision for a route; {@code null} stands for a span with neither route nor path. */
  private Decision compute(String route) {
    String text = route == null ? "" : route;
    boolean status =
        (monitored.isEmpty() || anyMatches(monitored, text)) && !anyMatches(ignored, text);
    for (int i = 0; route != null && i < policies.size(); i++) {
      Policy policy = policies.get(i);
      if (policy.matches(route)) {
        long threshold =
            policy.thresholdNanos > 0 ? policy.thresholdNanos : latencyThreshold(route);
        return new Decision(status, threshold, policyStatusRules[i], policy);
      }
    }
    return new Decision(status, latencyThreshold(text), globalStatusRule, null);
  }

  private long latencyThreshold(String route) {
    for (Map.Entry<Pattern, Long> e : thresholdsByRoute.entrySet()) {
      if (e.getKey().matcher(route).matches()) {
        return e.getValue();
      }
    }
    return thresholdNanos > 0 && anyMatches(latencyMonitored, route) ? thresholdNanos : -1;
  }

  private static boolean anyMatches(List<Pattern> patterns, String route) {
    for (Pattern p : patterns) {
      if (p.matcher(route).matches()) {
        return true;
      }
    }
    return false;
  }
}
