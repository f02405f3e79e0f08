/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.content.RouteAlertFactory;
import io.github.otelopsgenie.internal.delivery.Admission;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.window.AliasBudget;
import io.github.otelopsgenie.internal.window.DependencyStats;
import io.github.otelopsgenie.internal.window.DependencyWindows;
import io.github.otelopsgenie.internal.window.OccurrenceGate;
import io.github.otelopsgenie.internal.window.OpenAlerts;
import io.github.otelopsgenie.internal.window.RouteBreach;
import io.github.otelopsgenie.internal.window.RouteStats;
import io.github.otelopsgenie.internal.window.RouteWindows;
import io.github.otelopsgenie.internal.window.SpanClock;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * Raises an alert the processor found due: through the occurrence window, remembered for
 * auto-close, offered to the sink; counts what was raised, dropped and held back. Runs on the
 * request thread, only for a span that matched a rule.
 */
final class AlertRaiser {

  private final AlertSink sink;

  /** Null when every match alerts ({@code alert.min.occurrences} of 1). */
  private final OccurrenceGate gate;

  /** Null without auto-close. */
  private final OpenAlerts openAlerts;

  private final RouteWindows routeWindows;
  private final long autoCloseNanos;
  // striped: a storm's requests on many threads count here at once
  private final LongAdder raised = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder gated = new LongAdder();
  private final LongAdder overBudget = new LongAdder();
  private final AliasBudget budget;
  private final RouteAlertFactory alerts;

  /** Checks each time against the clock before a window, the budget or auto-close sees it. */
  private final SpanClock clock;

  AlertRaiser(
      OpsgenieSettings settings,
      AlertSink sink,
      OpenAlerts openAlerts,
      RouteWindows routeWindows,
      RouteAlertFactory alerts,
      SpanClock clock) {
    this.clock = clock;
    this.budget = new AliasBudget(settings.aliasBudget, settings.windowNanos);
    this.alerts = alerts;
    this.sink = sink;
    this.gate =
        settings.minOccurrences > 1
            ? new OccurrenceGate(settings.minOccurrences, settings.windowNanos)
            : null;
    this.openAlerts = openAlerts;
    this.routeWindows = routeWindows;
    this.autoCloseNanos = settings.autoCloseNanos;
  }

  /**
   * A per-request alert's admission: its match is remembered for auto-close, then it goes through
   * the occurrence window, the alias budget and storm control. Null when it is not to be sent (held
   * back and counted); else the admission to {@link #enqueue} its builder with. Allocates nothing
   * for an alias already open and in its cooldown: the request of a storm pays for lookups only.
   * {@code now} is the span's end time (epoch nanoseconds), the clock of every window: no clock is
   * read on the request thread, unless it lies far from the clock's last reading ({@link
   * SpanClock}).
   */
  Admission admit(AlertType type, String alias, String route, long endNanos) {
    long now = clock.now(endNanos);
    boolean open = openAlerts != null && openAlerts.matched(alias, now);
    // an explicit helper call is not a rule: it is never held back by the window
    if (gate != null && type != AlertType.HANDLED_EXCEPTION && !gate.admit(alias, now)) {
      gated.increment();
      return null;
    }
    if (!budget.admit(alias, now)) {
      overBudget(now);
      return null;
    }
    if (openAlerts != null && !open) {
      openAlerts.opened(alias, now, null, type.name().toLowerCase(Locale.ROOT));
    }
    raised.increment();
    return sink.admit(alias, route, now);
  }

  /**
   * A per-request alert whose facts were read already (jobs): {@link #admit}, then {@link
   * #enqueue}.
   */
  void raise(AlertType type, String alias, String route, long now, Supplier<OpsgenieAlert> build) {
    Admission admission = admit(type, alias, route, now);
    if (admission != null) {
      enqueue(alias, admission, build);
    }
  }

  /** Hands an admitted alert's builder to the sink (which runs it on its own thread). */
  void enqueue(String alias, Admission admission, Supplier<OpsgenieAlert> build) {
    if (!sink.enqueue(alias, admission, build)) {
      dropped.increment();
    }
  }

  /**
   * Past the alias budget: the one budget alert stands for the new alias (its cooldown applies).
   */
  private void overBudget(long now) {
    overBudget.increment();
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
  void raiseRoute(OpsgenieAlert alert, RouteBreach breach, AlertType type, long endNanos) {
    long nowNanos = clock.now(endNanos);
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
          at -> routeWindows.healthy(stats, type, at, quiet),
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
      OpsgenieAlert alert, DependencyWindows rules, DependencyStats stats, long endNanos) {
    long nowNanos = clock.now(endNanos);
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
    raised.increment();
    Admission admission = sink.admit(alias, route);
    if (admission != null) {
      enqueue(alias, admission, build);
    }
  }

  long raisedCount() {
    return raised.sum();
  }

  long droppedCount() {
    return dropped.sum();
  }

  /** Alerts not opened because their alias was over the budget. */
  long overBudgetCount() {
    return overBudget.sum();
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
    return gated.sum();
  }
}
