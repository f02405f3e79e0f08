/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertFactory;
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
 * Runs of scheduled jobs: an INTERNAL span of a scheduling instrumentation that ends with an
 * exception event or an error status raises the job alert, through the same window, cooldown and
 * auto-close as request alerts. A run that went well costs one toSpanData() and a look at its
 * status and events.
 */
final class JobRuns extends UnroutedRuns<JobRule, JobAlertFactory> {

  JobRuns(JobRule rule, AlertFactory common, AlertRaiser raiser) {
    super(rule, new JobAlertFactory(common), raiser);
  }

  /** True when the span is a job run (decided once per instrumentation scope). */
  boolean isJobRun(ReadableSpan span) {
    return rule.isJobScope(span.getInstrumentationScopeInfo());
  }

  /**
   * Raises the job alert when the run failed. False when the helper marked the span: then the
   * processor raises the handled-exception alert instead, as for any marked span.
   */
  boolean onEnd(ReadableSpan span) {
    SpanData data = span.toSpanData();
    if (marked(data)) {
      return false;
    }
    List<EventData> events = data.getEvents();
    if (events.isEmpty() && data.getStatus().getStatusCode() != StatusCode.ERROR) {
      return true;
    }
    EventData exception = rule.exception(events);
    if (!rule.failed(data.getStatus(), events, exception)) {
      return true;
    }
    SpanFacts facts =
        exception != null
            ? SpanFacts.of(data, Collections.emptyList(), exception)
            : SpanFacts.ofErrorType(
                data,
                Collections.emptyList(),
                data.getAttributes().get(ErrorAttributes.ERROR_TYPE));
    raise(AlertType.JOB, alerts.alias(facts), data.getEndEpochNanos(), () -> alerts.job(facts));
    return true;
  }
}
