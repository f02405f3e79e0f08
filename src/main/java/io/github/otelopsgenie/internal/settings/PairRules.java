/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.DeliverySettings.ALERT_COOLDOWN;
import static io.github.otelopsgenie.internal.settings.DeliverySettings.API_ALLOW_INSECURE;
import static io.github.otelopsgenie.internal.settings.DeliverySettings.API_BASE;
import static io.github.otelopsgenie.internal.settings.DeliverySettings.RETRY_INITIAL_BACKOFF;
import static io.github.otelopsgenie.internal.settings.DeliverySettings.RETRY_MAX_BACKOFF;
import static io.github.otelopsgenie.internal.settings.RequestRuleSettings.RESPONSE_TIME_MONITORED_ENDPOINTS;
import static io.github.otelopsgenie.internal.settings.RequestRuleSettings.RESPONSE_TIME_THRESHOLDS;
import static io.github.otelopsgenie.internal.settings.RequestRuleSettings.THRESHOLD_RESPONSE_TIME;
import static io.github.otelopsgenie.internal.settings.WindowSettings.ALERT_AUTO_CLOSE;
import static io.github.otelopsgenie.internal.settings.WindowSettings.ALERT_LATENCY_PERCENTILE;

/** The checks that involve two settings: each alone may be valid while the pair is not. */
final class PairRules {

  private PairRules() {}

  static void check(SettingsReader r, OpsgenieSettings s) {
    latencyRule(r, s);
    insecureBase(r, s);
    if (s.autoCloseNanos > 0 && s.autoCloseNanos < 2 * s.cooldown.toNanos()) {
      // a replica still failing refreshes the alert once per cooldown: within half the quiet period
      r.problem(
          r.display(ALERT_AUTO_CLOSE)
              + "="
              + r.raw(ALERT_AUTO_CLOSE)
              + " is invalid: expected a"
              + " duration of at least twice "
              + r.display(ALERT_COOLDOWN)
              + " ("
              + s.cooldown.toMillis()
              + "ms), so that an instance still failing refreshes the alert before another closes it");
    }
    if (s.maxBackoff.compareTo(s.initialBackoff) < 0) {
      r.problem(
          r.display(RETRY_MAX_BACKOFF)
              + "="
              + r.raw(RETRY_MAX_BACKOFF)
              + " is invalid: expected a duration no shorter than "
              + r.display(RETRY_INITIAL_BACKOFF)
              + " ("
              + s.initialBackoff.toMillis()
              + "ms)");
    }
    if (s.latencyPercentile > 0
        && s.thresholdNanos <= 0
        && s.responseTimeThresholdNanos.isEmpty()) {
      r.problem(
          r.display(ALERT_LATENCY_PERCENTILE)
              + "="
              + r.raw(ALERT_LATENCY_PERCENTILE)
              + " is invalid without "
              + r.display(THRESHOLD_RESPONSE_TIME)
              + " or "
              + r.display(RESPONSE_TIME_THRESHOLDS)
              + ": expected a latency threshold that the percentile is compared with");
    }
  }

  /** The key crosses the network in clear text: only with api.allow.insecure=true. */
  private static void insecureBase(SettingsReader r, OpsgenieSettings s) {
    if (s.apiBase == null
        || !"http".equalsIgnoreCase(s.apiBase.getScheme())
        || DeliveryChecks.isLoopback(s.apiBase.getHost())) {
      return;
    }
    String base = SettingsReader.maskUserInfo(r.raw(API_BASE));
    if (s.allowInsecure) {
      r.warning(
          r.display(API_BASE)
              + "="
              + base
              + " is plain http: the API key crosses the network in clear text ("
              + r.display(API_ALLOW_INSECURE)
              + "=true)");
    } else {
      r.problem(
          r.display(API_BASE)
              + "="
              + base
              + " is invalid: expected https, since plain http would"
              + " send the API key in clear text to a host that is not loopback (set "
              + r.display(API_ALLOW_INSECURE)
              + "=true to allow it anyway)");
    }
  }

  private static void latencyRule(SettingsReader r, OpsgenieSettings s) {
    String threshold = r.raw(THRESHOLD_RESPONSE_TIME);
    if (threshold != null && s.thresholdNanos > 0 && s.responseTimeMonitoredEndpoints.isEmpty()) {
      r.problem(
          r.display(THRESHOLD_RESPONSE_TIME)
              + "="
              + threshold
              + " is invalid without "
              + r.display(RESPONSE_TIME_MONITORED_ENDPOINTS)
              + ": expected a comma-separated list of route regexes whose requests are checked"
              + " against the threshold (use .* for every route)");
    }
    String endpoints = r.raw(RESPONSE_TIME_MONITORED_ENDPOINTS);
    if (endpoints != null && threshold == null) {
      r.problem(
          r.display(RESPONSE_TIME_MONITORED_ENDPOINTS)
              + "="
              + endpoints
              + " is invalid without "
              + r.display(THRESHOLD_RESPONSE_TIME)
              + ": expected a threshold in milliseconds such as 2000");
    }
  }
}
