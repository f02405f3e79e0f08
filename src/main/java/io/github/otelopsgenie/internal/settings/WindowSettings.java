/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.Setting.YamlType.BOOLEAN;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.DECIMAL;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.DURATION;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.INTEGER;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.NUMBER;

import java.time.Duration;

/**
 * The settings of the windowed rules: occurrences within the window, the route error rate and
 * percentile, auto-close and the alias budget. The rules beyond HTTP server requests have their own
 * topic, {@link BeyondHttpSettings}.
 */
public final class WindowSettings {

  public static final int DEFAULT_ALIAS_BUDGET = 50;
  public static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  public static final int DEFAULT_ERROR_RATE_MIN_REQUESTS = 20;

  static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<Integer> ALERT_MIN_OCCURRENCES =
      GROUP.add(
          new Setting<>(
              "alert.min.occurrences",
              INTEGER,
              "`1`",
              "3",
              "Windowed rules: an alias alerts only once its rule matched this many times within `alert.window` (status, latency and exception rules; helper calls are never held back). `1` is the seed's per-request behaviour. At most "
                  + OpsgenieSettings.MAX_MIN_OCCURRENCES
                  + ".",
              (r, s) -> r.integer(s, 1, 1, OpsgenieSettings.MAX_MIN_OCCURRENCES)));
  public static final Setting<Duration> ALERT_WINDOW =
      GROUP.add(
          new Setting<>(
              "alert.window",
              DURATION,
              "`5m`",
              "5m",
              "The sliding window of `alert.min.occurrences`, `alert.error.rate` and `alert.latency.percentile`.",
              (r, s) -> r.duration(s, DEFAULT_WINDOW, false)));
  public static final Setting<Double> ALERT_ERROR_RATE =
      GROUP.add(
          new Setting<>(
              "alert.error.rate",
              NUMBER,
              "off",
              "0.1",
              "Route error-rate rule: alert when at least this share of a route's requests in the window failed (status ≥ 500 or `error.type`), e.g. `0.1` or `10%`. Alias `{service_id}-{route}-error-rate-alert`; fires once per breach.",
              (r, s) -> r.share(s, "an error rate above 0 and at most 1, such as 0.1 or 10%")));
  public static final Setting<Integer> ALERT_ERROR_RATE_MIN_REQUESTS =
      GROUP.add(
          new Setting<>(
              "alert.error.rate.min.requests",
              INTEGER,
              "`" + DEFAULT_ERROR_RATE_MIN_REQUESTS + "`",
              "20",
              "Requests a route needs in the window before the error-rate and percentile rules judge it.",
              (r, s) -> r.integer(s, DEFAULT_ERROR_RATE_MIN_REQUESTS, 1, 1_000_000)));
  public static final Setting<Double> ALERT_LATENCY_PERCENTILE =
      GROUP.add(
          new Setting<>(
              "alert.latency.percentile",
              DECIMAL,
              "off",
              "95",
              "Route percentile rule, e.g. `95`: alert when the route's p95 over the window is above its latency threshold (that is, more than 5% of its requests were slower). Replaces single-request latency alerts. Alias `{service_id}-{route}-latency-p95-alert`.",
              WindowSettings::percentile));
  public static final Setting<Duration> ALERT_AUTO_CLOSE =
      GROUP.add(
          new Setting<>(
              "alert.auto.close",
              DURATION,
              "off",
              "10m",
              "Close an alias we opened when its rule has matched no request for this long (and, for the route rules, the route is healthy again), and Opsgenie says no instance made it occur for as long (`GET /v2/alerts/{alias}?identifierType=alias`, `lastOccurredAt`): then `POST /v2/alerts/{alias}/close?identifierType=alias` with a note. At least twice `alert.cooldown`, so that an instance still failing refreshes the alert in time. Nothing is closed on what could not be read (tried again a quarter period later), nor on shutdown; on an API without reads see `alert.auto.close.unread`.",
              (r, s) -> r.duration(s, Duration.ZERO, true)));
  public static final Setting<Boolean> ALERT_AUTO_CLOSE_UNREAD =
      GROUP.add(
          new Setting<>(
              "alert.auto.close.unread",
              BOOLEAN,
              "`false`",
              "true",
              "On an API that cannot read alerts (Jira Service Management Operations' integration API), `alert.auto.close` closes unread: safe only for a service that runs as a single instance, since a replica that recovered would close what another still sees failing. Off, such alerts are left open for a person to close (one WARNING says so).",
              (r, s) -> r.bool(s, false)));
  public static final Setting<Integer> ALERT_ALIAS_BUDGET =
      GROUP.add(
          new Setting<>(
              "alert.alias.budget",
              INTEGER,
              "`" + DEFAULT_ALIAS_BUDGET + "`",
              "50",
              "Distinct aliases that may open alerts per `alert.window`; beyond it, new aliases are counted into one alert `{service_id}-otel-opsgenie-alias-budget-alert` naming the most frequent ones.",
              (r, s) -> r.integer(s, DEFAULT_ALIAS_BUDGET, 1, 10_000)));

  private WindowSettings() {}

  /** A percentile such as {@code 95} or {@code 99.9}; -1 when unset or invalid. */
  static double percentile(SettingsReader r, Setting<Double> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return -1;
    }
    try {
      double value =
          Double.parseDouble(raw.endsWith("%") ? raw.substring(0, raw.length() - 1) : raw);
      if (value > 0 && value < 100) {
        return value;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    r.problem(setting, raw, "a percentile above 0 and below 100, such as 95 or 99.9");
    return -1;
  }

  /**
   * The checks of a windowed setting against a setting of another topic: auto-close waits at least
   * twice the cooldown; the percentile rule needs a latency threshold to compare with.
   */
  static void crossCheck(SettingsReader r, OpsgenieSettings s) {
    if (s.autoCloseNanos > 0 && s.autoCloseNanos < 2 * s.cooldown.toNanos()) {
      // a replica still failing refreshes the alert once per cooldown: within half the quiet period
      r.problem(
          r.display(ALERT_AUTO_CLOSE)
              + "="
              + r.raw(ALERT_AUTO_CLOSE)
              + " is invalid: expected a"
              + " duration of at least twice "
              + r.display(DeliverySettings.ALERT_COOLDOWN)
              + " ("
              + s.cooldown.toMillis()
              + "ms), so that an instance still failing refreshes the alert before another closes it");
    }
    if (s.latencyPercentile > 0
        && s.thresholdNanos <= 0
        && s.responseTimeThresholdNanos.isEmpty()) {
      r.problem(
          r.display(ALERT_LATENCY_PERCENTILE)
              + "="
              + r.raw(ALERT_LATENCY_PERCENTILE)
              + " is invalid without "
              + r.display(RequestRuleSettings.THRESHOLD_RESPONSE_TIME)
              + " or "
              + r.display(RequestRuleSettings.RESPONSE_TIME_THRESHOLDS)
              + ": expected a latency threshold that the percentile is compared with");
    }
  }
}
