/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.Setting.YamlType.BOOLEAN;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING_LIST;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING_MAP;

import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.Responder;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The settings of what an alert says: the service id, the aliases, priority, tags, responders,
 * details, forwarded headers, resource attributes, stack traces and the link to the trace. The
 * defaults that other packages read (priority, tag, the status and latency aliases) are on {@link
 * OpsgenieSettings}; the checks are in {@link AlertContentChecks}.
 */
public final class AlertContentSettings {

  public static final String DEFAULT_EXCEPTION_SUFFIX = "exception-alert";

  /** Resource attributes copied into the details by default, under their own names. */
  public static final List<String> DEFAULT_RESOURCE_ATTRIBUTES =
      Collections.unmodifiableList(
          Arrays.asList(
              "service.version",
              "service.instance.id",
              "host.name",
              "k8s.namespace.name",
              "k8s.pod.name",
              "cloud.region",
              "container.id"));

  /** The placeholders an alias template may use. */
  public static final List<String> ALIAS_PLACEHOLDERS =
      Collections.unmodifiableList(
          Arrays.asList("{service_id}", "{env}", "{route}", "{method}", "{status_code}"));

  static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<String> SERVICE_ID =
      GROUP.add(
          new Setting<>(
              "service.id",
              STRING,
              "`service.name` resource attribute, or `java-service-{host}` when unknown",
              "checkout",
              "Service id in aliases, messages and details; the alert's entity.",
              (r, s) -> r.raw(s)));
  public static final Setting<String> ALERT_ALIAS =
      GROUP.add(
          new Setting<>(
              "alert.alias",
              STRING,
              "none",
              "checkout-alert",
              "Fallback for the three aliases below; the suffix of handled-exception aliases.",
              (r, s) -> AlertContentChecks.alias(r, s, null)));
  public static final Setting<String> ALERT_STATUS_ALIAS =
      alias(
          "alert.status.alias",
          OpsgenieSettings.DEFAULT_STATUS_ALIAS,
          "{service_id}-{route}-{status_code}",
          "Alias of status alerts.");
  public static final Setting<String> ALERT_LATENCY_ALIAS =
      alias(
          "alert.latency.alias",
          OpsgenieSettings.DEFAULT_LATENCY_ALIAS,
          "{service_id}-{route}-latency",
          "Alias of latency alerts.");
  public static final Setting<String> ALERT_EXCEPTION_ALIAS =
      alias(
          "alert.exception.alias",
          DEFAULT_EXCEPTION_SUFFIX,
          "exception-alert",
          "Suffix of exception aliases: `{service_id}-{ExceptionSimpleName}-{suffix}`, so by default `{service_id}-{ExceptionSimpleName}-exception-alert`.");
  public static final Setting<String> ALERT_PRIORITY =
      GROUP.add(
          new Setting<>(
              "alert.priority",
              STRING,
              "`" + OpsgenieSettings.DEFAULT_PRIORITY + "`",
              "P2",
              "`P1`..`P5`.",
              AlertContentChecks::priority));
  public static final Setting<List<String>> ALERT_TAGS =
      GROUP.add(
          new Setting<>(
              "alert.tags",
              STRING_LIST,
              "`" + OpsgenieSettings.DEFAULT_TAG + "`",
              "checkout,prod",
              "Alert tags (at most "
                  + FieldLimits.TAGS
                  + ", each at most "
                  + FieldLimits.TAG
                  + " characters).",
              AlertContentChecks::tags));
  public static final Setting<List<Responder>> RESPONDERS =
      GROUP.add(
          new Setting<>(
              "responders",
              STRING_LIST,
              "none",
              "team:ops,user:neo@matrix",
              "`user:neo@matrix,team:ops,escalation:night,schedule:primary`; by id: `team:id:<id>`. At most "
                  + FieldLimits.RESPONDERS
                  + ".",
              AlertContentChecks::responders));
  public static final Setting<Map<String, String>> ALERT_DETAILS =
      GROUP.add(
          new Setting<>(
              "alert.details",
              STRING_MAP,
              "none",
              "team=payments",
              "`key=value,key2=value2`, added over the default details.",
              AlertContentChecks::details));
  public static final Setting<List<String>> FORWARDED_HEADER_KEYS =
      GROUP.add(
          new Setting<>(
              "forwarded.header.keys",
              STRING_LIST,
              "none",
              "X-Request-Id",
              "Request headers copied into the details, e.g. `X-Request-Id`. The extension asks the agent to capture them (`otel.instrumentation.http.server.capture-request-headers`). `Authorization`, `Cookie`, `Set-Cookie`, `Proxy-Authorization` and names containing `token`, `secret`, `password`, `key`, `auth`, `cookie`, `session`, `jwt`, `assertion`, `cert`, `credential` or `signature` are never forwarded (warned at startup).",
              AlertContentChecks::headerKeys));
  public static final Setting<List<String>> ALERT_RESOURCE_ATTRIBUTES =
      GROUP.add(
          new Setting<>(
              "alert.resource.attributes",
              STRING_LIST,
              "`" + String.join(",", DEFAULT_RESOURCE_ATTRIBUTES) + "`",
              "service.version,k8s.pod.name",
              "Resource attributes copied into the details, each under its own name, when the span's resource has them (within the details limit). `none` leaves them all out.",
              AlertContentChecks::resourceAttributes));
  public static final Setting<Boolean> ALERT_STACKTRACE =
      GROUP.add(
          new Setting<>(
              "alert.stacktrace",
              BOOLEAN,
              "`true`",
              "false",
              "`false` leaves every stack frame out of alerts (description and details); the exception's type and message stay. flask-opsgenie's `NO_TRACEBACK`.",
              (r, s) -> r.bool(s, true)));
  public static final Setting<String> TRACE_URL_TEMPLATE =
      GROUP.add(
          new Setting<>(
              "trace.url.template",
              STRING,
              "none",
              "https://jaeger.example/trace/{trace_id}",
              "A link to the failing request's trace in the alert's details (`trace_url`) and description, e.g. `https://jaeger.example/trace/{trace_id}`; placeholders `{trace_id}`, `{span_id}`, `{service_id}`.",
              AlertContentChecks::traceUrlTemplate));

  private AlertContentSettings() {}

  /** An alias setting that falls back on {@code alert.alias}, else on {@code fallback}. */
  private static Setting<String> alias(String key, String fallback, String example, String doc) {
    return GROUP.add(
        new Setting<>(
            key,
            STRING,
            "`alert.alias`, else `" + fallback + "`",
            example,
            doc,
            (r, s) -> {
              String alias = ALERT_ALIAS.parse(r);
              return AlertContentChecks.alias(r, s, alias != null ? alias : fallback);
            }));
  }
}
