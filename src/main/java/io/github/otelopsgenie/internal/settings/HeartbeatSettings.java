/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.Setting.YamlType.BOOLEAN;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.DURATION;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING;

import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The settings of the heartbeat: an Opsgenie heartbeat pinged every interval, so that a service
 * that stops (crashed, killed, never started) pages when the heartbeat expires. After the
 * connection and delivery settings in the documentation.
 */
public final class HeartbeatSettings {

  public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
  public static final Duration MIN_INTERVAL = Duration.ofSeconds(1);

  /** Opsgenie's limit on a heartbeat's name. */
  public static final int MAX_NAME_CHARS = 200;

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

  static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<String> HEARTBEAT_NAME =
      GROUP.add(
          new Setting<>(
              "heartbeat.name",
              STRING,
              "none (off)",
              "shop-service-prod",
              "The Opsgenie heartbeat pinged every `heartbeat.interval` (`POST {api base}/v2/heartbeats/{name}/ping`, from a thread of its own), so that Opsgenie pages when the service stops: see [When the service itself stops](#when-the-service-itself-stops). May use `{service_id}` and `{env}` (as alias templates do); at most 200 characters once they are filled in. Only with a token.",
              HeartbeatSettings::name));
  public static final Setting<Duration> HEARTBEAT_INTERVAL =
      GROUP.add(
          new Setting<>(
              "heartbeat.interval",
              DURATION,
              "`1m`",
              "1m",
              "Time between two pings, at least `1s`. The heartbeat's own interval in Opsgenie should be at least three of these.",
              HeartbeatSettings::interval));
  public static final Setting<Boolean> HEARTBEAT_CREATE =
      GROUP.add(
          new Setting<>(
              "heartbeat.create",
              BOOLEAN,
              "`false`",
              "false",
              "`true` creates the heartbeat at startup when Opsgenie does not know it (enabled, an interval of three pings rounded up to whole minutes, `alert.priority`); the key then needs configuration access.",
              (r, s) -> r.bool(s, false)));

  private HeartbeatSettings() {}

  /** The template as written, trimmed; null when unset or blank (no heartbeat). */
  private static String name(SettingsReader r, Setting<String> setting) {
    String raw = r.raw(setting);
    if (raw == null || raw.trim().isEmpty()) {
      return null;
    }
    String template = raw.trim();
    Matcher m = PLACEHOLDER.matcher(template);
    while (m.find()) {
      if (!m.group().equals("{service_id}") && !m.group().equals("{env}")) {
        r.problem(
            setting,
            raw,
            "a heartbeat name with no placeholders but {service_id} and {env} ("
                + m.group()
                + " is not one)");
        return null;
      }
    }
    for (int i = 0; i < template.length(); i++) {
      if (Character.isISOControl(template.charAt(i))) {
        r.problem(setting, raw, "a heartbeat name on one line, without control characters");
        return null;
      }
    }
    return template;
  }

  private static Duration interval(SettingsReader r, Setting<Duration> setting) {
    Duration value = r.duration(setting, DEFAULT_INTERVAL, false);
    if (value.compareTo(MIN_INTERVAL) < 0) {
      r.problem(setting, r.raw(setting), "a duration of at least 1s, such as 30s or 1m");
      return DEFAULT_INTERVAL;
    }
    return value;
  }

  /**
   * The heartbeat's name with {@code {service_id}} and {@code {env}} filled in as alias templates
   * fill them ({@code no-env} when the resource names no environment); null, with a problem, when
   * it cannot be resolved (declarative configuration gives no resource) or is over Opsgenie's
   * limit.
   */
  static String resolve(SettingsReader r, String template, String serviceId, Resource resource) {
    if (template == null) {
      return null;
    }
    Setting<String> setting = HEARTBEAT_NAME;
    if (template.contains("{service_id}") && serviceId == null) {
      r.problem(
          r.display(setting)
              + "="
              + r.raw(setting)
              + " is invalid without "
              + r.display(AlertContentSettings.SERVICE_ID)
              + ": declarative configuration gives the processor no resource to take"
              + " service.name from, so {service_id} has no value; set the service id or write the"
              + " name out");
      return null;
    }
    if (template.contains("{env}") && resource == null) {
      r.problem(
          r.display(setting)
              + "="
              + r.raw(setting)
              + " is invalid without a resource: declarative configuration gives the processor"
              + " none, so {env} has no value; write the environment into the name");
      return null;
    }
    String env = resource == null ? null : ServiceIdentity.environmentOf(resource);
    String name =
        template
            .replace("{service_id}", serviceId == null ? "" : serviceId)
            .replace("{env}", env != null ? env : "no-env");
    int length = name.codePointCount(0, name.length());
    if (length > MAX_NAME_CHARS) {
      r.problem(
          setting,
          r.raw(setting),
          "a heartbeat name of at most "
              + MAX_NAME_CHARS
              + " characters, Opsgenie's limit (it is "
              + length
              + " once its placeholders are filled in)");
      return null;
    }
    return name;
  }

  /**
   * The message of the alert Opsgenie raises when the heartbeat expires, naming the service and its
   * environment; within Opsgenie's 130 characters. Null without a heartbeat.
   */
  static String alertMessage(String name, String serviceId, Resource resource) {
    if (name == null) {
      return null;
    }
    String env = resource == null ? null : ServiceIdentity.environmentOf(resource);
    String who = serviceId != null ? serviceId : name;
    String message =
        who
            + (env != null ? " (" + env + ")" : "")
            + " stopped: no heartbeat ping from any instance";
    return message.length() > 130 ? message.substring(0, 127) + "..." : message;
  }

  /** A heartbeat without a token: warned, since no ping is sent and the heartbeat would expire. */
  static void crossCheck(SettingsReader r, OpsgenieSettings s) {
    if (s.heartbeatName != null && s.token == null) {
      r.warning(
          r.display(HEARTBEAT_NAME)
              + "="
              + r.raw(HEARTBEAT_NAME)
              + " sends no ping without "
              + r.display(DeliverySettings.TOKEN)
              + " (alerts are only logged): the heartbeat would expire");
    }
  }
}
