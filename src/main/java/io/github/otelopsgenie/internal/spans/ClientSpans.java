/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.AlertBuilder;
import io.github.otelopsgenie.internal.admission.Candidate;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.DependencyAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.RpcStatusRule;
import io.github.otelopsgenie.internal.window.DependencyBreach;
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
 * CLIENT spans, calls to dependencies, counted per dependency: one toSpanData(), a few attribute
 * reads and a look-up that allocates nothing once the dependency is known; an alert only when the
 * call turned the dependency's error rate bad. A span the helper marked raises its
 * handled-exception alert besides.
 */
final class ClientSpans implements SpanAlerts {

  private final DependencyWindows windows;
  private final AlertAliases aliases;
  private final AlertAdmission admission;
  private final SpanClock clock;
  private final MarkedSpans marked;
  private final AlertBuilder builder;

  ClientSpans(DependencyWindows windows, ProcessorParts parts, MarkedSpans marked) {
    this.windows = windows;
    this.aliases = parts.alerts.aliases();
    this.admission = parts.admission;
    this.clock = parts.spanClock;
    this.marked = marked;
    this.builder = new DependencyAlert(new DependencyAlertFactory(parts.alerts), windows, parts);
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanData data = span.toSpanData();
    Attributes attributes = data.getAttributes();
    // the span's end time is the window's clock: no clock read per call, unless it lies far from
    // the last reading
    long now = clock.now(data.getEndEpochNanos());
    DependencyStats stats = windows.find(attributes, now);
    String failure = stats != null ? failure(attributes, data.getStatus()) : null;
    if (stats != null
        && windows.record(
            stats, failure, failure != null ? data.getSpanContext().getTraceId() : null, now)) {
      admission.raise(
          AlertType.DEPENDENCY,
          aliases.dependency(data.getResource(), stats.dependency),
          null,
          null,
          span,
          data.getEndEpochNanos(),
          windows.breach(stats, now),
          builder);
    }
    // the helper marks a span and records its exception event: a span without events is not marked
    if (data.getTotalRecordedEvents() > 0 && MarkedSpans.marked(data)) {
      marked.onMarked(span);
    }
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

  /** The failing-dependency alert: it recovers when the dependency's window is healthy again. */
  private static final class DependencyAlert implements AlertBuilder {
    private final DependencyAlertFactory alerts;
    private final DependencyWindows windows;
    private final long quietNanos;

    DependencyAlert(
        DependencyAlertFactory alerts, DependencyWindows windows, ProcessorParts parts) {
      this.alerts = alerts;
      this.windows = windows;
      this.quietNanos = parts.settings.autoCloseNanos;
    }

    @Override
    public OpsgenieAlert build(Candidate c) {
      return alerts.dependency(
          SpanFacts.of(c.data, Collections.emptyList(), null),
          c.alias,
          (DependencyBreach) c.detail);
    }

    @Override
    public Recovery recovery(Object detail) {
      DependencyStats stats = ((DependencyBreach) detail).stats;
      return Recovery.of(
          "error rate of dependency " + stats.dependency,
          at -> windows.healthy(stats, at, quietNanos));
    }
  }
}
