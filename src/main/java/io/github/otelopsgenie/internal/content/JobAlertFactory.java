/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;

/**
 * The alert of a failed run of a scheduled job: which job, which exception, when; no request
 * details (a job has no route, method or status). Shares the common parts (priority, tags,
 * responders, service, configured details, trace link) with {@link AlertFactory}.
 */
public final class JobAlertFactory {

  private final AlertFactory common;

  public JobAlertFactory(AlertFactory common) {
    this.common = common;
  }

  public OpsgenieAlert job(SpanFacts facts, String alias) {
    String job = facts.spanName;
    String failure = failure(facts);
    OpsgenieAlert.Builder alert =
        common
            .start(AlertType.JOB, facts)
            .setMessage(common.message(facts, "Job " + job, " failed : " + failure))
            .setAlias(alias)
            .setDescription(describe(facts, job, failure));
    alert
        .putDetail("job", job)
        .putDetail("exception_type", facts.exceptionType)
        .putDetail("exception_message", facts.exceptionMessage)
        .putDetail("duration_ms", AlertText.formatMillis(facts.durationNanos))
        .putDetail("trace_id", facts.traceId)
        .putDetail("span_id", facts.spanId)
        .putDetail("trace_url", common.traceUrl(facts));
    return common.finish(alert, facts);
  }

  /** {@code ReportGenerationException: partition 7 could not be read}, or the error status. */
  private static String failure(SpanFacts facts) {
    if (facts.exceptionType == null) {
      return "error status";
    }
    String simple =
        io.github.otelopsgenie.internal.rules.ExceptionRule.simpleName(facts.exceptionType);
    return simple + (facts.exceptionMessage != null ? ": " + facts.exceptionMessage : "");
  }

  private String describe(SpanFacts facts, String job, String failure) {
    StringBuilder sb = new StringBuilder();
    sb.append("Scheduled job ")
        .append(job)
        .append(" of service ")
        .append(common.sid(facts))
        .append(" failed : ")
        .append(facts.exceptionType != null ? facts.exceptionType : failure)
        .append(
            facts.exceptionType != null && facts.exceptionMessage != null
                ? ": " + facts.exceptionMessage
                : "")
        .append(".\n");
    return AlertText.endRun(sb, "Duration of the run : ", facts, common);
  }
}
