/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.Setting.YamlType.BOOLEAN;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.DURATION;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.INTEGER;
import static io.github.otelopsgenie.internal.settings.Setting.YamlType.STRING;

import java.net.URI;
import java.time.Duration;

/**
 * The settings of the connection to Opsgenie and of delivery: whether the processor runs, the API
 * key and base, the startup check, the request timeout, the queue, retries and the cooldown per
 * alias. First in the documentation.
 */
public final class DeliverySettings {

  static final String DEFAULT_API_BASE = "https://api.opsgenie.com";
  public static final int DEFAULT_QUEUE_SIZE = 1024;
  public static final int DEFAULT_MAX_ATTEMPTS = 5;
  public static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  public static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  public static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);

  static final SettingGroup GROUP = new SettingGroup();

  public static final Setting<Boolean> ENABLED =
      GROUP.add(
          new Setting<>(
              "enabled",
              BOOLEAN,
              "`true`",
              "true",
              "`false` leaves the processor out.",
              (r, s) -> r.bool(s, true)));
  public static final Setting<String> TOKEN =
      GROUP.add(
          new Setting<>(
              "token",
              STRING,
              "none",
              "a1b2c3d4-e5f6-4711-8899-aabbccddeeff",
              "Opsgenie API **integration** key, sent as `Authorization: GenieKey <key>`: printable ASCII, no spaces. Never logged. Without it, alerts are logged as JSON instead of sent.",
              DeliveryChecks::token));
  public static final Setting<URI> API_BASE =
      GROUP.add(
          new Setting<>(
              "api.base",
              STRING,
              "`" + DEFAULT_API_BASE + "`",
              "https://api.eu.opsgenie.com",
              "EU: `https://api.eu.opsgenie.com`; JSM Operations: `https://api.atlassian.com/jsm/ops/integration`. `/v2/alerts` is appended. No user info, query or fragment. Plain `http://` only to a loopback host (`localhost` or a `127.x.x.x`/`::1` literal) unless `api.allow.insecure` is `true`.",
              DeliveryChecks::apiBase));
  public static final Setting<Boolean> API_ALLOW_INSECURE =
      GROUP.add(
          new Setting<>(
              "api.allow.insecure",
              BOOLEAN,
              "`false`",
              "false",
              "`true` allows a plain `http://` API base on a host other than loopback, which sends the API key in clear text (a warning is still logged). Without it such a base is rejected.",
              (r, s) -> r.bool(s, false)));
  public static final Setting<Boolean> STARTUP_CHECK =
      GROUP.add(
          new Setting<>(
              "startup.check",
              BOOLEAN,
              "`true`",
              "true",
              "At startup, on the sender's thread (never delaying startup), one authenticated call that creates nothing (`GET {api base}/v2/alerts/requests/{random id}`) checks the token against the API base: a refused key (401/403: wrong or revoked key, an EU key on the US API or the reverse, an Opsgenie-only key on JSM) is one SEVERE line naming the base and the likely cause; success one INFO line; no connection one WARNING. Only with a token.",
              (r, s) -> r.bool(s, true)));
  public static final Setting<Duration> TIMEOUT =
      GROUP.add(
          new Setting<>(
              "timeout",
              DURATION,
              "`10s`",
              "10s",
              "Connect and read timeout of one request to Opsgenie.",
              (r, s) -> r.duration(s, DEFAULT_TIMEOUT, false)));
  public static final Setting<Integer> QUEUE_SIZE =
      GROUP.add(
          new Setting<>(
              "queue.size",
              INTEGER,
              "`" + DEFAULT_QUEUE_SIZE + "`",
              "1024",
              "Alerts waiting to be sent; a full queue drops and counts.",
              (r, s) -> r.integer(s, DEFAULT_QUEUE_SIZE, 1, 1_000_000)));
  public static final Setting<Integer> RETRY_MAX_ATTEMPTS =
      GROUP.add(
          new Setting<>(
              "retry.max.attempts",
              INTEGER,
              "`" + DEFAULT_MAX_ATTEMPTS + "`",
              "5",
              "Attempts per alert on transport errors, 5xx and 429.",
              (r, s) -> r.integer(s, DEFAULT_MAX_ATTEMPTS, 1, 100)));
  public static final Setting<Duration> RETRY_INITIAL_BACKOFF =
      GROUP.add(
          new Setting<>(
              "retry.initial.backoff",
              DURATION,
              "`1s`",
              "1s",
              "First retry delay (exponential, with jitter).",
              (r, s) -> r.duration(s, DEFAULT_INITIAL_BACKOFF, false)));
  public static final Setting<Duration> RETRY_MAX_BACKOFF =
      GROUP.add(
          new Setting<>(
              "retry.max.backoff",
              DURATION,
              "`30s`",
              "30s",
              "Longest retry delay; not shorter than `retry.initial.backoff`.",
              (r, s) -> r.duration(s, DEFAULT_MAX_BACKOFF, false)));
  public static final Setting<Duration> ALERT_COOLDOWN =
      GROUP.add(
          new Setting<>(
              "alert.cooldown",
              DURATION,
              "`60s`",
              "60s",
              "The same alias is sent at most once per cooldown; the next alert carries the count held back. When the storm ends (a whole cooldown without an occurrence after one that held some back), one note on the open alert gives that count, the first and last time and the routes seen most often. `0` turns it off.",
              (r, s) -> r.duration(s, DEFAULT_COOLDOWN, true)));

  private DeliverySettings() {}
}
