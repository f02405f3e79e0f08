/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.delivery.SenderMetrics;
import io.github.otelopsgenie.rules.RouteMatcher;
import io.github.otelopsgenie.window.AliasBudget;
import io.github.otelopsgenie.window.OccurrenceGate;
import io.github.otelopsgenie.window.OpenAlerts;
import io.github.otelopsgenie.window.RouteRules;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;

/**
 * The processor's self-metrics, registered with the sender's ({@link SenderMetrics#alsoRegister})
 * once a global OpenTelemetry is set: each map it keeps per route or alias, its size against its
 * bound (and, for the alias maps that forget the least recently used, how many it forgot), and the
 * alerts not opened because their alias was over the budget. Every callback reads a size or an
 * atomic; nothing runs on the request thread.
 */
final class ProcessorMetrics implements SenderMetrics.Instruments {

  private final RouteMatcher routes;

  /** Null without the error-rate and percentile rules. */
  private final RouteRules routeRules;

  private final AlertRaiser raiser;

  /** Null without auto-close. */
  private final OpenAlerts openAlerts;

  ProcessorMetrics(
      RouteMatcher routes, RouteRules routeRules, AlertRaiser raiser, OpenAlerts openAlerts) {
    this.routes = routes;
    this.routeRules = routeRules;
    this.raiser = raiser;
    this.openAlerts = openAlerts;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> built = new ArrayList<>();
    built.addAll(
        SenderMetrics.boundedMap(
            meter, "route_matcher", routes::rememberedRoutes, RouteMatcher.MAX_ROUTES, null));
    if (routeRules != null) {
      built.addAll(
          SenderMetrics.boundedMap(
              meter, "route_windows", routeRules::trackedRoutes, RouteMatcher.MAX_ROUTES, null));
    }
    OccurrenceGate gate = raiser.gate();
    if (gate != null) {
      built.addAll(
          SenderMetrics.boundedMap(
              meter, "occurrence_gate", gate::trackedAliases, gate.maxAliases(), gate::evicted));
    }
    if (openAlerts != null) {
      built.addAll(
          SenderMetrics.boundedMap(
              meter,
              "open_alerts",
              openAlerts::size,
              openAlerts.maxAliases(),
              openAlerts::evicted));
    }
    AliasBudget budget = raiser.budget();
    built.addAll(
        SenderMetrics.boundedMap(
            meter, "alias_budget", budget::trackedAliases, budget.maxTrackedAliases(), null));
    built.add(
        meter
            .counterBuilder("otel.opsgenie.alerts.over_budget")
            .setDescription(
                "Alerts not opened because their alias was over otel.opsgenie.alert.alias.budget;"
                    + " counted into the one alias-budget alert")
            .setUnit("{alert}")
            .buildWithCallback(m -> m.record(raiser.overBudgetCount())));
    return built;
  }
}
