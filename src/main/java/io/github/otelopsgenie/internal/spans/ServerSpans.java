/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.AlertBuilder;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.rules.LatencyRule;
import io.github.otelopsgenie.internal.rules.RouteKey;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.rules.RpcStatusRule;
import io.github.otelopsgenie.internal.rules.StatusRule;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import java.util.List;

/**
 * HTTP (and gRPC) server spans, by the flask-opsgenie rules: an exception first, then a status code
 * or class, then latency, at most one alert per span; and, with route windows on, the route's error
 * rate and latency percentile besides. Reads a few attributes and, only when the status or the
 * latency may call for it, the route's remembered decision (once per span), and returns, allocating
 * nothing, unless an alert is due: then it forms the alias and raises the alert, which is built on
 * the sender's thread.
 */
public final class ServerSpans implements SpanAlerts {

  private final RouteMatcher routes;
  private final StatusRule statusRule;
  private final RpcStatusRule rpcRule;
  private final ExceptionRule exceptionRule;
  private final AlertAliases aliases;
  private final AlertAdmission admission;
  private final ExceptionAlerts exceptions;
  private final ServerAlertBuilders builders;

  /** Null without the error-rate and percentile rules. */
  private final RouteWindowSpans routeWindows;

  /**
   * A request no slower than this breaches no route's latency threshold; Long.MAX_VALUE when no
   * request is checked on its own (no threshold, or a percentile rule instead).
   */
  private final long perRequestLatencyFloorNanos;

  ServerSpans(ProcessorParts parts, ExceptionAlerts exceptions, ServerAlertBuilders builders) {
    this.routes = parts.routes;
    this.routeWindows = parts.routeWindows != null ? new RouteWindowSpans(parts, builders) : null;
    this.admission = parts.admission;
    this.aliases = parts.alerts.aliases();
    this.exceptions = exceptions;
    this.builders = builders;
    // with a percentile rule, single slow requests do not alert: the route's percentile does
    this.perRequestLatencyFloorNanos =
        parts.routeWindows != null && parts.routeWindows.percentileMode()
            ? Long.MAX_VALUE
            : routes.minLatencyThresholdNanos();
    // the global rule and every policy's: a status none lists needs no route look-up
    this.statusRule = StatusRule.anyOf(parts.settings);
    this.exceptionRule = parts.exceptionRule;
    this.rpcRule = new RpcStatusRule(parts.settings);
  }

  @Override
  public void onEnd(ReadableSpan span) {
    // One lock for all of the span's facts: every ReadableSpan getter takes the span's lock, while
    // an ended span's toSpanData() wraps its attributes and events without copying them. The
    // wrappers must not outlive this method, so that escape analysis removes them (0 B/op,
    // measured): neither the span data nor its events list is ever handed to another method (one
    // that is not inlined would make them escape), only pieces the span already holds. The method
    // stays under C2's FreqInlineSize (325 bytes of bytecode) so that it is inlined into the
    // processor's onEnd ("inline (hot)" with -XX:+PrintInlining); whatever runs only when an alert
    // may be due lives in the methods it calls.
    SpanData data = span.toSpanData();
    Attributes attributes = data.getAttributes();
    Long status = SpanFacts.status(attributes);
    RouteMatcher.Decision route =
        routeWindows != null
            ? routeWindows.onEnd(
                span,
                attributes,
                data.getName(),
                data.getStartEpochNanos(),
                data.getEndEpochNanos(),
                status)
            : null;
    if (exceptionRule.alertsOnRecordedExceptions()
        || Boolean.TRUE.equals(attributes.get(ExceptionRule.MARKED))) {
      List<EventData> events = data.getEvents();
      EventData exception = null;
      boolean anyException = false;
      for (int i = 0; i < events.size(); i++) {
        EventData event = events.get(i);
        anyException |= ExceptionRule.isException(event);
        exception = exceptionRule.pick(exception, event, true);
      }
      if (exception != null) {
        exceptions.onException(
            span,
            data.getResource(),
            attributes,
            data.getName(),
            exception,
            null,
            route,
            data.getEndEpochNanos());
        return;
      }
      if (!anyException
          && onErrorType(
              span,
              data.getResource(),
              attributes,
              data.getName(),
              status,
              route,
              data.getEndEpochNanos())) {
        return;
      }
    }
    onStatusAndLatency(
        span,
        data.getResource(),
        attributes,
        data.getName(),
        status,
        route,
        data.getStartEpochNanos(),
        data.getEndEpochNanos());
  }

