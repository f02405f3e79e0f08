/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * What the sender's worker says in the log, worded for an operator: rejections (an auth failure
 * once, with what to check), give-ups, drops and the shutdown summary. Never the key, never one
 * line per span. Used from the worker's thread only.
 */
final class DeliveryLog {

  private static final Logger logger = Logger.getLogger(DeliveryLog.class.getName());

  private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);

  private final URI apiBase;
  private final OpsgenieClient client;
  private final int queueSize;
  private boolean authFailureLogged;
  private long workerFailures;
  private long droppedReported;
  private long lastDropLogNanos;
  private boolean dropLogged;

  DeliveryLog(URI apiBase, OpsgenieClient client, int queueSize) {
    this.apiBase = apiBase;
    this.client = client;
    this.queueSize = queueSize;
  }

  /** Opsgenie's rejection of {@code item}, not to be retried. */
  void rejected(WorkItem item, OpsgenieResponse response) {
    int status = response.statusCode;
    if (status == 401 || status == 403) {
      if (!authFailureLogged) {
        authFailureLogged = true;
        logger.severe(authFailure(response));
      } else {
        fine(item.describe() + " rejected: " + response.describe());
      }
    } else if (item.isMoot(response)) {
      fine(item.describe() + ": no such open alert (" + response.describe() + ")");
    } else if (status == 422) {
      logger.warning(
          "otel-opsgenie "
              + item.describe()
              + " rejected by Opsgenie as not processable: "
              + response.describe());
    } else {
      String hint =
          status == 404 || status == 405
              ? "; check otel.opsgenie.api.base ("
                  + apiBase
                  + "): alerts are posted to "
                  + client.describeDestination()
              : "";
      logger.warning(
          "otel-opsgenie "
              + item.describe()
              + " rejected by Opsgenie: "
              + response.describe()
              + hint);
    }
  }

  private String authFailure(OpsgenieResponse response) {
    String tail = " Alerts are not being delivered; they are not retried, and this is logged once.";
    if (response.statusCode == 403 && response.code == 40301) {
      return "otel-opsgenie cannot deliver alerts: the key in otel.opsgenie.token is not an API"
          + " integration key ("
          + response.describe()
          + "). Only the key of an API integration"
          + " (Opsgenie: Settings > Integrations > API; JSM Operations: an API integration) may"
          + " create alerts; account and user API keys may not."
          + tail;
    }
    if (response.statusCode == 403) {
      return "otel-opsgenie cannot deliver alerts: Opsgenie refused the key in otel.opsgenie.token ("
          + response.describe()
          + "); use the key of an API integration that may create alerts."
          + tail;
    }
    return "otel-opsgenie cannot deliver alerts: Opsgenie did not accept the key in"
        + " otel.opsgenie.token ("
        + response.describe()
        + "): it is wrong, its integration is"
        + " disabled, or it belongs to another region than "
        + apiBase
        + " (EU accounts use https://api.eu.opsgenie.com), or it is not an API integration key."
        + tail;
  }

  void sent(WorkItem item, OpsgenieResponse response) {
    fine("sent " + item.describe() + " (" + response.describe() + ")");
  }

  void retrying(WorkItem item, int attempt, int maxAttempts, String why) {
    fine(
        "retrying "
            + item.describe()
            + " (attempt "
            + attempt
            + " of "
            + maxAttempts
            + ") after "
            + why);
  }

  void gaveUpAfterAttempts(WorkItem item, int attempts, String why) {
    logger.warning(
        "otel-opsgenie gave up on "
            + item.describe()
            + " after "
            + attempts
            + " attempt(s) to "
            + client.describeDestination()
            + ": "
            + why);
  }

  void gaveUpNoTimeToRetry(WorkItem item, String why) {
    logger.warning(
        "otel-opsgenie gave up on "
            + item.describe()
            + ": shutting down, no time left to retry after "
            + why);
  }

  void gaveUpAtDeadline(WorkItem item) {
    logger.warning("otel-opsgenie gave up on " + item.describe() + ": shutdown ran out of time");
  }

  /** Reports drops not reported yet, at most once a minute: {@code dropped} is the count so far. */
  void droppedSoFar(long dropped, long nowNanos) {
    if (dropped > droppedReported
        && (!dropLogged || nowNanos - lastDropLogNanos >= DROP_LOG_INTERVAL_NANOS)) {
      logger.warning(
          "otel-opsgenie dropped "
              + (dropped - droppedReported)
              + " alert(s) because its queue of "
              + queueSize
              + " was full ("
              + dropped
              + " dropped in all); raise otel.opsgenie.queue.size"
              + " or otel.opsgenie.alert.cooldown if this repeats");
      droppedReported = dropped;
      lastDropLogNanos = nowNanos;
      dropLogged = true;
    }
  }

  void leftQueued(int left, Duration shutdownTimeout) {
    logger.warning(
        "otel-opsgenie shut down with "
            + left
            + " alert(s) still queued and not sent: Opsgenie did"
            + " not answer within the shutdown timeout of "
            + shutdownTimeout);
  }

  void stopped(String summary, long unreported) {
    logger.info(
        "otel-opsgenie sender stopped: "
            + summary
            + (unreported > 0
                ? " (" + unreported + " suppressed occurrence(s) had no later alert to report them)"
                : ""));
  }

  /**
   * The first unexpected failure on the worker, with its stack trace; later ones are only counted.
   */
  void workerFailure(Throwable t) {
    if (workerFailures++ == 0) {
      logger.log(
          Level.WARNING,
          "otel-opsgenie's sender failed; further failures like this are only counted",
          t);
    }
  }

  void workerDied(Throwable t) {
    logger.log(
        Level.SEVERE,
        "otel-opsgenie's sender thread stopped unexpectedly; the next alert is"
            + " refused (counted as dropped) and a new thread is started",
        t);
  }

  void workerReplaced() {
    logger.warning("otel-opsgenie started a new sender thread in place of the one that stopped");
  }

  private static void fine(String message) {
    if (logger.isLoggable(Level.FINE)) {
      logger.fine("otel-opsgenie " + message);
    }
  }
}
