/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.content.RouteAlertFactory;
import io.github.otelopsgenie.internal.content.RpcAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.delivery.Admission;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.rules.LatencyRule;
import io.github.otelopsgenie.internal.rules.RouteKey;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.github.otelopsgenie.internal.window.RouteBreach;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * What the processor does once a SERVER span (or a helper-marked span) may raise an alert: decides
 * the rule, forms the alias from what the rule knows, and asks for admission (occurrence window,
 * alias budget, storm control) before anything else of the request is read; an admitted alert is
 * handed over as the ended span's data and the rule's verdict, and built on the sender's thread.
 * Runs on the request thread, only after {@link AlertingSpanProcessor#onEnd}'s cheap checks found a
 * rule that may fire.
 */
final class RequestAlerts {

  private final OpsgenieSettings settings;
  private final RouteMatcher routes;
  private final ExceptionRule exceptionRule;
  private final AlertFactory alerts;
  private final AlertAliases aliases;
  private final RouteAlertFactory routeAlerts;
  private final RpcAlertFactory rpcAlerts;
  private final AlertRaiser raiser;
  private final List<SpanFacts.HeaderKey> headerKeys;

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
    this.aliases = alerts.aliases();
    this.routeAlerts = routeAlerts;
    this.rpcAlerts = new RpcAlertFactory(alerts);
    this.raiser = raiser;
    this.perRequestLatencyFloorNanos = perRequestLatencyFloorNanos;
    List<SpanFacts.HeaderKey> keys = new ArrayList<>();
    for (String name : settings.forwardedHeaderKeys) {
      keys.add(new SpanFacts.HeaderKey(name));
    }
    this.headerKeys = Collections.unmodifiableList(keys);
  }

  /**
   * A span without an exception event (or with only ignored ones) whose {@code error.type} names an
   * exception: true when that raised an exception alert.
   */
  boolean onErrorType(
      ReadableSpan span,
      Resource resource,
      Attributes attributes,
      String name,
      Long status,
      long now) {
    // Without an exception event, error.type names the exception's class when the agent records
    // exceptions as logs; with a status of 500 or more it holds that status instead, so it is
    // only read when the response has no status or one below 500.
    if (status != null && status >= 500) {
      return false;
    }
    String errorType = attributes.get(ErrorAttributes.ERROR_TYPE);
    if (exceptionRule.alertsOnErrorType(errorType)) {
      raiseException(span, resource, attributes, name, null, errorType, now);
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
      Resource resource,
      Attributes attributes,
      String name,
      RouteMatcher.Decision route,
      Long alertStatus,
      Long alertRpcStatus,
      long latencyNanos,
      long now) {
    String routeName = SpanFacts.route(attributes, name);
    if (route == null) {
      route = routes.decide(routeName);
    }
    Policy policy = route.policy;
    if (alertRpcStatus != null && route.statusMonitored) {
      String alias = aliases.status(resource, policy, attributes, name);
      Admission admission = admit(AlertType.RPC_STATUS, alias, routeName, now);
      if (admission != null) {
        SpanData data = span.toSpanData();
        raiser.enqueue(alias, admission, () -> rpcAlerts.status(facts(data), policy));
      }
      return;
    }
    if (alertStatus != null && route.statusMonitored && route.statusRule.matches(alertStatus)) {
      boolean byCode = route.statusRule.matchesCode(alertStatus);
      String alias = aliases.status(resource, policy, attributes, name);
      Admission admission = admit(AlertType.STATUS, alias, routeName, now);
      if (admission != null) {
        SpanData data = span.toSpanData();
        raiser.enqueue(alias, admission, () -> alerts.status(facts(data), byCode, policy));
      }
      return;
    }
    if (latencyNanos > perRequestLatencyFloorNanos && LatencyRule.breached(route, latencyNanos)) {
      long threshold = route.latencyThresholdNanos;
      String alias = aliases.latency(resource, policy, attributes, name);
      Admission admission = admit(AlertType.LATENCY, alias, routeName, now);
      if (admission != null) {
        SpanData data = span.toSpanData();
        raiser.enqueue(alias, admission, () -> alerts.latency(facts(data), threshold, policy));
      }
    }
  }

  /** A route's error-rate and percentile alerts: once per breach, built here. */
  void onRouteBreach(ReadableSpan span, RouteBreach breach, Policy policy, long now) {
    SpanFacts facts = facts(span.toSpanData());
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
    SpanData data = span.toSpanData();
    EventData exception = exceptionRule.find(data.getEvents(), false);
    if (exception != null) {
      raiseException(
          span,
          data.getResource(),
          data.getAttributes(),
          data.getName(),
          exception,
          null,
          data.getEndEpochNanos());
    }
  }

  /**
   * The exception alert of {@code exception} (or of {@code errorType} when the span has no
   * exception event): its alias from the exception's type and the helper's function.
   */
  void raiseException(
      ReadableSpan span,
      Resource resource,
      Attributes attributes,
      String name,
      EventData exception,
      String errorType,
      long now) {
    String type = exception != null ? ExceptionRule.typeOf(exception) : errorType;
    boolean handled =
        exception != null
            && Boolean.TRUE.equals(exception.getAttributes().get(ExceptionRule.HANDLED));
    String function = handled ? exception.getAttributes().get(SpanFacts.FUNCTION) : null;
    String alias = aliases.exception(resource, type, function, attributes, name);
    Admission admission =
        admit(
            handled ? AlertType.HANDLED_EXCEPTION : AlertType.EXCEPTION,
            alias,
            SpanFacts.route(attributes, name),
            now);
    if (admission == null) {
      return;
    }
    SpanData data = span.toSpanData();
    raiser.enqueue(
        alias,
        admission,
        () -> {
          SpanFacts facts =
              exception != null
                  ? SpanFacts.of(data, headerKeys, exception)
                  : SpanFacts.ofErrorType(data, headerKeys, errorType);
          // the route's remembered decision tells its policy
          Policy policy =
              settings.policies.isEmpty() || facts.route == null
                  ? null
                  : routes.decide(facts.route).policy;
          return alerts.exception(facts, policy);
        });
  }

  /**
   * The alert's admission (null: held back, counted), asked before its builder exists: only an
   * admitted alert hands one over, which reads the request's facts on the sender's thread. A
   * held-back request allocates nothing here.
   */
  private Admission admit(AlertType type, String alias, String routeName, long now) {
    return raiser.admit(type, alias, RouteKey.of(routeName), now);
  }

  private SpanFacts facts(SpanData data) {
    return SpanFacts.of(data, headerKeys, null);
  }
}
