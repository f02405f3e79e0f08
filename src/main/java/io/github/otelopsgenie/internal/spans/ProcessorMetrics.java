/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.AliasBudget;
import io.github.otelopsgenie.internal.admission.OccurrenceGate;
import io.github.otelopsgenie.internal.admission.OpenAlerts;
import io.github.otelopsgenie.internal.delivery.SenderMetrics;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.window.RouteWindows;
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
  private final RouteWindows routeWindows;

  private final AlertAdmission raiser;

  /** Null without auto-close. */
  private final OpenAlerts openAlerts;

  ProcessorMetrics(
      RouteMatcher routes,
      RouteWindows routeWindows,
      AlertAdmission raiser,
      OpenAlerts openAlerts) {
    this.routes = routes;
    this.routeWindows = routeWindows;
    this.raiser = raiser;
    this.openAlerts = openAlerts;
  }

  @Override
  public List<AutoCloseable> register(Meter meter) {
    List<AutoCloseable> built = new ArrayList<>();
    built.addAll(
        SenderMetrics.boundedMap(
            meter, "route_matcher", routes::rememberedRoutes, RouteMatcher.MAX_ROUTES, null));
    if (routeWindows != null) {
      built.addAll(
          SenderMetrics.boundedMap(
              meter, "route_windows", routeWindows::trackedRoutes, RouteMatcher.MAX_ROUTES, null));
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
