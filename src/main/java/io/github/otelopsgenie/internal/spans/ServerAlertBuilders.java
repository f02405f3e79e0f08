/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertBuilder;
import io.github.otelopsgenie.internal.admission.Candidate;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.content.RouteAlertFactory;
import io.github.otelopsgenie.internal.content.RpcAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.window.RouteBreach;
import io.github.otelopsgenie.internal.window.RouteStats;
import io.github.otelopsgenie.internal.window.RouteWindows;
import java.util.List;

/**
 * How each alert of a server span is built on the sender's thread, from the candidate's span data,
 * alias and route decision; and, for a route's window, what recovery means.
 */
final class ServerAlertBuilders {

  final AlertBuilder status;
  final AlertBuilder rpcStatus;
  final AlertBuilder latency;
  final AlertBuilder errorRate;
  final AlertBuilder latencyPercentile;

  ServerAlertBuilders(
      AlertFactory alerts,
      RouteAlertFactory routeAlerts,
      RouteWindows routeWindows,
      long autoCloseNanos,
      List<SpanFacts.HeaderKey> headerKeys) {
    RpcAlertFactory rpcAlerts = new RpcAlertFactory(alerts);
    this.status = c -> alerts.status(facts(c, headerKeys), c.alias, (Boolean) c.detail, c.policy());
    this.rpcStatus = c -> rpcAlerts.status(facts(c, headerKeys), c.alias, c.policy());
    this.latency =
        c ->
            alerts.latency(
                facts(c, headerKeys), c.alias, c.route.latencyThresholdNanos, c.policy());
    this.errorRate =
        new RouteBreachAlert(AlertType.ERROR_RATE, routeWindows, autoCloseNanos) {
          @Override
          public OpsgenieAlert build(Candidate c) {
            return routeAlerts.errorRate(
                facts(c, headerKeys), c.alias, (RouteBreach) c.detail, c.policy());
          }
        };
    this.latencyPercentile =
        new RouteBreachAlert(AlertType.LATENCY_PERCENTILE, routeWindows, autoCloseNanos) {
          @Override
          public OpsgenieAlert build(Candidate c) {
            return routeAlerts.latencyPercentile(
                facts(c, headerKeys), c.alias, (RouteBreach) c.detail, c.policy());
          }
        };
  }

  private static SpanFacts facts(Candidate c, List<SpanFacts.HeaderKey> headerKeys) {
    return SpanFacts.of(c.data, headerKeys, null);
  }

  /** A route-level alert: it recovers when its route's window is healthy again. */
  private abstract static class RouteBreachAlert implements AlertBuilder {
    private final AlertType type;
    private final RouteWindows routeWindows;
    private final long quietNanos;

    RouteBreachAlert(AlertType type, RouteWindows routeWindows, long quietNanos) {
      this.type = type;
      this.routeWindows = routeWindows;
      this.quietNanos = quietNanos;
    }

    @Override
    public Recovery recovery(Object detail) {
      RouteStats stats = ((RouteBreach) detail).stats;
      return Recovery.of(
          type == AlertType.ERROR_RATE
              ? "error rate of " + stats.route
              : "latency percentile of " + stats.route,
          at -> routeWindows.healthy(stats, type, at, quietNanos));
    }
  }
}
