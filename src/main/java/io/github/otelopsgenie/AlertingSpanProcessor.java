/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.api.OpsgenieAttributes;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.semconv.ErrorAttributes;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads HTTP server spans as they end and raises Opsgenie alerts by the flask-opsgenie rules: an
 * exception first, then a status code or class, then latency; at most one alert per span. Spans of
 * other kinds only alert when the helper marked an exception on them.
 *
 * <p>{@link #onEnd} runs on the request thread: it reads a few attributes, looks up the route's
 * remembered decision and returns, allocating nothing, unless an alert is due; then it builds the
 * alert and offers it to the sender's bounded queue. It never blocks and never throws.
 */
public final class AlertingSpanProcessor implements SpanProcessor {

  private static final Logger logger = Logger.getLogger(AlertingSpanProcessor.class.getName());
  private static final AttributeKey<Boolean> MARKED =
      AttributeKey.booleanKey(OpsgenieAttributes.SPAN_MARKED);

  private final OpsgenieSettings settings;
  private final AlertSink sink;
  private final RouteMatcher routes;
  private final StatusRule statusRule;
  private final ExceptionRule exceptionRule;
  private final AlertFactory alerts;
  private final List<RequestFacts.HeaderKey> headerKeys;
  private final AtomicLong raised = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicBoolean isShutdown = new AtomicBoolean();

  AlertingSpanProcessor(OpsgenieSettings settings, AlertSink sink) {
    this.settings = settings;
    this.sink = sink;
    this.routes = new RouteMatcher(settings);
    this.statusRule = new StatusRule(settings);
    this.exceptionRule = new ExceptionRule(settings);
    this.alerts = new AlertFactory(settings);
    List<RequestFacts.HeaderKey> keys = new ArrayList<>();
    for (String name : settings.forwardedHeaderKeys) {
      keys.add(new RequestFacts.HeaderKey(name));
    }
    this.headerKeys = Collections.unmodifiableList(keys);
  }

  /** A builder for programmatic use with a plain {@code SdkTracerProvider}. */
  public static AlertingSpanProcessorBuilder builder() {
    return new AlertingSpanProcessorBuilder();
  }

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    try {
      if (span.getKind() == SpanKind.SERVER) {
        onServerSpan(span);
      } else if (Boolean.TRUE.equals(span.getAttribute(MARKED))) {
        onMarkedSpan(span);
      }
    } catch (Throwable t) {
      // the SDK's composite processor does not catch: an exception here would skip every
      // processor after us and reach the application's span.end()
      if (failures.getAndIncrement() == 0) {
        logger.log(Level.WARNING, "otel-opsgenie failed on a span; further failures are only counted", t);
      }
    }
  }

  private void onServerSpan(ReadableSpan span) {
    if (exceptionRule.alertsOnRecordedExceptions() || Boolean.TRUE.equals(span.getAttribute(MARKED))) {
      List<EventData> events = span.toSpanData().getEvents();
      EventData exception = events.isEmpty() ? null : exceptionRule.find(events, true);
      if (exception != null) {
        raise(alerts.exception(RequestFacts.of(span, headerKeys, exception)));
        return;
      }
      if (!ExceptionRule.hasExceptionEvent(events)) {
        String errorType = span.getAttribute(ErrorAttributes.ERROR_TYPE);
        if (exceptionRule.alertsOnErrorType(errorType)) {
          raise(alerts.exception(RequestFacts.ofErrorType(span, headerKeys, errorType)));
          return;
        }
      }
    }
    RouteMatcher.Decision route = routes.decide(RequestFacts.route(span));
    Long status = RequestFacts.status(span);
    if (status != null && route.statusMonitored && statusRule.matches(status)) {
      raise(alerts.status(RequestFacts.of(span, headerKeys, null), statusRule.matchesCode(status)));
      return;
    }
    if (LatencyRule.breached(route, span.getLatencyNanos())) {
      raise(alerts.latency(RequestFacts.of(span, headerKeys, null), route.latencyThresholdNanos));
    }
  }

  private void onMarkedSpan(ReadableSpan span) {
    EventData exception = exceptionRule.find(span.toSpanData().getEvents(), false);
    if (exception != null) {
      raise(alerts.exception(RequestFacts.of(span, headerKeys, exception)));
    }
  }

  private void raise(OpsgenieAlert alert) {
    raised.incrementAndGet();
    if (!sink.offer(alert)) {
      dropped.incrementAndGet();
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    return sink.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (isShutdown.getAndSet(true)) {
      return CompletableResultCode.ofSuccess();
    }
    if (failures.get() > 0) {
      logger.log(Level.WARNING, "otel-opsgenie failed on {0} spans", failures.get());
    }
    return sink.shutdown();
  }

  long raisedCount() {
    return raised.get();
  }

  long droppedCount() {
    return dropped.get();
  }

  long failureCount() {
    return failures.get();
  }

  int rememberedRoutes() {
    return routes.rememberedRoutes();
  }

  OpsgenieSettings settings() {
    return settings;
  }

  @Override
  public String toString() {
    return "AlertingSpanProcessor{settings=" + settings + ", sink=" + sink + "}";
  }
}
