/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** One request waiting in the sender's queue: an {@link AlertItem} or a {@link CloseItem}. */
interface WorkItem {

  /** Names it in the log, e.g. {@code alert checkout-...} or {@code close of alert checkout-...}. */
  String describe();

  /** Makes its request through {@code client}; called again on a retry. */
  OpsgenieResponse sendTo(OpsgenieClient client) throws IOException;

  /** The counter of these requests that Opsgenie accepted. */
  AtomicLong acceptedCount(SenderMetrics metrics);

  /** True when a rejection means there was nothing left to do: not a failure, nothing to warn of. */
  boolean isMoot(OpsgenieResponse rejection);
}
