/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

/**
 * The one-line summary of {@link OpsgenieSettings} logged at startup: the values that decide what
 * alerts, never the token; the windowed and optional rules only when they are on.
 */
final class SettingsSummary {

  private SettingsSummary() {}

  static String of(OpsgenieSettings s) {
    return "OpsgenieSettings{enabled="
        + s.enabled
        + ", apiBase="
        + s.apiBase
        + ", token="
        + (s.token == null ? "(none: alerts are logged)" : "****")
        + ", serviceId="
        + s.serviceId
        + ", statusCodes="
        + OpsgenieSettings.codes(s.statusCodes)
        + ", statusClasses="
        + OpsgenieSettings.classes(s.statusClasses)
        + ", rpcStatusCodes="
        + OpsgenieSettings.codes(s.rpcStatusCodes)
        + ", monitoredEndpoints="
        + s.monitoredEndpoints
        + ", ignoredEndpoints="
        + s.ignoredEndpoints
        + ", thresholdMs="
        + (s.thresholdNanos < 0 ? "none" : Long.toString(s.thresholdNanos / 1_000_000))
        + ", responseTimeMonitoredEndpoints="
        + s.responseTimeMonitoredEndpoints
        + ", responseTimeThresholds="
        + s.responseTimeThresholdNanos.size()
        + ", alertExceptions="
        + s.alertExceptions
        + ", ignoredExceptions="
        + s.ignoredExceptions
        + ", alertJobs="
        + s.alertJobs
        + ", alertConsumers="
        + s.alertConsumers
        + ", priority="
        + s.priority
        + ", tags="
        + s.tags
        + ", responders="
        + s.responders
        + ", forwardedHeaderKeys="
        + s.forwardedHeaderKeys
        + ", recordServerSpans="
        + s.recordServerSpans
        + ", cooldown="
        + s.cooldown
        + (s.stackTraces ? "" : ", stackTraces=false")
        + ", resourceAttributes="
        + s.resourceAttributes
        + (s.policies.isEmpty() ? "" : ", policies=" + s.policies)
        + (s.heartbeatName == null
            ? ""
            : ", heartbeat=" + s.heartbeatName + " every " + s.heartbeatInterval)
        + (s.traceUrlTemplate == null ? "" : ", traceUrlTemplate=" + s.traceUrlTemplate)
        + (s.minOccurrences > 1 ? ", minOccurrences=" + s.minOccurrences : "")
        + (s.minOccurrences > 1
                || s.errorRate > 0
                || s.latencyPercentile > 0
                || s.dependencyErrorRate > 0
            ? ", windowMs=" + s.windowNanos / 1_000_000
            : "")
        + (s.errorRate > 0
            ? ", errorRate=" + s.errorRate + ", errorRateMinRequests=" + s.errorRateMinRequests
            : "")
        + (s.latencyPercentile > 0 ? ", latencyPercentile=" + s.latencyPercentile : "")
        + (s.autoCloseNanos > 0 ? ", autoCloseMs=" + s.autoCloseNanos / 1_000_000 : "")
        + (s.autoCloseUnread ? ", autoCloseUnread=true" : "")
        + (s.dependencyErrorRate > 0
            ? ", dependencyErrorRate="
                + s.dependencyErrorRate
                + ", dependencyMinRequests="
                + s.dependencyMinRequests
            : "")
        + "}";
  }
}
