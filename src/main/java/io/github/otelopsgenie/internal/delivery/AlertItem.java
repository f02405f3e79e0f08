/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** An alert to create, built on the sender's thread before its first attempt. */
final class AlertItem implements WorkItem {

  private final String alias;
  private final Supplier<OpsgenieAlert> build;

  /** Built on the worker's thread before the first attempt, then kept for the retries. */
  private OpsgenieAlert alert;

  AlertItem(String alias, Supplier<OpsgenieAlert> build) {
    this.alias = alias;
    this.build = build;
  }

  @Override
  public String describe() {
    return "alert " + (alert != null ? alert.getAlias() : alias);
  }

  @Override
  public OpsgenieResponse sendTo(OpsgenieClient client) throws IOException {
    if (alert == null) {
      alert = build.get();
    }
    return client.createAlert(alert);
  }

  @Override
  public AtomicLong acceptedCount(SenderMetrics metrics) {
    return metrics.sent;
  }

  @Override
  public boolean isAlert() {
    return true;
  }

  @Override
  public boolean isMoot(OpsgenieResponse rejection) {
    return false;
  }
}
