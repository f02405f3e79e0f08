/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.github.otelopsgenie.internal.settings.ServiceIdentity;
import io.github.otelopsgenie.internal.window.RouteBreach;
import java.util.List;
import java.util.Map;

/**
 * The alerts that speak for a route or the whole service rather than one request: a route's error
 * rate and latency percentile over the window, and the one alert over the alias budget. Built from
 * the same frame as the request alerts ({@link AlertFactory}).
 */
public final class RouteAlertFactory {

  private final AlertFactory common;
  private final OpsgenieSettings settings;

  public RouteAlertFactory(AlertFactory common, OpsgenieSettings settings) {
    this.common = common;
    this.settings = settings;
  }

  /** The one alert that stands for the aliases over {@code otel.opsgenie.alert.alias.budget}. */
  public String aliasBudgetAlias() {
    return FieldLimits.alias(serviceId() + "-otel-opsgenie-alias-budget-alert");
  }

  /**
   * Names the most frequent aliases over the budget and their counts: {@code distinct} aliases over
   * a {@code budget} per {@code windowNanos}, {@code occurrences} of them, the {@code mostFrequent}
   * first.
   */
  public OpsgenieAlert aliasBudget(
      int budget,
      long windowNanos,
      int distinct,
      long occurrences,
      List<Map.Entry<String, Long>> mostFrequent) {
    StringBuilder text =
        new StringBuilder("More than ")
            .append(budget)
            .append(" distinct aliases would have opened alerts within ")
            .append(AlertText.formatMillis(windowNanos))
            .append("ms (otel.opsgenie.alert.alias.budget): ")
            .append(distinct)
            .append(" more alias(es), ")
            .append(occurrences)
            .append(" occurrence(s), opened nothing of their own. Most frequent:");
    OpsgenieAlert.Builder alert =
        OpsgenieAlert.builder(AlertType.ALIAS_BUDGET)
            .setMessage(
                FieldLimits.truncate(
                    serviceId() + ": more distinct alerts than the alias budget of " + budget,
                    FieldLimits.MESSAGE))
            .setAlias(aliasBudgetAlias())
            .setPriority(settings.priority)
            .setTags(settings.tags)
            .setResponders(settings.responders)
            .setEntity(serviceId())
            .setSource(settings.host)
            .putDetail("alert_type", "alias_budget")
            .putDetail("service_id", serviceId())
            .putDetail("host", settings.host)
            .putDetail("alias_budget", Integer.toString(budget))
            .putDetail("aliases_over_budget", Integer.toString(distinct))
            .putDetail("occurrences_over_budget", Long.toString(occurrences));
    int rank = 1;
    for (Map.Entry<String, Long> e : mostFrequent) {
      text.append("\n").append(e.getValue()).append(" x ").append(e.getKey());
      alert.putDetail("top_" + rank++, e.getKey() + " (" + e.getValue() + ")");
    }
    return alert
        .setDescription(FieldLimits.truncate(text.toString(), FieldLimits.DESCRIPTION))
        .build();
  }

  private String serviceId() {
    return settings.serviceId != null
        ? settings.serviceId
        : ServiceIdentity.serviceIdOf((String) null, settings.host);
  }

  /** A route's error rate over the window reached the configured rate. */
  public OpsgenieAlert errorRate(SpanFacts facts, String alias, RouteBreach breach, Policy policy) {
    long total = breach.windowRequests;
    long errors = breach.windowErrors;
    String route = AlertText.routeText(facts);
    String window = AlertText.formatWindow(breach.windowNanos);
    String rate = AlertText.percent((double) errors / total);
    OpsgenieAlert.Builder alert =
        common
            .start(AlertType.ERROR_RATE, facts, policy)
            .setMessage(
                common.message(
                    facts,
                    route,
                    " error rate " + rate + " (" + errors + " of " + total + ") over " + window))
            .setAlias(alias)
            .setDescription(
                common.describe(
                    facts,
                    route
                        + " failed "
                        + errors
                        + " of its last "
                        + total
                        + " requests ("
                        + rate
                        + ") over "
                        + window
                        + ", at or above the alerting rate of "
                        + AlertText.percent(breach.errorRateThreshold)
                        + ". The request below is the latest failure."));
    return finishWindowed(
        alert,
        facts,
        breach,
        window,
        "window_errors",
        Long.toString(errors),
        "error_rate",
        rate,
        "error_rate_threshold",
        AlertText.percent(breach.errorRateThreshold));
  }

  /** A route's latency percentile over the window went above its threshold. */
  public OpsgenieAlert latencyPercentile(
      SpanFacts facts, String alias, RouteBreach breach, Policy policy) {
    long total = breach.windowRequests;
    long slow = breach.windowSlowRequests;
    String p = "p" + AlertText.formatNumber(breach.percentile);
    String route = AlertText.routeText(facts);
    String window = AlertText.formatWindow(breach.windowNanos);
    long thresholdNanos = breach.latencyThresholdNanos;
    String threshold = AlertText.formatMillis(thresholdNanos) + "ms";
    OpsgenieAlert.Builder alert =
        common
            .start(AlertType.LATENCY_PERCENTILE, facts, policy)
            .setMessage(
                common.message(
                    facts, route, " " + p + " latency above " + threshold + " over " + window))
            .setAlias(alias)
            .setDescription(
                common.describe(
                    facts,
                    route
                        + ": "
                        + slow
                        + " of its last "
                        + total
                        + " requests ("
                        + AlertText.percent((double) slow / total)
                        + ") took longer than "
                        + threshold
                        + " over "
                        + window
                        + ", so its "
                        + p
                        + " latency is above the threshold. The request below is the latest slow one."));
    return finishWindowed(
        alert,
        facts,
        breach,
        window,
        "window_slow_requests",
        Long.toString(slow),
        "percentile",
        p,
        "threshold_ms",
        AlertText.formatMillis(thresholdNanos));
  }

  /**
   * The request's details, then the window's: {@code window_requests}, the rule's own {@code
   * details} (name, value, ...) and {@code window}; then the alert.
   */
  private OpsgenieAlert finishWindowed(
      OpsgenieAlert.Builder alert,
      SpanFacts facts,
      RouteBreach breach,
      String window,
      String... details) {
    common.requestDetails(alert, facts);
    alert.putDetail("window_requests", Long.toString(breach.windowRequests));
    for (int i = 0; i < details.length; i += 2) {
      alert.putDetail(details[i], details[i + 1]);
    }
    alert.putDetail("window", window);
    return common.finish(alert, facts);
  }
}
