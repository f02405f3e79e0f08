/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.content.DependencyAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.rules.RpcStatusRule;
import io.github.otelopsgenie.internal.window.DependencyStats;
import io.github.otelopsgenie.internal.window.DependencyWindows;
import io.github.otelopsgenie.internal.window.SpanClock;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.data.StatusData;
import io.opentelemetry.semconv.ErrorAttributes;
import java.util.Collections;

/**
 * Calls to dependencies (CLIENT spans), counted per dependency: one toSpanData(), a few attribute
 * reads and a look-up that allocates nothing once the dependency is known; an alert only when the
 * call turned the dependency's error rate bad.
 */
final class DependencyCalls {

  private final DependencyWindows rules;
  private final DependencyAlertFactory alerts;
  private final AlertRaiser raiser;
  private final SpanClock clock;

  DependencyCalls(
      DependencyWindows rules, AlertFactory common, AlertRaiser raiser, SpanClock clock) {
    this.rules = rules;
    this.alerts = new DependencyAlertFactory(common);
    this.raiser = raiser;
    this.clock = clock;
  }

  /** Counts the call; true when the helper marked the span (the processor then alerts on it). */
  boolean onEnd(ReadableSpan span) {
    SpanData data = span.toSpanData();
    Attributes attributes = data.getAttributes();
    // the span's end time is the window's clock: no clock read per call, unless it lies far from
    // the last reading
    long now = clock.now(data.getEndEpochNanos());
    DependencyStats stats = rules.find(attributes, now);
    String failure = stats != null ? failure(attributes, data.getStatus()) : null;
    if (stats != null
        && rules.record(
            stats, failure, failure != null ? data.getSpanContext().getTraceId() : null, now)) {
      SpanFacts facts = SpanFacts.of(span, Collections.emptyList(), null);
      OpsgenieAlert alert = alerts.dependency(facts, stats, rules, now);
      raiser.raiseDependency(alert, rules, stats, now);
    }
    // the helper marks a span and records its exception event: a span without events is not marked
    return data.getTotalRecordedEvents() > 0
        && Boolean.TRUE.equals(attributes.get(ExceptionRule.MARKED));
  }

  /**
   * Why a call failed: its error.type, its HTTP status, or its ERROR span status (named by the gRPC
   * status for a gRPC call, which has no error.type); null when it did not fail.
   */
  static String failure(Attributes attributes, StatusData spanStatus) {
    String errorType = attributes.get(ErrorAttributes.ERROR_TYPE);
    if (errorType != null) {
      return errorType;
    }
    Long status = SpanFacts.status(attributes);
    if (status != null && status >= 500) {
      return status.toString();
    }
    if (spanStatus.getStatusCode() != StatusCode.ERROR) {
      return null;
    }
    Long rpc = attributes.get(SpanFacts.RPC_GRPC_STATUS_CODE);
    return rpc != null ? RpcStatusRule.name(rpc) : "ERROR status";
  }

  int tracked() {
    return rules.trackedDependencies();
  }

  int maxTracked() {
    return DependencyWindows.MAX_DEPENDENCIES;
  }

  /** Calls not counted because the tables were full of dependencies called within the window. */
  long untrackedCalls() {
    return rules.untrackedCalls();
  }
}
