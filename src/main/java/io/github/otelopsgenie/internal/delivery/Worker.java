/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * The sender's one daemon thread, {@value #NAME}, as the SDK's {@code BatchSpanProcessor} has its
 * {@code Worker}, as the other threads see it: started at build, it waits at a {@link StartGate}
 * that the first offer, a flush or shutdown opens; it is replaced when found dead; shutdown gives
 * it the shutdown timeout, then a watchdog aborts the request in flight and stops it. What the
 * thread does is the {@link WorkerLoop}'s: drain the bounded queue, send, retry, answer flushes,
 * report what is left.
 */
final class Worker {

  static final String NAME = "otel-opsgenie-sender";

  /** Waits between retries; package-private so that tests need not wait. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final OpsgenieClient client;
  private final Duration shutdownTimeout;
  private final SenderMetrics metrics;
  private final DeliveryLog log;
  private final StartGate gate;
  private final WorkerLoop loop;
  private volatile Thread thread;
  private volatile boolean started;

  Worker(
      AlertSenderBuilder b,
      RetryPolicy retry,
      OpsgenieClient client,
      SenderMetrics metrics,
      LongSupplier unreported,
      Runnable tick) {
    this.client = client;
    this.shutdownTimeout = b.shutdownTimeout;
    this.metrics = metrics;
    this.log = new DeliveryLog(b.apiBase, client, b.queueSize);
    this.gate = b.gate != null ? b.gate : StartGate.open();
    this.loop = new WorkerLoop(b, retry, client, gate, metrics, log, unreported, tick);
    this.thread = newThread();
  }

  /**
   * The thread waits at the gate (issue 30: nothing of ours beside the agent's premain), then runs
   * the loop with instrumentation suppressed.
   */
  private Thread newThread() {
    Thread t = new Thread(loop::runWhenOpen, NAME);
    t.setDaemon(true);
    return t;
  }

  void start() {
    started = true;
    thread.start();
  }

  /**
   * Queues {@code item} without blocking; false when its room is full, or when the worker's thread
   * was found dead: that offer is refused (counted as dropped for that reason) and a new thread is
   * started for the next ones.
   */
  boolean offer(WorkItem item) {
    // the first item begins the worker's work at once, before it is queued (see flush)
    gate.ask();
    if (isDead()) {
      replaceDeadThread();
      return false;
    }
    return loop.offer(item);
  }

  /** The thread ended while no shutdown was asked for (a stray interrupt, an Error). */
  boolean isDead() {
    return started && !loop.isShutdown() && !thread.isAlive();
  }

  private synchronized void replaceDeadThread() {
    if (!isDead()) {
      return;
    }
    metrics.droppedNoWorker.incrementAndGet();
    log.workerReplaced();
    thread = newThread();
    thread.start();
  }

  boolean isShutdown() {
    return loop.isShutdown();
  }

  /** Completes when everything queued before the call was sent or given up on. */
  CompletableResultCode flush() {
    if (loop.isShutdown()) {
      return loop.shutdownResult();
    }
    CompletableResultCode result = new CompletableResultCode();
    if (!gate.isOpen()) {
      // not begun: nothing was ever offered (an offer opens the gate before it queues)
      return result.succeed();
    }
    if (isDead()) {
      // nobody drains the queue: what was queued is not sent
      return result.fail();
    }
    loop.requestFlush(result);
    if (!thread.isAlive()) {
      result.succeed();
    }
    return result;
  }

  /** Sends what is queued within the shutdown timeout, then stops. Idempotent. */
  CompletableResultCode shutdown() {
    CompletableResultCode result = loop.shutdownResult();
    if (!loop.beginShutdown()) {
      return result;
    }
    gate.ask();
    loop.wake();
    if (!thread.isAlive()) {
      result.succeed();
      return result;
    }
    Thread watchdog = new Thread(this::stopAtDeadline, NAME + "-shutdown");
    watchdog.setDaemon(true);
    watchdog.start();
    return result;
  }

  /** Shutdown's deadline, kept in real time whatever clock the worker was given. */
  private void stopAtDeadline() {
    try {
      thread.join(Math.max(1, shutdownTimeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      loop.stopNow();
      client.abort();
      thread.interrupt();
    }
  }

  int queued() {
    return loop.queued();
  }

  Thread thread() {
    return thread;
  }
}
