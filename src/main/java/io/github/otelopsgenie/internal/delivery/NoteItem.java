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
 * Adding a note to the alert with an alias ({@code POST /v2/alerts/{alias}/notes}): admission's
 * roll-up of a storm that ended, through {@link AlertSink#note}. A note is not idempotent: after a
 * timeout it may have been added, so only a refused connection (nothing was sent) and the answers
 * that say nothing was done (5xx, 429) are retried.
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
}
