/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Closing the open alert with an alias ({@code POST /v2/alerts/{alias}/close}), with a note. With a
 * quiet period it first reads the alert ({@code GET /v2/alerts/{alias}}): every replica of a
 * service sends the same alias, so the alert is closed only when it is open and no replica made it
 * occur within the quiet period; otherwise, or when it could not be read, it stays due ({@link
 * CloseOutcome#notClosed()}). On an API without reads it is left open for a person ({@link
 * CloseOutcome#leftOpen()}) unless closing unread was chosen.
 */
final class CloseItem implements WorkItem {

  /**
   * No request was made: the API has no reads and closing unread is off, so the alert is left open.
   */
  private static final OpsgenieResponse LEFT_OPEN =
      new OpsgenieResponse(
          200,
          "no reads: left open",
          0,
          java.util.Collections.<String, String>emptyMap(),
          null,
          0,
          null,
          false);

  private final String alias;
  private final String note;

  /** Sent as the close's {@code source} (creates carry their own); null leaves it out. */
  private final String source;

  /** With a quiet period, the read first; null closes unread. */
  private final AliasReads reads;

  private final CloseOutcome outcome;

  /** Set by {@link #sendTo}: what the read decided; null when the close went out unread. */
  private AliasReads.Decision decision;

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

  /**
   * Reads first (with a quiet period), and closes only on what the read decided ({@link
   * AliasReads}): a read that fails or cannot be read is not retried here, the close stays due and
   * is tried again later. Only the close itself is retried.
   */
  @Override
  public OpsgenieResponse sendTo(OpsgenieClient client) throws IOException {
    decision = null;
    if (reads != null) {
      if (reads.readFirst()) {
        OpsgenieResponse read;
        try {
          read = client.getAlert(alias);
        } catch (IOException e) {
          decision = AliasReads.Decision.LATER;
          return unread(e);
        }
        decision = reads.decide(read);
        if (decision != AliasReads.Decision.CLOSE) {
          return read;
        }
      } else {
        decision = reads.unread();
        if (decision != AliasReads.Decision.CLOSE) {
          return LEFT_OPEN;
        }
      }
    }
    decision = null;
    return client.closeAlert(alias, note, source);
  }

  private static OpsgenieResponse unread(IOException e) {
    return new OpsgenieResponse(
        0,
        String.valueOf(e),
        0,
        java.util.Collections.<String, String>emptyMap(),
        null,
        0,
        null,
        false);
  }

  /** The read settled it (nothing to close, not now, left open): no close was made to retry. */
  @Override
  public boolean isDone(OpsgenieResponse response) {
    return decision != null || response.isAccepted();
  }

  @Override
  public AtomicLong acceptedCount(SenderMetrics metrics) {
    if (decision == AliasReads.Decision.LATER || decision == AliasReads.Decision.LEAVE_OPEN) {
      return metrics.closeDeferred;
    }
    return metrics.closed;
  }

  /** A 404 (closed by hand already, or never created), or the read found it closed. */
  @Override
  public boolean isMoot(OpsgenieResponse rejection) {
    return rejection.statusCode == 404
        || (rejection.alertState != null && !rejection.alertState.open);
  }

  @Override
  public void succeeded() {
    if (decision == AliasReads.Decision.LATER) {
      outcome.notClosed();
    } else if (decision == AliasReads.Decision.LEAVE_OPEN) {
      outcome.leftOpen();
    } else {
      outcome.closed();
    }
  }

  @Override
  public void failed() {
    outcome.notClosed();
  }
}
