/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;

/** Closing the open alert with an alias ({@code POST /v2/alerts/{alias}/close}), with a note. */
final class CloseItem implements WorkItem {

  private final String alias;
  private final String note;
  /** Sent as the close's {@code source} (creates carry their own); null leaves it out. */
  private final String source;

  CloseItem(String alias, String note, String source) {
    this.alias = alias;
    this.note = note;
    this.source = source;
  }

  @Override
  public String describe() {
    return "close of alert " + alias;
  }

  @Override
  public OpsgenieResponse sendTo(OpsgenieClient client) throws IOException {
    return client.closeAlert(alias, note, source);
  }

  @Override
  public AtomicLong acceptedCount(SenderMetrics metrics) {
    return metrics.closed;
  }

  /** A 404: closed by hand already, or never created. */
  @Override
  public boolean isMoot(OpsgenieResponse rejection) {
    return rejection.statusCode() == 404;
  }
}
