/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.window.SpanClock;
import io.opentelemetry.sdk.trace.ReadableSpan;
import java.util.Locale;
import java.util.concurrent.atomic.LongAdder;

/**
 * The one way an alert a rule decided on goes to the sender: {@link #raise} runs the occurrence
 * gate, the alias budget and storm control ({@link StormGate}), remembers the alert for auto-close,
 * and queues it, to be built on the sender's thread. Runs on the request thread, only for a span a
 * rule matched; a request held back allocates nothing here. Counts what was raised, gated, over the
 * budget and dropped.
 */
public final class AlertAdmission {

  /** Storm control before the sink: it hands the sink what it lets through. */
  private final StormGate storm;

  /** Null when every match alerts ({@code alert.min.occurrences} of 1). */
  private final OccurrenceGate gate;

  private final AliasBudget budget;

  /** Null without auto-close. */
  private final OpenAlerts openAlerts;

  /** The one alert over the alias budget: its alias and its builder. */
  private final String budgetAlias;

  private final AlertBuilder budgetAlert;

  /** Checks each time against the clock before a window, the budget or auto-close sees it. */
  private final SpanClock clock;

  // striped: a storm's requests on many threads count here at once
  private final LongAdder raised = new LongAdder();
  private final LongAdder dropped = new LongAdder();
  private final LongAdder gated = new LongAdder();
  private final LongAdder overBudget = new LongAdder();

  public AlertAdmission(
      OpsgenieSettings settings,
      StormGate storm,
      OpenAlerts openAlerts,
      SpanClock clock,
      String budgetAlias,
      AlertBuilder budgetAlert) {
    this.storm = storm;
    this.gate =
        settings.minOccurrences > 1
            ? new OccurrenceGate(settings.minOccurrences, settings.windowNanos)
            : null;
    this.budget = new AliasBudget(settings.aliasBudget, settings.windowNanos);
    this.openAlerts = openAlerts;
    this.clock = clock;
    this.budgetAlias = budgetAlias;
    this.budgetAlert = budgetAlert;
  }

  /**
   * Raises the alert a rule decided on: {@code type}, {@code alias} (formed once, on this thread),
   * the {@code route}'s decision (null outside routes), {@code stormRoute} (the route storm control
   * names in its roll-up; may be null), the ended {@code span} and its {@code endNanos}, {@code
   * detail} (what the rule found beside the span) and the {@code builder} that makes the alert on
   * the sender's thread. An alert of a window (route or dependency) is not held back by the
   * occurrence gate and is remembered until its window is healthy again; an explicit helper call is
   * never held back by the gate. The candidate is made only once admitted.
   */
  public void raise(
      AlertType type,
      String alias,
      RouteMatcher.Decision route,
      String stormRoute,
      ReadableSpan span,
      long endNanos,
      Object detail,
      AlertBuilder builder) {
    long now = clock.now(endNanos);
    boolean windowed = isWindowed(type);
    boolean open = !windowed && openAlerts != null && openAlerts.matched(alias, now);
    if (!windowed
        && gate != null
        && type != AlertType.HANDLED_EXCEPTION
        && !gate.admit(alias, now)) {
      gated.increment();
      return;
    }
    if (!budget.admit(alias, now)) {
      overBudget(now);
      return;
    }
    if (openAlerts != null && !open) {
      opened(type, alias, now, windowed ? builder.recovery(detail) : null);
    }
    raised.increment();
    StormReport report = storm.admit(alias, stormRoute, now);
    if (report != null) {
      enqueue(alias, report, new Candidate(alias, route, span.toSpanData(), detail, builder));
    }
  }

  private static boolean isWindowed(AlertType type) {
    return type == AlertType.ERROR_RATE
        || type == AlertType.LATENCY_PERCENTILE
        || type == AlertType.DEPENDENCY;
  }

  private void opened(AlertType type, String alias, long now, AlertBuilder.Recovery recovery) {
    openAlerts.opened(
        alias,
        now,
        recovery,
        recovery != null ? recovery.reason() : type.name().toLowerCase(Locale.ROOT));
  }

  /**
   * Past the alias budget: the one budget alert stands for the new alias (its cooldown applies).
   */
  private void overBudget(long now) {
    overBudget.increment();
    if (openAlerts != null) {
      openAlerts.opened(budgetAlias, now, null, "alias budget");
    }
    raised.increment();
    StormReport report = storm.admit(budgetAlias, null, now);
    if (report != null) {
      enqueue(budgetAlias, report, new Candidate(budgetAlias, null, null, budget, budgetAlert));
    }
  }

  /** To the sink; dropped (queue full, shut down): counted, and storm control takes it back. */
  private void enqueue(String alias, StormReport report, Candidate candidate) {
    if (!storm.enqueue(alias, report, candidate)) {
      dropped.increment();
    }
  }

  public long raisedCount() {
    return raised.sum();
  }

  public long droppedCount() {
    return dropped.sum();
  }

  /** Alerts not opened because their alias was over the budget. */
  public long overBudgetCount() {
    return overBudget.sum();
  }

  public long gatedCount() {
    return gated.sum();
  }

  /** Null when every match alerts. */
  public OccurrenceGate gate() {
    return gate;
  }

  public AliasBudget budget() {
    return budget;
  }

  public StormGate storm() {
    return storm;
  }
}