  /** The status (or gRPC status) and latency rules, when the span may breach one of them. */
  private void onStatusAndLatency(
      ReadableSpan span,
      Resource resource,
      Attributes attributes,
      String name,
      Long status,
      RouteMatcher.Decision route,
      long startNanos,
      long endNanos) {
    boolean statusMatches = status != null && statusRule.matches(status);
    // a gRPC server span has no HTTP status; its own status is read only when a gRPC code alerts
    Long rpcStatus = status == null && rpcRule.enabled() ? rpcStatusToAlert(attributes) : null;
    long latencyNanos = endNanos - startNanos;
    // below the smallest threshold of any route, a request is slow on none: no route to look up
    boolean mayBeSlow = latencyNanos > perRequestLatencyFloorNanos;
    if (statusMatches || rpcStatus != null || mayBeSlow) {
      onStatusOrLatency(
          span,
          resource,
          attributes,
          name,
          route,
          statusMatches ? status : null,
          rpcStatus,
          latencyNanos,
          endNanos);
    }
  }

  /** The span's gRPC status when it is one that alerts, else null. */
  private Long rpcStatusToAlert(Attributes attributes) {
    Long code = attributes.get(SpanFacts.RPC_GRPC_STATUS_CODE);
    return code != null && rpcRule.matches(code) ? code : null;
  }

  /**
   * A span without an exception event (or with only ignored ones) whose {@code error.type} names an
   * exception: true when that raised an exception alert.
   */
  private boolean onErrorType(
      ReadableSpan span,
      Resource resource,
      Attributes attributes,
      String name,
      Long status,
      RouteMatcher.Decision route,
      long endNanos) {
    // Without an exception event, error.type names the exception's class when the agent records
    // exceptions as logs; with a status of 500 or more it holds that status instead, so it is
    // only read when the response has no status or one below 500.
    if (status != null && status >= 500) {
      return false;
    }
    String errorType = attributes.get(ErrorAttributes.ERROR_TYPE);
    if (exceptionRule.alertsOnErrorType(errorType)) {
      exceptions.onException(span, resource, attributes, name, null, errorType, route, endNanos);
      return true;
    }
    return false;
  }

  /**
   * The status rule ({@code alertStatus} non-null: the status matched), the gRPC status rule
   * ({@code alertRpcStatus} non-null: a code that alerts) and the latency rule, which need the
   * route's decision; {@code route} is null when it was not looked up yet.
   */
  private void onStatusOrLatency(
      ReadableSpan span,
      Resource resource,
      Attributes attributes,
      String name,
      RouteMatcher.Decision route,
      Long alertStatus,
      Long alertRpcStatus,
      long latencyNanos,
      long endNanos) {
    String routeName = SpanFacts.route(attributes, name);
    if (route == null) {
      route = routes.decide(routeName);
    }
    AlertType type;
    String alias;
    Object detail = null;
    AlertBuilder builder;
    if (alertRpcStatus != null && route.statusMonitored) {
      type = AlertType.RPC_STATUS;
      alias = aliases.status(resource, route.policy, attributes, name);
      builder = builders.rpcStatus;
    } else if (alertStatus != null
        && route.statusMonitored
        && route.statusRule.matches(alertStatus)) {
      type = AlertType.STATUS;
      alias = aliases.status(resource, route.policy, attributes, name);
      detail = route.statusRule.matchesCode(alertStatus) ? Boolean.TRUE : Boolean.FALSE;
      builder = builders.status;
    } else if (latencyNanos > perRequestLatencyFloorNanos
        && LatencyRule.breached(route, latencyNanos)) {
      type = AlertType.LATENCY;
      alias = aliases.latency(resource, route.policy, attributes, name);
      builder = builders.latency;
    } else {
      return;
    }
    admission.raise(type, alias, route, RouteKey.of(routeName), span, endNanos, detail, builder);
  }
}
