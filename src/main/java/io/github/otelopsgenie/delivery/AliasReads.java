/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import java.util.function.LongSupplier;
import java.util.logging.Logger;

/**
 * Reading an alert by alias before closing it, with {@code alert.auto.close}'s quiet period: did
 * any replica make it occur within the period? And whether the API answers a get by alias at all.
 * Opsgenie's does; an integration API without reads (Jira Service Management Operations'
 * integration API documents none) answers 404 or 405 for another reason than "Alert does not
 * exist". Then, logged once, closes go out unread as before: unsafe when replicas share an alias.
 * Used from the sender's thread only.
 */
final class AliasReads {

  private static final Logger logger = Logger.getLogger(AliasReads.class.getName());
  static final String NO_SUCH_ALERT = "Alert does not exist";

  /** The quiet period; 0 closes unread. */
  private final long quietMillis;

  private final LongSupplier wallMillis;
  private volatile boolean supported = true;

  AliasReads(long quietMillis, LongSupplier wallMillis) {
    this.quietMillis = quietMillis;
    this.wallMillis = wallMillis;
  }

  /** A close reads first: there is a quiet period, and reads were not found unsupported. */
  boolean readFirst() {
    return quietMillis > 0 && supported;
  }

  /** The alert occurred (on any replica) within the quiet period, so it is not closed yet. */
  boolean occurredWithinQuietPeriod(AlertState state) {
    return state.lastOccurredAtMillis > wallMillis.getAsLong() - quietMillis;
  }

  /** Opsgenie's answer when no alert has the alias. */
  boolean isNoSuchAlert(OpsgenieResponse read) {
    return read.statusCode == 404 && read.message != null && read.message.contains(NO_SUCH_ALERT);
  }

  /** The read was answered with neither an alert nor "no such alert": reads are off from now on. */
  void unsupported(OpsgenieResponse read) {
    if (supported) {
      supported = false;
      logger.warning(
          "otel-opsgenie cannot read alerts by alias ("
              + read.describe()
              + "), so auto-close"
              + " closes without checking whether another instance still sees the alert occurring: unsafe"
              + " when replicas share an alias (see docs/troubleshooting.md)");
    }
  }
}
