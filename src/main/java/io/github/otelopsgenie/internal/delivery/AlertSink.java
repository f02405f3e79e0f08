/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Where admission hands the alerts it let through, auto-close its closes and storm control its
 * notes: never blocks, never throws.
 */
public interface AlertSink {

  /**
   * Queues the alert that {@code build} makes for {@code alias}: a sink with a thread of its own
   * calls {@code build} there, not on the request thread. Returns false, without blocking, when it
   * was dropped.
   */
  boolean enqueue(String alias, Supplier<OpsgenieAlert> build);

  /**
   * Queues closing the open alert with {@code alias} ({@code POST /v2/alerts/{alias}/close}), with
   * {@code note}; {@code outcome} learns, later and on another thread, whether the alert was closed
   * or is still due. Returns false, without blocking, when it could not be queued.
   */
  boolean close(String alias, String note, CloseOutcome outcome);

  /**
   * Queues adding {@code text} as a note to the open alert with {@code alias} ({@code POST
   * /v2/alerts/{alias}/notes}). Returns false, without blocking, when it was dropped.
   */
  boolean note(String alias, String text);

  /**
   * The cooldown per alias that admission's storm control holds this sink's alerts to ({@code
   * alert.cooldown}, a setting of the sender); {@link Duration#ZERO}, none, for a sink without it.
   */
  default Duration cooldown() {
    return Duration.ZERO;
  }

  /**
   * What the caller holds back before this sink: its thread runs {@code heldBack}'s task about once
   * a second, and its counts are reported with the sink's; replaces the one attached before. A sink
   * without a thread of its own ignores it.
   */
  default void attach(HeldBack heldBack) {}

  /**
   * Exports {@code instruments} with the sink's own self-metrics, once a global OpenTelemetry is
   * set; a sink without metrics ignores them.
   */
  default void alsoExport(SenderMetrics.Instruments instruments) {}

  /** What the sink remembers, for the shutdown line; may be empty. */
  default String stateSummary() {
    return "";
  }

  /** Completes when everything offered so far was delivered or given up on. */
  CompletableResultCode forceFlush();

  /** Flushes, then stops: nothing offered afterwards is sent. Idempotent. */
  CompletableResultCode shutdown();
}
