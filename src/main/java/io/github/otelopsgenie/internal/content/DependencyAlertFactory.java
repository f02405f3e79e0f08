/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.window.DependencyStats;
import io.github.otelopsgenie.internal.window.DependencyWindows;

/**
 * The alert of a failing dependency: its calls and failures over the window, the most frequent
 * error types and the trace id of the latest failed call. Shares the common parts with {@link
 * AlertFactory}.
 */
public final class DependencyAlertFactory {

  static final int TOP_ERROR_TYPES = 5;

  private final AlertFactory common;

  public DependencyAlertFactory(AlertFactory common) {
    this.common = common;
  }

  /**
   * {@code {service_id}-dependency-{dependency}-alert}, with {@code -{env}} after the service id
   * when known.
   */
  public String alias(SpanFacts facts, DependencyStats stats) {
    return FieldLimits.alias(common.scope(facts) + "-dependency-" + stats.dependency + "-alert");
  }

  /** {@code facts} are those of the failed call that completed the breach. */
  public OpsgenieAlert dependency(
      SpanFacts facts, DependencyStats stats, DependencyWindows rules, long nowNanos) {
    long calls = stats.calls(nowNanos);
    long errors = stats.errors(nowNanos);
    String window = AlertText.formatWindow(rules.windowNanos());
    String rate = AlertText.percent((double) errors / calls);
    String errorTypes = stats.topErrorTypes(TOP_ERROR_TYPES, nowNanos);
    String sample = stats.sampleTraceId();
    OpsgenieAlert.Builder alert =
        common
            .start(AlertType.DEPENDENCY, facts)
            .setMessage(
                common.message(
                    facts,
                    "Dependency " + stats.dependency,
                    " failing: "
                        + errors
                        + " of "
                        + calls
                        + " calls ("
                        + rate
                        + ") over "
                        + window))
            .setAlias(alias(facts, stats))
            .setDescription(
                "Calls from "
                    + common.sid(facts)
                    + " to "
                    + stats.dependency
                    + " failed "
                    + errors
                    + " of "
                    + calls
                    + " times ("
                    + rate
                    + ") over "
                    + window
                    + ", at or above the alerting rate of "
                    + AlertText.percent(rules.errorRate())
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
        .putDetail("dependency", stats.dependency)
        .putDetail("window_calls", Long.toString(calls))
        .putDetail("window_errors", Long.toString(errors))
        .putDetail("error_rate", rate)
        .putDetail("error_rate_threshold", AlertText.percent(rules.errorRate()))
        .putDetail("window", window)
        .putDetail("error_types", errorTypes)
        .putDetail("span_name", facts.spanName)
        .putDetail("trace_id", sample)
        .putDetail("trace_url", common.traceUrl(facts));
    return common.finish(alert, facts);
  }
}
