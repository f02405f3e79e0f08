/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One request waiting in the sender's queue: an {@link AlertItem}, a {@link CloseItem} or a {@link
 * NoteItem}.
 */
interface WorkItem {

  /**
   * Names it in the log, e.g. {@code alert checkout-...} or {@code close of alert checkout-...}.
   */
  String describe();

  /** Makes its request through {@code client}; called again on a retry. */
  OpsgenieResponse sendTo(OpsgenieClient client) throws IOException;

  /**
   * True when {@code response} ends the item's attempts as done: by default when it was accepted.
   */
  default boolean isDone(OpsgenieResponse response) {
    return response.isAccepted();
  }

  /** The counter of these requests that Opsgenie accepted. */
  AtomicLong acceptedCount(SenderMetrics metrics);

  /**
   * True when a rejection means there was nothing left to do: not a failure, nothing to warn of.
   */
  boolean isMoot(OpsgenieResponse rejection);

  /** Whether it may be made again after {@code error} (a repeat may do it twice). */
  default boolean mayRetryAfter(IOException error) {
    return true;
  }

  /** Alerts take the queue room alerts may take; closes and notes have room of their own. */
  default boolean isAlert() {
    return false;
  }

  /** Done: accepted, or moot. */
  default void succeeded() {}

  /** Not done: rejected, given up on, or never sent (dropped at shutdown). */
  default void failed() {}
}
