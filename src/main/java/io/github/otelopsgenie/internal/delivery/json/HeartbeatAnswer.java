/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import java.util.Locale;
import java.util.Map;

/**
 * Opsgenie's answer to a heartbeat read ({@code GET /v2/heartbeats/{name}}), read leniently: the
 * answer as for any request, and from a 200's {@code data} the heartbeat's interval, its unit and
 * whether it is enabled; whether a 404 came from Opsgenie's heartbeat API (a heartbeat it does not
 * know) or from a base without that API.
 */
public final class HeartbeatAnswer {

  public final OpsgenieResponse response;

  /** {@code data.interval} in {@code data.intervalUnit}, as milliseconds; 0 when unknown. */
  public final long intervalMillis;

  /** {@code data.interval} and {@code data.intervalUnit} as Opsgenie wrote them, or null. */
  public final String intervalText;

  /** {@code data.enabled}; null when the answer does not say. */
  public final Boolean enabled;

  /**
   * The body is Opsgenie's: a JSON object whose message names a heartbeat, or that carries {@code
   * took} and {@code requestId} as every Opsgenie answer does. A 404 without it is a base that has
   * no heartbeat API.
   */
  public final boolean fromOpsgenie;

  private HeartbeatAnswer(
      OpsgenieResponse response,
      long intervalMillis,
      String intervalText,
      Boolean enabled,
      boolean fromOpsgenie) {
    this.response = response;
    this.intervalMillis = intervalMillis;
    this.intervalText = intervalText;
    this.enabled = enabled;
    this.fromOpsgenie = fromOpsgenie;
  }

  public static HeartbeatAnswer read(
      int status, String body, String requestIdHeader, String period) {
    OpsgenieResponse response = ResponseParser.parse(status, body, requestIdHeader, period);
    Object tree = JsonReader.read(body);
    boolean fromOpsgenie = false;
    long millis = 0;
    String text = null;
    Boolean enabled = null;
    if (tree instanceof Map) {
      Object message = JsonReader.member(tree, "message");
      fromOpsgenie =
          (message instanceof String
                  && ((String) message).toLowerCase(Locale.ROOT).contains("heartbeat"))
              || response.opsgenieBody;
      Object data = status == 200 ? JsonReader.member(tree, "data") : null;
      Object interval = JsonReader.member(data, "interval");
      Object unit = JsonReader.member(data, "intervalUnit");
      if (interval instanceof Number) {
        long n = ((Number) interval).longValue();
        String u = unit instanceof String ? ((String) unit).toLowerCase(Locale.ROOT) : "minutes";
        millis = n * unitMillis(u);
        text = n + " " + u;
      }
      Object on = JsonReader.member(data, "enabled");
      enabled = on instanceof Boolean ? (Boolean) on : null;
    }
    return new HeartbeatAnswer(response, millis, text, enabled, fromOpsgenie);
  }

  /** Opsgenie's interval units: minutes, hours, days. */
  private static long unitMillis(String unit) {
    switch (unit) {
      case "hours":
        return 3_600_000L;
      case "days":
        return 86_400_000L;
      default:
        return 60_000L;
    }
  }
}
