/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

/** What a get by alias says of an alert: whether it is open, and when it last occurred. */
public final class AlertState {

  public final boolean open;

  /** {@code lastOccurredAt} in epoch millis (an answer without a readable one has no state). */
  public final long lastOccurredAtMillis;

  AlertState(boolean open, long lastOccurredAtMillis) {
    this.open = open;
    this.lastOccurredAtMillis = lastOccurredAtMillis;
  }

  @Override
  public String toString() {
    return "AlertState{"
        + (open ? "open" : "closed")
        + ", lastOccurredAt="
        + lastOccurredAtMillis
        + "}";
  }
}
