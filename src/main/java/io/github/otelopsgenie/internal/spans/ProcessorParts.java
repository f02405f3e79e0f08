/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.AliasBudget;
import io.github.otelopsgenie.internal.admission.AutoCloser;
import io.github.otelopsgenie.internal.admission.OpenAlerts;
import io.github.otelopsgenie.internal.admission.StormGate;
import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.content.RouteAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.rules.ConsumerRule;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.rules.JobRule;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.window.DependencyWindows;
import io.github.otelopsgenie.internal.window.RouteWindows;
import io.github.otelopsgenie.internal.window.SpanClock;
import io.opentelemetry.sdk.common.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The processor's parts, wired once from the checked settings: the alerts of each kind of span (a
 * kind whose rules are off gets the shared marked-span check, never null), the admission they raise
 * through, the auto-close thread and what the processor remembers.
 */
public final class ProcessorParts {

  final OpsgenieSettings settings;
  final RouteMatcher routes;

  /** Null without the error-rate and percentile rules. */
  final RouteWindows routeWindows;

  final SpanClock spanClock;
  final AlertFactory alerts;
  final ExceptionRule exceptionRule;
  final AlertAdmission admission;

  private final ServerSpans server;
  private final SpanAlerts internal;
  private final SpanAlerts client;
  private final SpanAlerts consumer;
  private final MarkedSpans marked;

  /** Null without auto-close. */
  private final AutoCloser autoCloser;

  private final ProcessorState state;

  /** With the clock the windows use; a test ticks the auto-close by hand instead of its thread. */
  public ProcessorParts(OpsgenieSettings settings, AlertSink sink, Clock clock) {
    this(settings, sink, clock, new RouteMatcher(settings), new AlertFactory(settings));
  }

  /** With {@code routes} and {@code alerts}: a test counts route look-ups and aliases formed. */
  ProcessorParts(
      OpsgenieSettings settings,
      AlertSink sink,
      Clock clock,
      RouteMatcher routes,
      AlertFactory alerts) {
    this.settings = settings;
    this.routes = routes;
    this.routeWindows = RouteWindows.enabled(settings) ? new RouteWindows(settings) : null;
    this.spanClock = new SpanClock(clock);
    this.alerts = alerts;
    this.exceptionRule = new ExceptionRule(settings);
    OpenAlerts openAlerts =
        settings.autoCloseNanos > 0 ? new OpenAlerts(settings.autoCloseNanos) : null;
    RouteAlertFactory routeAlerts = new RouteAlertFactory(alerts, settings);
    // the sink's cooldown (alert.cooldown, a setting of the sender); its thread runs the roll-ups
    StormGate storm = StormGate.before(sink);
    this.admission =
        new AlertAdmission(
            settings,
            storm,
            openAlerts,
            spanClock,
            routeAlerts.aliasBudgetAlias(),
            c -> {
              AliasBudget.Overflow over = ((AliasBudget) c.detail).overflow();
              return routeAlerts.aliasBudget(
                  over.budget,
                  over.windowNanos,
                  over.distinct,
                  over.occurrences,
                  over.mostFrequent);
            });
    this.autoCloser =
        openAlerts != null
            ? new AutoCloser(openAlerts, sink, storm, clock, settings.autoCloseNanos)
            : null;
    List<SpanFacts.HeaderKey> headerKeys = headerKeys(settings);
    ExceptionAlerts exceptions =
        new ExceptionAlerts(alerts, routes, !settings.policies.isEmpty(), admission, headerKeys);
    this.marked = new MarkedSpans(exceptionRule, exceptions);
    this.server =
        new ServerSpans(
            this,
            exceptions,
            new ServerAlertBuilders(
                alerts, routeAlerts, routeWindows, settings.autoCloseNanos, headerKeys));
    JobRule jobRule = JobRule.of(settings, exceptionRule);
    this.internal = jobRule != null ? new JobSpans(jobRule, this, marked) : marked;
    ConsumerRule consumerRule = ConsumerRule.of(settings, exceptionRule);
    this.consumer = consumerRule != null ? new ConsumerSpans(consumerRule, this, marked) : marked;
    DependencyWindows dependencies = DependencyWindows.of(settings);
    this.client = dependencies != null ? new ClientSpans(dependencies, this, marked) : marked;
    this.state =
        new ProcessorState(sink, routes, routeWindows, admission, openAlerts, dependencies);
    sink.alsoExport(new ProcessorMetrics(routes, routeWindows, admission, openAlerts));
  }

  private static List<SpanFacts.HeaderKey> headerKeys(OpsgenieSettings settings) {
    List<SpanFacts.HeaderKey> keys = new ArrayList<>();
    for (String name : settings.forwardedHeaderKeys) {
      keys.add(new SpanFacts.HeaderKey(name));
    }
    return Collections.unmodifiableList(keys);
  }

  public ServerSpans server() {
    return server;
  }

  /** INTERNAL spans: job runs, or only the marked-span check. */
  public SpanAlerts internal() {
    return internal;
  }

  public SpanAlerts client() {
    return client;
  }

  public SpanAlerts consumer() {
    return consumer;
  }

  /** Spans of any other kind: only the marked-span check. */
  public SpanAlerts other() {
    return marked;
  }

  /** Null without auto-close. */
  public AutoCloser autoCloser() {
    return autoCloser;
  }

  public ProcessorState state() {
    return state;
  }
}
