/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.window.RouteBreach;
import io.github.otelopsgenie.internal.window.RouteStats;
import io.github.otelopsgenie.internal.window.RouteWindows;
import io.github.otelopsgenie.internal.window.SpanClock;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;

/**
 * A server span's part in its route's window, with the route error-rate and latency percentile
 * rules on: the span is recorded (one look-up finds the window and the route's decision) and the
 * route-level alerts it breaches are raised, once per breach.
 */
final class RouteWindowSpans {

  private final RouteMatcher routes;
  private final RouteWindows routeWindows;

  /** The windows' clock: a span's end time, unless far from the clock. */
  private final SpanClock spanClock;

  private final AlertAdmission admission;
  private final AlertAliases aliases;
  private final ServerAlertBuilders builders;

  RouteWindowSpans(ProcessorParts parts, ServerAlertBuilders builders) {
    this.routes = parts.routes;
    this.routeWindows = parts.routeWindows;
    this.spanClock = parts.spanClock;
    this.admission = parts.admission;
    this.aliases = parts.alerts.aliases();
    this.builders = builders;
  }

  /**
   * Records the span in its route's window and raises the error-rate and percentile alerts it
   * breaches, besides the request's own. Returns the route's decision, which they need and the
   * request's rules reuse.
   */
  RouteMatcher.Decision onEnd(
      ReadableSpan span,
      Attributes attributes,
      String name,
      long startNanos,
      long endNanos,
      Long status) {
    // never given the span data: this method is not inlined, and its wrapper would escape
    // the window's key is http.route only: every route-less span shares one window, and its
    // decision is the path's; a routed span finds its decision in its window (one look-up)
    String httpRoute = attributes.get(HttpAttributes.HTTP_ROUTE);
    RouteStats window;
    RouteMatcher.Decision route;
    if (httpRoute != null) {
      window = routeWindows.window(httpRoute, routes);
      route = window.decision != null ? window.decision : routes.decide(httpRoute);
    } else {
      window = routeWindows.unrouted();
      route = routes.decide(SpanFacts.route(attributes, name));
    }
    // error.type is read only when the status does not tell
    boolean error =
        (status != null && status >= 500) || attributes.get(ErrorAttributes.ERROR_TYPE) != null;
    // the span's end time is the windows' clock (epoch nanoseconds, as the auto-close thread's
    // clock.now()): no clock read per span, unless it lies far from the last reading
    long now = spanClock.now(endNanos);
    RouteBreach breach = routeWindows.record(window, error, endNanos - startNanos, route, now);
    if (breach != null) {
      onRouteBreach(span, breach, route, endNanos);
    }
    return route;
  }

  /** A route's error-rate and percentile alerts: once per breach. */
  private void onRouteBreach(
      ReadableSpan span, RouteBreach breach, RouteMatcher.Decision route, long endNanos) {
    Resource resource = span.toSpanData().getResource();
    if (breach.errorRateFired) {
      admission.raise(
          AlertType.ERROR_RATE,
          aliases.errorRate(resource, breach.route()),
          route,
          breach.route(),
          span,
          endNanos,
          breach,
          builders.errorRate);
    }
    if (breach.percentileFired) {
      admission.raise(
          AlertType.LATENCY_PERCENTILE,
          aliases.latencyPercentile(resource, breach.route(), breach.percentile),
          route,
          breach.route(),
          span,
          endNanos,
          breach,
          builders.latencyPercentile);
    }
  }
}
