/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.alert.AlertType;
import io.github.otelopsgenie.request.AlertFactory;
import io.github.otelopsgenie.request.RequestFacts;
import io.github.otelopsgenie.request.RouteAlertFactory;
import io.github.otelopsgenie.request.RpcAlertFactory;
import io.github.otelopsgenie.rules.ExceptionRule;
import io.github.otelopsgenie.rules.LatencyRule;
import io.github.otelopsgenie.rules.RouteKey;
import io.github.otelopsgenie.rules.RouteMatcher;
import io.github.otelopsgenie.settings.OpsgenieSettings;
import io.github.otelopsgenie.settings.Policy;
import io.github.otelopsgenie.window.RouteBreach;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the processor does once a SERVER span (or a helper-marked span) may raise an alert: reads
 * the request's facts and raises the exception, gRPC status, HTTP status or latency alert, or a
 * route's error-rate and percentile alerts, with the route's policy. Runs on the request thread,
 * but only after {@link AlertingSpanProcessor#onEnd}'s cheap checks found a rule that may fire.
 */
final class RequestAlerts {

  private final OpsgenieSettings settings;
  private final RouteMatcher routes;
  private final ExceptionRule exceptionRule;
  private final AlertFactory alerts;
  private final RouteAlertFactory routeAlerts;
  private final RpcAlertFactory rpcAlerts;
  private final AlertRaiser raiser;
  private final List<RequestFacts.HeaderKey> headerKeys;

  /** A request no slower than this breaches no route's latency threshold. */
  private final long perRequestLatencyFloorNanos;

  RequestAlerts(
      OpsgenieSettings settings,
      RouteMatcher routes,
      ExceptionRule exceptionRule,
      AlertFactory alerts,
      RouteAlertFactory routeAlerts,
      AlertRaiser raiser,
      long perRequestLatencyFloorNanos) {
    this.settings = settings;
    this.routes = routes;
    this.exceptionRule = exceptionRule;
    this.alerts = alerts;
    this.routeAlerts = routeAlerts;
    this.rpcAlerts = new RpcAlertFactory(alerts);
    this.raiser = raiser;
    this.perRequestLatencyFloorNanos = perRequestLatencyFloorNanos;
    List<RequestFacts.HeaderKey> keys = new ArrayList<>();
    for (String name : settings.forwardedHeaderKeys) {
      keys.add(new RequestFacts.HeaderKey(name));
    }
    this.headerKeys = Collections.unmodifiableList(keys);
  }

  /** True when an exception alert was raised: exceptions come before status and latency. */
  boolean onExceptions(
      ReadableSpan span, List<EventData> events, Attributes attributes, Long status) {
    if (!events.isEmpty()) {
      EventData exception = exceptionRule.find(events, true);
      if (exception != null) {
        raiseException(RequestFacts.of(span, headerKeys, exception));
        return true;
      }
      if (ExceptionRule.hasExceptionEvent(events)) {
        return false;
      }
    }
    // Without an exception event, error.type names the exception's class when the agent records
    // exceptions as logs; with a status of 500 or more it holds that status instead, so it is
    // only read when the response has no status or one below 500.
    if (status != null && status >= 500) {
      return false;
    }
    String errorType = attributes.get(ErrorAttributes.ERROR_TYPE);
    if (exceptionRule.alertsOnErrorType(errorType)) {
      raiseException(RequestFacts.ofErrorType(span, headerKeys, errorType));
      return true;
    }
    return false;
  }

  /**
   * The status rule ({@code alertStatus} non-null: the status matched) and the latency rule, which
   * need the route's decision; {@code route} is null when it was not looked up yet.
   */
  void onStatusOrLatency(
      ReadableSpan span,
      SpanData data,
      RouteMatcher.Decision route,
      Long alertStatus,
      Long alertRpcStatus,
      long latencyNanos) {
    if (route == null) {
      route = routes.decide(RequestFacts.route(data.getAttributes(), data.getName()));
    }
    Policy policy = route.policy;
    if (alertRpcStatus != null && route.statusMonitored) {
      RequestFacts facts = RequestFacts.of(span, headerKeys, null);
      raiser.raise(
          AlertType.RPC_STATUS,
          rpcAlerts.alias(facts, policy),
          RouteKey.of(facts.route),
          () -> rpcAlerts.status(facts, policy));
      return;
    }
    if (alertStatus != null && route.statusMonitored && route.statusRule.matches(alertStatus)) {
      RequestFacts facts = RequestFacts.of(span, headerKeys, null);
      boolean byCode = route.statusRule.matchesCode(alertStatus);
      raiser.raise(
          AlertType.STATUS,
          alerts.statusAlias(facts, policy),
          RouteKey.of(facts.route),
          () -> alerts.status(facts, byCode, policy));
      return;
    }
    if (latencyNanos > perRequestLatencyFloorNanos && LatencyRule.breached(route, latencyNanos)) {
      RequestFacts facts = RequestFacts.of(span, headerKeys, null);
      long threshold = route.latencyThresholdNanos;
      raiser.raise(
          AlertType.LATENCY,
          alerts.latencyAlias(facts, policy),
          RouteKey.of(facts.route),
          () -> alerts.latency(facts, threshold, policy));
    }
  }

  void onRouteBreach(ReadableSpan span, RouteBreach breach, Policy policy, long now) {
    RequestFacts facts = RequestFacts.of(span, headerKeys, null);
    if (breach.errorRateFired) {
      raiser.raiseRoute(
          routeAlerts.errorRate(facts, breach, policy), breach, AlertType.ERROR_RATE, now);
    }
    if (breach.percentileFired) {
      raiser.raiseRoute(
          routeAlerts.latencyPercentile(facts, breach, policy),
          breach,
          AlertType.LATENCY_PERCENTILE,
          now);
    }
  }

  void onMarkedSpan(ReadableSpan span) {
    EventData exception = exceptionRule.find(span.toSpanData().getEvents(), false);
    if (exception != null) {
      raiseException(RequestFacts.of(span, headerKeys, exception));
    }
  }

  void raiseException(RequestFacts facts) {
    AlertType type = facts.handled ? AlertType.HANDLED_EXCEPTION : AlertType.EXCEPTION;
    // an exception alert is due: the route's remembered decision tells its policy
    Policy policy =
        settings.policies.isEmpty() || facts.route == null
            ? null
            : routes.decide(facts.route).policy;
    raiser.raise(
        type,
        alerts.exceptionAlias(facts),
        RouteKey.of(facts.route),
        () -> alerts.exception(facts, policy));
  }
}
