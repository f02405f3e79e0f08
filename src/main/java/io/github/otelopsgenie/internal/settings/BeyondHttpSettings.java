/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.Setting.YamlType.BOOLEAN;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.INTEGER;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.NUMBER;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING_LIST;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The settings of the rules beyond HTTP server requests: scheduled jobs, message consumers, gRPC
 * servers and the dependencies called (client spans). After the windowed rules in the
 * documentation.
 */
public final class BeyondHttpSettings {

  public static final int DEFAULT_DEPENDENCY_MIN_REQUESTS = 20;

  /** The gRPC status codes by number, as {@code io.grpc.Status.Code} names them. */
  public static final List<String> GRPC_STATUS_NAMES =
      Collections.unmodifiableList(
          Arrays.asList(
              "OK",
              "CANCELLED",
              "UNKNOWN",
              "INVALID_ARGUMENT",
              "DEADLINE_EXCEEDED",
              "NOT_FOUND",
              "ALREADY_EXISTS",
              "PERMISSION_DENIED",
              "RESOURCE_EXHAUSTED",
              "FAILED_PRECONDITION",
              "ABORTED",
              "OUT_OF_RANGE",
              "UNIMPLEMENTED",
              "INTERNAL",
              "UNAVAILABLE",
              "DATA_LOSS",
              "UNAUTHENTICATED"));

  static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<Boolean> ALERT_JOBS =
      GROUP.add(
          new Setting<>(
              "alert.jobs",
              BOOLEAN,
              "`true`",
              "true",
              "Alert when a scheduled job's span (Spring `@Scheduled`, Quartz, XXL-JOB, PowerJob, ElasticJob, as the agent records them) ends with an exception or an error status. Alias `{service_id}-{job}-job-alert`, `{job}` being the span name (`ReportJob.nightly`).",
              (r, s) -> r.bool(s, true)));
  public static final Setting<Boolean> ALERT_CONSUMERS =
      GROUP.add(
          new Setting<>(
              "alert.consumers",
              BOOLEAN,
              "`true`",
              "true",
              "Alert when a message consumer's process span (Kafka, JMS, RabbitMQ listeners, kind CONSUMER, as the agent records them) ends with an exception. Alias `{service_id}-{destination}-{Exception}-consumer-alert`, `{destination}` being `messaging.destination.template` when set, else `messaging.destination.name` (the topic or queue, never a partition or message id).",
              (r, s) -> r.bool(s, true)));
  public static final Setting<boolean[]> ALERT_RPC_STATUS_CODES =
      GROUP.add(
          new Setting<>(
              "alert.rpc.status.codes",
              STRING_LIST,
              "none",
              "UNAVAILABLE,INTERNAL,14",
              "gRPC status codes that alert on a gRPC server span (`rpc.system=grpc`), by name or number, e.g. `UNAVAILABLE,INTERNAL,14`. The route is the span name, `{rpc.service}/{rpc.method}`; the endpoint regexes apply to it. HTTP status settings never match a gRPC span, nor this one an HTTP span.",
              BeyondHttpSettings::rpcStatusCodes));
  public static final Setting<Double> DEPENDENCY_ERROR_RATE =
      GROUP.add(
          new Setting<>(
              "dependency.error.rate",
              NUMBER,
              "off",
              "0.5",
              "Failing dependencies: alert when at least this share of the calls to one dependency (CLIENT spans of HTTP, gRPC and database clients) within `alert.window` failed (`error.type`, a status ≥ 500 or an ERROR span status), e.g. `0.5` or `50%`. The dependency is `peer.service`, else `server.address:server.port`, else `db.system.name` (or `db.system`) `/` `db.namespace`. Alias `{service_id}-dependency-{dependency}-alert`; fires once per breach, and again every `alert.auto.close`/2 while it lasts (so that a replica that recovered does not close it under one still failing); `alert.auto.close` closes it.",
              (r, s) -> r.share(s, "an error rate above 0 and at most 1, such as 0.5 or 50%")));
  public static final Setting<Integer> DEPENDENCY_MIN_REQUESTS =
      GROUP.add(
          new Setting<>(
              "dependency.min.requests",
              INTEGER,
              "`" + DEFAULT_DEPENDENCY_MIN_REQUESTS + "`",
              "20",
              "Calls a dependency needs in the window before `dependency.error.rate` judges it.",
              (r, s) -> r.integer(s, DEFAULT_DEPENDENCY_MIN_REQUESTS, 1, 1_000_000)));

  private BeyondHttpSettings() {}

  /** gRPC status names or numbers, other than OK (0). */
  private static boolean[] rpcStatusCodes(SettingsReader r, Setting<boolean[]> setting) {
    List<String> names = GRPC_STATUS_NAMES;
    return r.flags(
        setting,
        names.size(),
        v -> {
          int code = names.indexOf(v.toUpperCase(Locale.ROOT));
          code = code >= 0 ? code : SettingsReader.number(v);
          return code > 0 && code < names.size() ? code : -1;
        },
        "a comma-separated list of gRPC status names or numbers other than OK, such as UNAVAILABLE,INTERNAL,14");
  }
}
