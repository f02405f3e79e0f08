/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.AlertBuilder;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.JobAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.JobRule;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import java.util.Collections;
import java.util.List;

/**
 * INTERNAL spans: runs of scheduled jobs (an INTERNAL span of a scheduling instrumentation) that
 * end with an exception event or an error status raise the job alert, through the same admission as
 * request alerts, outside any route; any other INTERNAL span only when the helper marked it. A run
 * that went well costs one toSpanData() and a look at its status and events.
 */
final class JobSpans implements SpanAlerts {

  private final JobRule rule;
  private final AlertAliases aliases;
  private final AlertAdmission admission;
  private final MarkedSpans marked;
  private final AlertBuilder builder;

  JobSpans(JobRule rule, ProcessorParts parts, MarkedSpans marked) {
    this.rule = rule;
    this.aliases = parts.alerts.aliases();
    this.admission = parts.admission;
    this.marked = marked;
    JobAlertFactory alerts = new JobAlertFactory(parts.alerts);
    this.builder =
        c ->
            alerts.job(
                c.detail instanceof EventData
                    ? SpanFacts.of(c.data, Collections.emptyList(), (EventData) c.detail)
                    : SpanFacts.ofErrorType(c.data, Collections.emptyList(), (String) c.detail),
                c.alias);
  }

  @Override
  public void onEnd(ReadableSpan span) {
    // a job run is decided once per instrumentation scope
    if (!rule.isJobScope(span.getInstrumentationScopeInfo())) {
      marked.onEnd(span);
      return;
    }
    SpanData data = span.toSpanData();
    if (MarkedSpans.marked(data)) {
      marked.onMarked(span);
      return;
    }
    List<EventData> events = data.getEvents();
    if (events.isEmpty() && data.getStatus().getStatusCode() != StatusCode.ERROR) {
      return;
    }
    EventData exception = rule.exception(events);
    if (!rule.failed(data.getStatus(), events, exception)) {
      return;
    }
    admission.raise(
        AlertType.JOB,
        aliases.job(data.getResource(), data.getName()),
        null,
        null,
        span,
        data.getEndEpochNanos(),
        exception != null ? exception : data.getAttributes().get(ErrorAttributes.ERROR_TYPE),
        builder);
  }
}
