/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.AlertBuilder;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.rules.RouteKey;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.List;

/**
 * The exception alert, of a recorded exception (or of {@code error.type} when the span has no
 * exception event) on a server span, or of the helper's mark on any span: its alias from the
 * exception's type and the helper's function, formed once on the request thread; built on the
 * sender's thread.
 */
final class ExceptionAlerts {

  private final AlertAliases aliases;
  private final RouteMatcher routes;
  private final AlertAdmission admission;

  /** Whether a route decision is needed for the alert's policy (some policy is declared). */
  private final boolean policies;

  private final AlertBuilder builder;

  ExceptionAlerts(
      AlertFactory alerts,
      RouteMatcher routes,
      boolean policies,
      AlertAdmission admission,
      List<SpanFacts.HeaderKey> headerKeys) {
    this.aliases = alerts.aliases();
    this.routes = routes;
    this.policies = policies;
    this.admission = admission;
    this.builder =
        c ->
            alerts.exception(
                c.detail instanceof EventData
                    ? SpanFacts.of(c.data, headerKeys, (EventData) c.detail)
                    : SpanFacts.ofErrorType(c.data, headerKeys, (String) c.detail),
                c.alias,
                c.policy());
  }

  /**
   * Raises the exception alert of {@code exception}, or of {@code errorType} when it is null;
   * {@code route} is the route's decision when it was looked up already, else null.
   */
  void onException(
      ReadableSpan span,
      Resource resource,
      Attributes attributes,
      String name,
      EventData exception,
      String errorType,
      RouteMatcher.Decision route,
      long endNanos) {
    String type = exception != null ? ExceptionRule.typeOf(exception) : errorType;
    boolean handled =
        exception != null
            && Boolean.TRUE.equals(exception.getAttributes().get(ExceptionRule.HANDLED));
    String function = handled ? exception.getAttributes().get(SpanFacts.FUNCTION) : null;
    String alias = aliases.exception(resource, type, function, attributes, name);
    String routeName = SpanFacts.route(attributes, name);
    // the route's remembered decision tells the policy: looked up here at most once per span
    if (route == null && policies && routeName != null) {
      route = routes.decide(routeName);
    }
    admission.raise(
        handled ? AlertType.HANDLED_EXCEPTION : AlertType.EXCEPTION,
        alias,
        route,
        RouteKey.of(routeName),
        span,
        endNanos,
        exception != null ? exception : errorType,
        builder);
  }
}
