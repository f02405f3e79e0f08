/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.HeartbeatAnswer;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.time.Duration;
import java.util.logging.Logger;

/**
 * The heartbeat's startup read: once, on the sender's worker right after the key check, {@code GET
 * /v2/heartbeats/{name}}. 200: one INFO line with its interval, and a WARNING when that interval is
 * shorter than about three pings (one late ping would page) or the heartbeat is disabled (it would
 * never page). 404 from Opsgenie: one WARNING saying how to create it, or, with {@code
 * heartbeat.create}, it is created ({@code POST /v2/heartbeats}). 401/403 (a key without
 * configuration access), a base without a heartbeat API (405, or a 404 that is not Opsgenie's) or
 * no answer: one INFO line; pings go on regardless. Never throws; the key is never printed.
 */
final class HeartbeatCheck {

  private static final Logger logger = Logger.getLogger(HeartbeatCheck.class.getName());

  private HeartbeatCheck() {}

  static void run(HttpOpsgenieClient client, Heartbeat heartbeat) {
    String prefix = "otel-opsgenie heartbeat \"" + heartbeat.name + "\": ";
    HeartbeatAnswer answer;
    try {
      answer = client.getHeartbeat(heartbeat.name);
    } catch (IOException | RuntimeException e) {
      logger.info(
          prefix
              + "could not be read ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); pinging every "
              + seconds(heartbeat.interval)
              + " regardless");
      return;
    }
    int status = answer.response.statusCode;
    if (status == 200) {
      found(prefix, heartbeat, answer);
    } else if (status == 404 && answer.fromOpsgenie) {
      if (heartbeat.create) {
        create(prefix, client, heartbeat);
      } else {
        logger.warning(
            prefix
                + "Opsgenie has no heartbeat of that name, so the pings are ignored and nothing"
                + " pages when the service stops. Create it in Opsgenie (Settings > Heartbeats,"
                + " an interval of at least "
                + heartbeat.expectedMinutes()
                + " minutes, enabled) or set otel.opsgenie.heartbeat.create=true (the API key then"
                + " needs configuration access)");
      }
    } else {
      logger.info(
          prefix
              + "could not be read ("
              + answer.response.describe()
              + (status == 401 || status == 403
                  ? ": the API key may not read configuration"
                  : status == 404 || status == 405
                      ? ": this API base has no heartbeat API that answers reads (JSM Operations?)"
                      : "")
              + "); pinging every "
              + seconds(heartbeat.interval)
              + " regardless");
    }
  }

  private static void found(String prefix, Heartbeat heartbeat, HeartbeatAnswer answer) {
    logger.info(
        prefix
            + "Opsgenie expects a ping every "
            + (answer.intervalText != null ? answer.intervalText : "(interval not given)")
            + (Boolean.FALSE.equals(answer.enabled) ? ", disabled" : "")
            + "; pinging every "
            + seconds(heartbeat.interval));
    if (Boolean.FALSE.equals(answer.enabled)) {
      logger.warning(
          prefix
              + "the heartbeat is disabled in Opsgenie: it will not page when the service stops."
              + " Enable it in Opsgenie");
    }
    long threePings = heartbeat.interval.toMillis() * 3;
    if (answer.intervalMillis > 0 && answer.intervalMillis < threePings) {
      logger.warning(
          prefix
              + "its interval in Opsgenie ("
              + answer.intervalText
              + ") is shorter than three pings ("
              + seconds(heartbeat.interval.multipliedBy(3))
              + "): one late or lost ping would page. Give it at least "
              + heartbeat.expectedMinutes()
              + " minutes, or ping more often (otel.opsgenie.heartbeat.interval)");
    }
  }

  private static void create(String prefix, HttpOpsgenieClient client, Heartbeat heartbeat) {
    OpsgenieResponse created;
    try {
      created = client.createHeartbeat(heartbeat.createBody());
    } catch (IOException | RuntimeException e) {
      logger.warning(
          prefix
              + "Opsgenie has no heartbeat of that name and creating it failed ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + "); create it in Opsgenie");
      return;
    }
    if (created.isAccepted()) {
      logger.info(
          prefix
              + "created in Opsgenie (otel.opsgenie.heartbeat.create=true): enabled, expecting a"
              + " ping every "
              + heartbeat.expectedMinutes()
              + " minutes; pinging every "
              + seconds(heartbeat.interval));
      return;
    }
    int status = created.statusCode;
    logger.warning(
        prefix
            + "Opsgenie has no heartbeat of that name and refused to create it ("
            + created.describe()
            + (status == 401 || status == 403
                ? ": the API key needs configuration access to create heartbeats"
                : "")
            + "); create it in Opsgenie, or give the key that access");
  }

  private static String seconds(Duration d) {
    return HeartbeatPinger.text(d);
  }
}
