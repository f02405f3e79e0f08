/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.OpenAlerts;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.util.BoundedLruMap;
import io.github.otelopsgenie.internal.window.DependencyWindows;
import io.github.otelopsgenie.internal.window.RouteWindows;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What a processor remembers and counts, against each bound: the shutdown's one INFO line ({@link
 * #summary}), and the counts tests and benchmarks read. The same numbers are the {@code
 * otel.opsgenie.state.*} metrics ({@link ProcessorMetrics}). Read only, never on the request path
 * but for {@link #failures}.
 */
public final class ProcessorState {

  /** Spans {@code onEnd} failed on (caught, never thrown to the application). */
  public final AtomicLong failures = new AtomicLong();

  private final AlertSink sink;
  private final RouteMatcher routes;

  /** Null without the error-rate and percentile rules. */
  private final RouteWindows routeWindows;

  private final AlertAdmission raiser;

  /** Null without auto-close. */
  private final OpenAlerts openAlerts;

  /** Null without the failing-dependency rule. */
  private final DependencyWindows dependencies;

  ProcessorState(
      AlertSink sink,
      RouteMatcher routes,
      RouteWindows routeWindows,
      AlertAdmission raiser,
      OpenAlerts openAlerts,
      DependencyWindows dependencies) {
    this.sink = sink;
    this.routes = routes;
    this.routeWindows = routeWindows;
    this.raiser = raiser;
    this.openAlerts = openAlerts;
    this.dependencies = dependencies;
  }

  /** What the processor (and its sink) remembers, against each bound: one line at shutdown. */
  public String summary() {
    String sinkState = join(raiser.storm().summary(), sink.stateSummary());
    return "otel-opsgenie processor stopped: raised="
        + raiser.raisedCount()
        + ", over alias budget="
        + raiser.overBudgetCount()
        + "; remembered routes="
        + routes.rememberedRoutes()
        + " (at most "
        + RouteMatcher.MAX_ROUTES
        + ")"
        + ", route windows="
        + trackedRouteStats()
        + " (at most "
        + RouteMatcher.MAX_ROUTES
        + ")"
        + ", occurrence-gate aliases="
        + (raiser.gate() == null ? 0 : raiser.gate().trackedAliases())
        + " (at most "
        + BoundedLruMap.DEFAULT_MAX_ENTRIES
        + ", forgot "
        + (raiser.gate() == null ? 0 : raiser.gate().evicted())
        + ")"
        + ", open alerts="
        + openAlertCount()
        + " (at most "
        + BoundedLruMap.DEFAULT_MAX_ENTRIES
        + ", forgot "
        + (openAlerts == null ? 0 : openAlerts.evicted())
        + ")"
        + ", alias-budget aliases="
        + raiser.budget().trackedAliases()
        + " (at most "
        + raiser.budget().maxTrackedAliases()
        + ")"
        + (dependencies == null
            ? ""
            : ", dependencies="
                + dependencies.trackedDependencies()
                + " (at most "
                + DependencyWindows.MAX_DEPENDENCIES
                + ", calls to untracked ones "
                + dependencies.untrackedCalls()
                + ")")
        + (sinkState.isEmpty() ? "" : ", " + sinkState);
  }

  /** {@code a}, {@code b} or both, joined by a comma; either may be empty. */
  private static String join(String a, String b) {
    return a.isEmpty() ? b : b.isEmpty() ? a : a + ", " + b;
  }

  public long gatedCount() {
    return raiser.gatedCount();
  }

  /** The aliases remembered for auto-close. */
  public int openAlertCount() {
    return openAlerts == null ? 0 : openAlerts.size();
  }

  public long overBudgetCount() {
    return raiser.overBudgetCount();
  }

  public int budgetAliases() {
    return raiser.budget().trackedAliases();
  }

  public int trackedDependencies() {
    return dependencies == null ? 0 : dependencies.trackedDependencies();
  }

  public int trackedRouteStats() {
    return routeWindows == null ? 0 : routeWindows.trackedRoutes();
  }

  public long raisedCount() {
    return raiser.raisedCount();
  }

  public long droppedCount() {
    return raiser.droppedCount();
  }

  public long failureCount() {
    return failures.get();
  }

  public int rememberedRoutes() {
    return routes.rememberedRoutes();
  }
}
