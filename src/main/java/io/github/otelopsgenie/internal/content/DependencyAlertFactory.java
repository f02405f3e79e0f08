/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.window.DependencyBreach;

/**
 * The alert of a failing dependency: its calls and failures over the window, the most frequent
 * error types and the trace id of the latest failed call. Shares the common parts with {@link
 * AlertFactory}.
 */
public final class DependencyAlertFactory {

  private final AlertFactory common;

  public DependencyAlertFactory(AlertFactory common) {
    this.common = common;
  }

  /** {@code facts} are those of the failed call that completed the {@code breach}. */
  public OpsgenieAlert dependency(SpanFacts facts, String alias, DependencyBreach breach) {
    long calls = breach.calls;
    long errors = breach.errors;
    String dependency = breach.dependency();
    String window = AlertText.formatWindow(breach.windowNanos);
    String rate = AlertText.percent((double) errors / calls);
    String threshold = AlertText.percent(breach.errorRateThreshold);
    String errorTypes = breach.errorTypes;
    String sample = breach.sampleTraceId;
    OpsgenieAlert.Builder alert =
        common
            .start(AlertType.DEPENDENCY, facts)
            .setMessage(
                common.message(
                    facts,
                    "Dependency " + dependency,
                    " failing: "
                        + errors
                        + " of "
                        + calls
                        + " calls ("
                        + rate
                        + ") over "
                        + window))
            .setAlias(alias)
            .setDescription(
                "Calls from "
                    + common.sid(facts)
                    + " to "
                    + dependency
                    + " failed "
                    + errors
                    + " of "
                    + calls
                    + " times ("
                    + rate
                    + ") over "
                    + window
                    + ", at or above the alerting rate of "
                    + threshold
                    + ".\n"
                    + "Most frequent errors : "
                    + errorTypes
                    + ".\n"
                    + "Latest failed call : "
                    + facts.spanName
                    + ", trace id : "
                    + sample
                    + ".");
    alert
        .putDetail("dependency", dependency)
        .putDetail("window_calls", Long.toString(calls))
        .putDetail("window_errors", Long.toString(errors))
        .putDetail("error_rate", rate)
        .putDetail("error_rate_threshold", threshold)
        .putDetail("window", window)
        .putDetail("error_types", errorTypes)
        .putDetail("span_name", facts.spanName)
        .putDetail("trace_id", sample)
        .putDetail("trace_url", common.traceUrl(facts));
    return common.finish(alert, facts);
  }
}
