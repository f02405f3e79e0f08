/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.function.Supplier;

/**
 * Where admission hands the alerts it let through, and auto-close its closes: never blocks, never
 * throws.
 */
public interface AlertSink {

  /**
   * Storm control's decision on one occurrence of {@code alias} at {@code endEpochNanos} (the
   * span's end time, epoch nanoseconds, which a sink may take as "now" instead of reading its
   * clock), taken before anything of the alert is read or built: null when it is held back
   * (counted, with {@code route}, which may be null, for the roll-up), else the admission that
   * {@link #enqueue} takes. Allocates nothing for a held-back alias; never blocks, never throws.
   */
  Admission admit(String alias, String route, long endEpochNanos);

  /**
   * Queues the alert that {@code build} makes for {@code alias}, admitted by {@link #admit}: a sink
   * with a thread of its own calls {@code build} there, not on the request thread. Returns false,
   * without blocking, when it was dropped (the admission's counts then go back to the alias).
   */
  boolean enqueue(String alias, Admission admission, Supplier<OpsgenieAlert> build);

  /**
   * Queues closing the open alert with {@code alias} ({@code POST /v2/alerts/{alias}/close}), with
   * {@code note}; {@code outcome} learns, later and on another thread, whether the alert was closed
   * or is still due. Returns false, without blocking, when it could not be queued.
   */
  boolean close(String alias, String note, CloseOutcome outcome);

  /**
   * Exports {@code instruments} with the sink's own self-metrics, once a global OpenTelemetry is
   * set; a sink without metrics ignores them.
   */
  default void alsoExport(SenderMetrics.Instruments instruments) {}

  /** What the sink remembers per alias, against its bound, for the shutdown line; may be empty. */
  default String stateSummary() {
    return "";
  }

  /** Completes when everything offered so far was delivered or given up on. */
  CompletableResultCode forceFlush();

  /** Flushes, then stops: nothing offered afterwards is sent. Idempotent. */
  CompletableResultCode shutdown();
}
