/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.alert.AlertType;
import io.github.otelopsgenie.alert.OpsgenieAlert;
import io.github.otelopsgenie.delivery.AlertSink;
import io.github.otelopsgenie.request.RouteAlertFactory;
import io.github.otelopsgenie.settings.OpsgenieSettings;
import io.github.otelopsgenie.window.AliasBudget;
import io.github.otelopsgenie.window.DependencyRules;
import io.github.otelopsgenie.window.DependencyStats;
import io.github.otelopsgenie.window.OccurrenceGate;
import io.github.otelopsgenie.window.OpenAlerts;
import io.github.otelopsgenie.window.RouteBreach;
import io.github.otelopsgenie.window.RouteRules;
import io.github.otelopsgenie.window.RouteStats;
import io.opentelemetry.sdk.common.Clock;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Raises an alert the processor found due: through the occurrence window, remembered for
 * auto-close, offered to the sink; counts what was raised, dropped and held back. Runs on the
 * request thread, only for a span that matched a rule.
 */
final class AlertRaiser {

  private final AlertSink sink;
  private final Clock clock;

  /** Null when every match alerts ({@code alert.min.occurrences} of 1). */
  private final OccurrenceGate gate;

  /** Null without auto-close. */
  private final OpenAlerts openAlerts;

  private final RouteRules routeRules;
  private final long autoCloseNanos;
  private final AtomicLong raised = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong gated = new AtomicLong();
  private final AtomicLong overBudget = new AtomicLong();
  private final AliasBudget budget;
  private final RouteAlertFactory alerts;

  AlertRaiser(
      OpsgenieSettings settings,
      AlertSink sink,
      Clock clock,
      OpenAlerts openAlerts,
      RouteRules routeRules,
      RouteAlertFactory alerts) {
    this.budget = new AliasBudget(settings.aliasBudget, settings.windowNanos);
    this.alerts = alerts;
    this.sink = sink;
    this.clock = clock;
    this.gate =
        settings.minOccurrences > 1
            ? new OccurrenceGate(settings.minOccurrences, settings.windowNanos)
            : null;
    this.openAlerts = openAlerts;
    this.routeRules = routeRules;
    this.autoCloseNanos = settings.autoCloseNanos;
  }

  /**
   * A per-request alert: through the occurrence window, then remembered for auto-close. It is built
   * only when the sink will queue it (not for an alias in its cooldown).
   */
  void raise(AlertType type, String alias, String route, Supplier<OpsgenieAlert> build) {
    long now = clock.nanoTime();
    if (openAlerts != null) {
      openAlerts.matched(alias, now);
    }
    // an explicit helper call is not a rule: it is never held back by the window
    if (gate != null && type != AlertType.HANDLED_EXCEPTION && !gate.admit(alias, now)) {
      gated.incrementAndGet();
      return;
    }
    if (!budget.admit(alias, now)) {
      overBudget(now);
      return;
    }
    if (openAlerts != null) {
      openAlerts.opened(alias, now, null, type.name().toLowerCase(Locale.ROOT));
    }
    offer(alias, route, build);
  }

  /**
   * Past the alias budget: the one budget alert stands for the new alias (its cooldown applies).
   */
  private void overBudget(long now) {
    overBudget.incrementAndGet();
    String alias = alerts.aliasBudgetAlias();
    if (openAlerts != null) {
      openAlerts.opened(alias, now, null, "alias budget");
    }
    offer(alias, null, () -> alerts.aliasBudget(budget.overflow()));
  }

  /**
   * A route-level alert ({@code type} one of the rules that {@code breach} fired): remembered for
   * auto-close until its route is healthy again; never held back by the occurrence window.
   */
  void raiseRoute(OpsgenieAlert alert, RouteBreach breach, AlertType type, long nowNanos) {
    if (!budget.admit(alert.getAlias(), nowNanos)) {
      overBudget(nowNanos);
      return;
    }
    if (openAlerts != null) {
      long quiet = autoCloseNanos;
      RouteStats stats = breach.stats;
      openAlerts.opened(
          alert.getAlias(),
          nowNanos,
          at -> routeRules.healthy(stats, type, at, quiet),
          type == AlertType.ERROR_RATE
              ? "error rate of " + stats.route
              : "latency percentile of " + stats.route);
    }
    offer(alert.getAlias(), breach.route(), () -> alert);
  }

  /**
   * A failing-dependency alert: remembered for auto-close until the dependency is healthy again;
   * never held back by the occurrence window (the rule has its own minimum of calls).
   */
  void raiseDependency(
      OpsgenieAlert alert, DependencyRules rules, DependencyStats stats, long nowNanos) {
    if (!budget.admit(alert.getAlias(), nowNanos)) {
      overBudget(nowNanos);
      return;
    }
    if (openAlerts != null) {
      long quiet = autoCloseNanos;
      openAlerts.opened(
          alert.getAlias(),
          nowNanos,
          at -> rules.healthy(stats, at, quiet),
          "error rate of dependency " + stats.dependency);
    }
    offer(alert.getAlias(), null, () -> alert);
  }

  private void offer(String alias, String route, Supplier<OpsgenieAlert> build) {
    raised.incrementAndGet();
    if (!sink.offer(alias, route, build)) {
      dropped.incrementAndGet();
    }
  }

  long raisedCount() {
    return raised.get();
  }

  long droppedCount() {
    return dropped.get();
  }

  /** Alerts not opened because their alias was over the budget. */
  long overBudgetCount() {
    return overBudget.get();
  }

  int gateAliases() {
    return gate == null ? 0 : gate.trackedAliases();
  }

  /** Null when every match alerts. */
  OccurrenceGate gate() {
    return gate;
  }

  int budgetAliases() {
    return budget.trackedAliases();
  }

  AliasBudget budget() {
    return budget;
  }

  long gatedCount() {
    return gated.get();
  }
}
