/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.net.URI;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * How the worker's work begins (issue 30: nothing of ours beside the agent's premain): its thread
 * waits at the {@link StartGate}; begun by time, the client warms up first; begun by an offer, the
 * worker waits briefly for that offer's item, which goes first and warms the path itself. Then,
 * once, when nothing waits, the key check and the heartbeat's startup read, on the worker's thread
 * so that neither startup nor a first alert waits for them. Used by the worker's thread only.
 */
final class WorkerStartup {

  /**
   * How long a worker that an offer began waits for that offer's item before the startup checks:
   * the offer opens the gate just before it queues (see {@link Worker#offer}).
   */
  private static final long FIRST_ITEM_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  private final StartGate gate;
  private final OpsgenieClient client;
  private final boolean startupCheck;
  private final URI apiBase;
  private final Heartbeat heartbeat;
  private final BooleanSupplier shutdownRequested;
  private boolean checked;

  WorkerStartup(
      AlertSenderBuilder b,
      StartGate gate,
      OpsgenieClient client,
      BooleanSupplier shutdownRequested) {
    this.gate = gate;
    this.client = client;
    this.startupCheck = b.startupCheck;
    this.apiBase = b.apiBase;
    this.heartbeat = b.heartbeat;
    this.shutdownRequested = shutdownRequested;
  }

  /** Waits until the gate opens; true when it opened by time (warm up first), false when asked. */
  boolean awaitGate() throws InterruptedException {
    return gate.await() == StartGate.Reason.DUE;
  }

  /**
   * The work begins: begun by time, the client warms up (not when shutdown came meanwhile) and
   * nothing is returned; begun by an offer, that offer's item, queued just after the gate opened,
   * is returned to go first (null when none came in time).
   */
  WorkItem begin(boolean byTime, WorkQueue queue) throws InterruptedException {
    if (byTime) {
      if (!shutdownRequested.getAsBoolean()) {
        client.warmUp();
      }
      return null;
    }
    return queue.poll(FIRST_ITEM_NANOS);
  }

  /**
   * Once, when nothing waits (a first alert is not held behind them): the startup checks. True when
   * they ran now; the worker then looks at its queue again.
   */
  boolean checkOnceIdle(WorkQueue queue) {
    if (checked || !queue.isEmpty()) {
      return false;
    }
    checked = true;
    runChecks();
    return true;
  }

  /**
   * The key and region check, and the heartbeat's startup read; only with a client that sends
   * (without a key, alerts are logged).
   */
  private void runChecks() {
    if (startupCheck && client instanceof HttpOpsgenieClient) {
      StartupCheck.run((HttpOpsgenieClient) client, apiBase);
    }
    if (heartbeat != null
        && (startupCheck || heartbeat.create)
        && client instanceof HttpOpsgenieClient
        && !shutdownRequested.getAsBoolean()) {
      HeartbeatCheck.run((HttpOpsgenieClient) client, heartbeat);
    }
  }
}
