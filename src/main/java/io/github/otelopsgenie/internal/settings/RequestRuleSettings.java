/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.Setting.YamlType.BOOLEAN;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.INTEGER_LIST;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.MILLISECONDS;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.NUMBER_MAP;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING_LIST;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the rules about one request: status codes and classes, the endpoints they watch,
 * latency thresholds, exceptions, and whether server spans the sampler drops are still recorded.
 */
public final class RequestRuleSettings {

  private static final Pattern STATUS_CLASS =
      Pattern.compile("([1-5])XX", Pattern.CASE_INSENSITIVE);

  static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<boolean[]> ALERT_STATUS_CODES =
      GROUP.add(
          new Setting<>(
              "alert.status.codes",
              INTEGER_LIST,
              "none",
              "500,502",
              "Status codes that alert, e.g. `500,502`.",
              RequestRuleSettings::statusCodes));
  public static final Setting<boolean[]> ALERT_STATUS_CLASSES =
      GROUP.add(
          new Setting<>(
              "alert.status.classes",
              STRING_LIST,
              "none",
              "5XX",
              "Status classes that alert, e.g. `5XX,4XX`: the whole hundred (`5XX` = 500..599). A code listed in both raises one alert, of the code kind.",
              RequestRuleSettings::statusClasses));
  public static final Setting<List<Pattern>> MONITORED_ENDPOINTS =
      GROUP.add(
          new Setting<>(
              "monitored.endpoints",
              STRING_LIST,
              "all routes",
              "/api/.*",
              "Route regexes checked by the status rules.",
              SettingsReader::patterns));
  public static final Setting<List<Pattern>> IGNORED_ENDPOINTS =
      GROUP.add(
          new Setting<>(
              "ignored.endpoints",
              STRING_LIST,
              "none",
              "/health",
              "Route regexes never checked by the status rules (also inside monitored ones).",
              SettingsReader::patterns));
  public static final Setting<Long> THRESHOLD_RESPONSE_TIME =
      GROUP.add(
          new Setting<>(
              "threshold.response.time",
              MILLISECONDS,
              "none",
              "2000",
              "Latency threshold in milliseconds (or a duration); a request strictly slower alerts. Needs `response.time.monitored.endpoints`.",
              RequestRuleSettings::threshold));
  public static final Setting<List<Pattern>> RESPONSE_TIME_MONITORED_ENDPOINTS =
      GROUP.add(
          new Setting<>(
              "response.time.monitored.endpoints",
              STRING_LIST,
              "none",
              "/checkout",
              "Route regexes checked against the threshold (`.*` for all).",
              SettingsReader::patterns));
  public static final Setting<Map<Pattern, Long>> RESPONSE_TIME_THRESHOLDS =
      GROUP.add(
          new Setting<>(
              "response.time.thresholds",
              NUMBER_MAP,
              "none",
              "/report=10000",
              "Per-route thresholds, `regex=ms` pairs, e.g. `/report=10000,/api/.*=500`; checked before the global threshold.",
              RequestRuleSettings::thresholds));
  public static final Setting<Boolean> ALERT_EXCEPTIONS =
      GROUP.add(
          new Setting<>(
              "alert.exceptions",
              BOOLEAN,
              "`true`",
              "true",
              "Alert on `exception` events of server spans.",
              (r, s) -> r.bool(s, true)));
  public static final Setting<Set<String>> IGNORED_EXCEPTIONS =
      GROUP.add(
          new Setting<>(
              "ignored.exceptions",
              STRING_LIST,
              "none",
              "java.util.concurrent.CancellationException",
              "Exception classes (simple or fully qualified names) that never raise an exception alert (their request can still raise a status or latency alert).",
              (r, s) -> Collections.unmodifiableSet(new LinkedHashSet<>(r.list(s)))));
  public static final Setting<Boolean> SAMPLING_RECORD_SERVER_SPANS =
      GROUP.add(
          new Setting<>(
              "sampling.record.server.spans",
              BOOLEAN,
              "`true`",
              "true",
              "Wrap the sampler so that every span a rule that is on reads, and that the sampler would drop, is recorded but not sampled: server spans; consumer spans (with `alert.consumers`); root INTERNAL spans, as job runs are (with `alert.jobs`); client spans (with `dependency.error.rate`); helper spans. Failures of unsampled work still alert, exporters still skip it. In YAML, use the sampler `opsgenie_record_server_spans/development` instead. Cost: see [docs/performance.md](docs/performance.md).",
              (r, s) -> r.bool(s, true)));

  private RequestRuleSettings() {}

  static boolean[] statusCodes(SettingsReader r, Setting<boolean[]> setting) {
    return r.flags(
        setting,
        600,
        v -> {
          int code = SettingsReader.number(v);
          return code >= 100 && code <= 599 ? code : -1;
        },
        "a comma-separated list of HTTP status codes from 100 to 599, such as 500,502");
  }

  static boolean[] statusClasses(SettingsReader r, Setting<boolean[]> setting) {
    return r.flags(
        setting,
        6,
        v -> {
          Matcher m = STATUS_CLASS.matcher(v);
          return m.matches() ? m.group(1).charAt(0) - '0' : -1;
        },
        "a comma-separated list of status classes 1XX to 5XX, such as 5XX,4XX");
  }

  /** A latency threshold in milliseconds or a duration; -1 when unset or invalid. */
  static long threshold(SettingsReader r, Setting<Long> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return -1;
    }
    long nanos = SettingsReader.millisOrDuration(raw);
    if (nanos <= 0) {
      r.problem(
          setting,
          raw,
          "a positive number of milliseconds such as 2000 (or a duration such as 2s)");
      return -1;
    }
    return nanos;
  }

  static Map<Pattern, Long> thresholds(SettingsReader r, Setting<Map<Pattern, Long>> setting) {
    Map<String, String> raw =
        r.map(
            setting,
            "route-regex=milliseconds pairs separated by commas, such as /api/.*=500,/report=5000");
    if (raw == null) {
      return Collections.emptyMap();
    }
    Map<Pattern, Long> out = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : raw.entrySet()) {
      long nanos = SettingsReader.millisOrDuration(e.getValue());
      Pattern p = r.pattern(setting, e.getKey());
      if (nanos <= 0) {
        r.problem(
            setting,
            r.raw(setting),
            "a positive number of milliseconds for each route regex ("
                + e.getKey()
                + "="
                + e.getValue()
                + " is not one)");
      } else if (p != null) {
        out.put(p, nanos);
      }
    }
    return Collections.unmodifiableMap(out);
  }

  /**
   * The checks that involve two settings of the rules about one request: the global latency
   * threshold and the routes it watches need each other.
   */
  static void crossCheck(SettingsReader r, OpsgenieSettings s) {
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
