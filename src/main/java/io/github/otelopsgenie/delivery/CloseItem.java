/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closing the open alert with an alias ({@code POST /v2/alerts/{alias}/close}), with a note. With a
 * quiet period it first reads the alert ({@code GET /v2/alerts/{alias}}): every replica of a
 * service sends the same alias, so the alert is closed only when it is open and no replica made it
 * occur within the quiet period; otherwise it stays due ({@link CloseOutcome#notClosed()}).
 */
final class CloseItem implements WorkItem {

  private final String alias;
  private final String note;

  /** Sent as the close's {@code source} (creates carry their own); null leaves it out. */
  private final String source;

  /** With a quiet period, the read first; null closes unread. */
  private final AliasReads reads;

  private final CloseOutcome outcome;

  /** Set by {@link #sendTo}: the read found it still occurring, so nothing was closed. */
  private boolean stillOccurring;

  CloseItem(String alias, String note, String source) {
    this(alias, note, source, null, CloseOutcome.IGNORED);
  }

  CloseItem(String alias, String note, String source, AliasReads reads, CloseOutcome outcome) {
    this.alias = alias;
    this.note = note;
    this.source = source;
    this.reads = reads;
    this.outcome = outcome;
  }

  @Override
  public String describe() {
    return "close of alert " + alias;
  }

  @Override
  public OpsgenieResponse sendTo(OpsgenieClient client) throws IOException {
    stillOccurring = false;
    if (reads != null && reads.readFirst()) {
      OpsgenieResponse read = client.getAlert(alias);
      AlertState state = read.alertState;
      if (read.isRetryable() || (read.statusCode == 401 || read.statusCode == 403)) {
        return read;
      }
      if (state != null) {
        if (!state.open) {
          return read; // closed already: moot
        }
        if (reads.occurredWithinQuietPeriod(state)) {
          stillOccurring = true;
          return read;
        }
      } else if (!read.isLogged() && !reads.isNoSuchAlert(read)) {
        reads.unsupported(read);
      } else if (reads.isNoSuchAlert(read)) {
        return read; // nothing to close: moot
      }
    }
    return client.closeAlert(alias, note, source);
  }

  @Override
  public AtomicLong acceptedCount(SenderMetrics metrics) {
    return stillOccurring ? metrics.closeDeferred : metrics.closed;
  }

  /** A 404 (closed by hand already, or never created), or the read found it closed. */
  @Override
  public boolean isMoot(OpsgenieResponse rejection) {
    return rejection.statusCode == 404
        || (rejection.alertState != null && !rejection.alertState.open);
  }

  @Override
  public void succeeded() {
    if (stillOccurring) {
      outcome.notClosed();
    } else {
      outcome.closed();
    }
  }

  @Override
  public void failed() {
    outcome.notClosed();
  }
}
