/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Adding a note to the alert with an alias ({@code POST /v2/alerts/{alias}/notes}). A note is not
 * idempotent: after a timeout it may have been added, so only a refused connection (nothing was
 * sent) and the answers that say nothing was done (5xx, 429) are retried.
 */
final class NoteItem implements WorkItem {

  private final String alias;
  private final String note;
  private final String source;

  NoteItem(String alias, String note, String source) {
    this.alias = alias;
    this.note = note;
    this.source = source;
  }

  @Override
  public String describe() {
    return "note on alert " + alias;
  }

  @Override
  public OpsgenieResponse sendTo(OpsgenieClient client) throws IOException {
    return client.addNote(alias, note, source);
  }

  @Override
  public AtomicLong acceptedCount(SenderMetrics metrics) {
    return metrics.noted;
  }

  /** A 404: the alert is gone. */
  @Override
  public boolean isMoot(OpsgenieResponse rejection) {
    return rejection.statusCode == 404;
  }

  @Override
  public boolean mayRetryAfter(IOException error) {
    return error instanceof ConnectException;
  }

  String note() {
    return note;
  }

  /**
   * The roll-up of a storm that ended: how many occurrences the cooldown held back, over which
   * period, and the routes seen most often.
   */
  static String rollUpText(StormControl.RollUp rollUp, java.time.Duration cooldown) {
    StringBuilder text =
        new StringBuilder("otel-opsgenie: ")
            .append(rollUp.suppressed)
            .append(" more occurrence(s) of this alert between ")
            .append(java.time.Instant.ofEpochMilli(rollUp.firstMillis))
            .append(" and ")
            .append(java.time.Instant.ofEpochMilli(rollUp.lastMillis))
            .append(" were held back by the cooldown (")
            .append(cooldown.toMillis())
            .append("ms)")
            .append(" and sent no alert of their own; the storm has ended.");
    if (!rollUp.routes.isEmpty()) {
      text.append(" Routes seen most often:");
      String sep = " ";
      for (java.util.Map.Entry<String, Long> route : rollUp.routes) {
        text.append(sep).append(route.getKey()).append(" (").append(route.getValue()).append(')');
        sep = ", ";
      }
      text.append('.');
    }
    return text.toString();
  }
}
