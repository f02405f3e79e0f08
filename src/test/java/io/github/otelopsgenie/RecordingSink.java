/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** Keeps what the processor offers, for assertions. */
final class RecordingSink implements AlertSink {

  final List<OpsgenieAlert> alerts = new CopyOnWriteArrayList<>();

  /** Each close asked for: alias, then note. */
  final List<String[]> closes = new CopyOnWriteArrayList<>();

  volatile boolean accept = true;

  /** Whether a close can be queued. */
  volatile boolean acceptCloses = true;

  /** Null: a queued close is reported closed at once; else the outcomes, to be told by the test. */
  volatile List<io.github.otelopsgenie.internal.delivery.CloseOutcome> heldOutcomes;

  volatile RuntimeException failure;

  /** What the processor asked to export with the sink's metrics. */
  final List<io.github.otelopsgenie.internal.delivery.SenderMetrics.Instruments> exported =
      new CopyOnWriteArrayList<>();

  @Override
  public void alsoExport(
      io.github.otelopsgenie.internal.delivery.SenderMetrics.Instruments instruments) {
    exported.add(instruments);
  }

  private boolean offer(OpsgenieAlert alert) {
    if (failure != null) {
      throw failure;
    }
    if (accept) {
      alerts.add(alert);
    }
    return accept;
  }

  /**
   * Builds the alert at once (the sender builds it on its thread); the alias told before the alert
   * is built must be the one the alert carries.
   */
  @Override
  public boolean enqueue(String alias, Supplier<OpsgenieAlert> build) {
    OpsgenieAlert alert = build.get();
    if (alert != null && !alias.equals(alert.getAlias())) {
      throw new AssertionError(
          "offered for alias " + alias + " but the alert's alias is " + alert.getAlias());
    }
    return offer(alert);
  }

  private boolean close(String alias, String note) {
    closes.add(new String[] {alias, note});
    return acceptCloses;
  }

  @Override
  public boolean close(
      String alias, String note, io.github.otelopsgenie.internal.delivery.CloseOutcome outcome) {
    if (!close(alias, note)) {
      return false;
    }
    List<io.github.otelopsgenie.internal.delivery.CloseOutcome> held = heldOutcomes;
    if (held != null) {
      held.add(outcome);
    } else {
      outcome.closed();
    }
    return true;
  }

  /** Storm control holds a sink without a cooldown to nothing: no roll-up note comes here. */
  @Override
  public boolean note(String alias, String text) {
    throw new AssertionError("a note on " + alias + " without a cooldown: " + text);
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }

  OpsgenieAlert only() {
    if (alerts.size() != 1) {
      throw new AssertionError("expected one alert, got " + alerts);
    }
    return alerts.get(0);
  }
}
