/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.function.Supplier;

/** Where the processor hands alerts: never blocks, never throws. */
public interface AlertSink {

  /**
   * Hands {@code alert} over for delivery on another thread. Returns false, without blocking, when
   * it was dropped (queue full, or shut down).
   */
  boolean offer(OpsgenieAlert alert);

  /**
   * Hands over the alert that {@code build} makes for {@code alias} (the alert's alias, within its
   * limit). A sink that holds aliases back (a cooldown) calls {@code build} only for an alert it
   * will queue: during a storm, the requests whose alert is only counted build nothing. Returns as
   * {@link #offer(OpsgenieAlert)}.
   */
  default boolean offer(String alias, Supplier<OpsgenieAlert> build) {
    return offer(build.get());
  }

  /**
   * As {@link #offer(String, Supplier)}, naming the request's {@code route} (may be null) for a
   * sink that reports what it held back.
   */
  default boolean offer(String alias, String route, Supplier<OpsgenieAlert> build) {
    return offer(alias, build);
  }

  /**
   * Storm control's decision on one occurrence of {@code alias}, taken before anything of the alert
   * is read or built: null when it is held back (counted, with {@code route}, which may be null,
   * for the roll-up), else the admission that {@link #enqueue} takes. Allocates nothing for a
   * held-back alias; never blocks, never throws. The default admits all.
   */
  default Admission admit(String alias, String route) {
    return Admission.NONE;
  }

  /**
   * As {@link #admit(String, String)}, for an occurrence that happened at {@code endEpochNanos}
   * (the span's end time, epoch nanoseconds): a sink may take it as "now" instead of reading its
   * clock.
   */
  default Admission admit(String alias, String route, long endEpochNanos) {
    return admit(alias, route);
  }

  /**
   * Queues the alert that {@code build} makes for {@code alias}, admitted by {@link #admit}: a sink
   * with a thread of its own calls {@code build} there, not on the request thread. Returns false,
   * without blocking, when it was dropped (the admission's counts then go back to the alias).
   */
  default boolean enqueue(String alias, Admission admission, Supplier<OpsgenieAlert> build) {
    return offer(alias, build);
  }

  /**
   * As {@link #close(String, String)}, and {@code outcome} learns, later and on another thread,
   * whether the alert was closed or is still due. The default tells it "closed" once queued.
   */
  default boolean close(String alias, String note, CloseOutcome outcome) {
    boolean queued = close(alias, note);
    if (queued) {
      outcome.closed();
    }
    return queued;
  }

  /**
   * Queues closing the open alert with {@code alias} ({@code POST /v2/alerts/{alias}/close}), with
   * {@code note}. Returns false, without blocking, when it could not be queued.
   */
  boolean close(String alias, String note);

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
