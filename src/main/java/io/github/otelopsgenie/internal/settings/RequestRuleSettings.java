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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The settings of the rules about one request: status codes and classes, the endpoints they watch,
 * latency thresholds, exceptions, and whether server spans the sampler drops are still recorded.
 */
public final class RequestRuleSettings {

  static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<boolean[]> ALERT_STATUS_CODES =
      GROUP.add(
          new Setting<>(
              "alert.status.codes",
              INTEGER_LIST,
              "none",
              "500,502",
              "Status codes that alert, e.g. `500,502`.",
              RuleValues::statusCodes));
  public static final Setting<boolean[]> ALERT_STATUS_CLASSES =
      GROUP.add(
          new Setting<>(
              "alert.status.classes",
              STRING_LIST,
              "none",
              "5XX",
              "Status classes that alert, e.g. `5XX,4XX`: the whole hundred (`5XX` = 500..599). A code listed in both raises one alert, of the code kind.",
              RuleValues::statusClasses));
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
              RuleValues::threshold));
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
              RuleValues::thresholds));
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
}
