/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/**
 * The sender's one daemon thread, {@value #NAME}, as the SDK's {@code BatchSpanProcessor} has its
 * {@code Worker}: it drains the bounded queue, makes each request through the {@link
 * OpsgenieClient}, retries transport errors, 5xx and 429 by the {@link RetryPolicy}, answers
 * flushes, and shuts down within the shutdown timeout: a watchdog then aborts the request in
 * flight, and what is left is counted and reported. Its calls are not traced ({@link Untraced}).
 */
final class Worker {

  static final String NAME = "otel-opsgenie-sender";

  private static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  /**
   * How long a worker that an offer began waits for that offer's item before the startup checks:
   * the offer opens the gate just before it queues (see {@link #offer}).
   */
  private static final long FIRST_ITEM_NANOS = TimeUnit.MILLISECONDS.toNanos(200);

  /** Waits between retries; package-private so that tests need not wait. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private final OpsgenieClient client;
  private final boolean startupCheck;
  private final java.net.URI apiBase;
  private final Heartbeat heartbeat;
  private final RetryPolicy retry;
  private final Duration shutdownTimeout;
  private final WorkQueue queue;
  private final Runnable tick;
  private final ConcurrentLinkedQueue<CompletableResultCode> flushRequests =
      new ConcurrentLinkedQueue<>();
  private final SenderMetrics metrics;
  private final LongSupplier unreported;
  private final DeliveryLog log;
  private final LongSupplier nanoTime;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final StartGate gate;
  private volatile Thread thread;
  private volatile boolean started;

  private final AtomicBoolean shutdownRequested = new AtomicBoolean();
  private final ShutdownDeadline deadline;
  private final Attempts attempts;
  private final CompletableResultCode shutdownResult = new CompletableResultCode();

  Worker(
      AlertSenderBuilder b,
      RetryPolicy retry,
      OpsgenieClient client,
      SenderMetrics metrics,
      LongSupplier unreported,
      Runnable tick) {
    this.client = client;
    this.startupCheck = b.startupCheck;
    this.apiBase = b.apiBase;
    this.heartbeat = b.heartbeat;
    this.retry = retry;
    this.shutdownTimeout = b.shutdownTimeout;
    this.queue = new WorkQueue(b.queueSize);
    this.tick = tick;
    this.metrics = metrics;
    this.unreported = unreported;
    this.log = new DeliveryLog(b.apiBase, client, b.queueSize);
    this.nanoTime = b.nanoTime;
    this.deadline = new ShutdownDeadline(b.nanoTime);
    this.sleeper = b.sleeper != null ? b.sleeper : deadline::sleep;
    this.jitter = b.jitter;
    this.attempts = new Attempts(client, retry, metrics, log, deadline, sleeper, jitter);
    this.gate = b.gate != null ? b.gate : StartGate.open();
    this.thread = newThread();
  }

  private Thread newThread() {
    Thread t = new Thread(this::runWhenOpen, NAME);
    t.setDaemon(true);
    return t;
  }

  /**
   * The thread waits at the gate (issue 30: nothing of ours beside the agent's premain), then runs
   * with instrumentation suppressed.
   */
  private void runWhenOpen() {
    StartGate.Reason reason;
    try {
      reason = gate.await();
    } catch (InterruptedException e) {
      if (!shutdownRequested.get()) {
        log.workerDied(e);
        return;
      }
      reason = StartGate.Reason.ASKED;
    }
    final boolean warmUp = reason == StartGate.Reason.DUE;
    Untraced.wrap(() -> run(warmUp)).run();
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
    return queue.offer(item);
  }

  /** The thread ended while no shutdown was asked for (a stray interrupt, an Error). */
  boolean isDead() {
    return started && !shutdownRequested.get() && !thread.isAlive();
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
    return shutdownRequested.get();
  }

  /** Completes when everything queued before the call was sent or given up on. */
  CompletableResultCode flush() {
    if (shutdownRequested.get()) {
      return shutdownResult;
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
    flushRequests.add(result);
    queue.wake();
    if (!thread.isAlive()) {
      result.succeed();
    }
    return result;
  }

  /** Sends what is queued within the shutdown timeout, then stops. Idempotent. */
  CompletableResultCode shutdown() {
    if (!shutdownRequested.compareAndSet(false, true)) {
      return shutdownResult;
    }
    deadline.begin(shutdownTimeout.toNanos());
    gate.ask();
    queue.wake();
    if (!thread.isAlive()) {
      shutdownResult.succeed();
      return shutdownResult;
    }
    Thread watchdog = new Thread(this::stopAtDeadline, NAME + "-shutdown");
    watchdog.setDaemon(true);
    watchdog.start();
    return shutdownResult;
  }

  /** Shutdown's deadline, kept in real time whatever clock the worker was given. */
  private void stopAtDeadline() {
    try {
      thread.join(Math.max(1, shutdownTimeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (thread.isAlive()) {
      deadline.stopNow();
      client.abort();
      thread.interrupt();
    }
  }

  /**
   * @param warmUp whether the work began by time (warm up first); an alert that began it is sent at
   *     once and warms the path itself
   */
  private void run(boolean warmUp) {
    try {
      if (warmUp && !shutdownRequested.get()) {
        client.warmUp();
      }
      boolean checked = false;
      // begun by an offer: its item is queued just after the gate opened; it goes first
      WorkItem first = warmUp ? null : queue.poll(FIRST_ITEM_NANOS);
      while (!shutdownRequested.get()) {
        if (first == null && !checked && queue.isEmpty()) {
          // once, when nothing waits: a first alert is not held behind them
          checked = true;
          startupChecks();
          continue;
        }
        WorkItem item = first != null ? first : queue.poll(POLL_NANOS);
        first = null;
        try {
          try {
            tickSafely();
          } finally {
            // taken from the queue: delivered (or told it failed) whatever the tick did
            deliver(item);
          }
          metrics.registerWhenAvailable();
          log.droppedSoFar(metrics.dropped.get(), nanoTime.getAsLong());
          if (!flushRequests.isEmpty()) {
            answerFlushes();
          }
        } catch (RuntimeException | LinkageError e) {
          log.workerFailure(e);
        }
      }
      deliver(first);
      while (!deadline.isPassed() && !queue.isEmpty()) {
        deliver(queue.poll());
      }
    } catch (InterruptedException e) {
      if (!shutdownRequested.get()) {
        // a stray interrupt, not the shutdown watchdog: this thread ends, the next offer notices
        log.workerDied(e);
        return;
      }
      // the shutdown watchdog: time is up, finish() reports what is left
    } catch (Throwable t) {
      log.workerDied(t);
      if (!shutdownRequested.get()) {
        return;
      }
    }
    finish();
  }

  /**
   * The key and region check, and the heartbeat's startup read, on this thread so that startup
   * never waits for them; only a client that sends (without a key, alerts are logged).
   */
  private void startupChecks() {
    if (startupCheck && client instanceof HttpOpsgenieClient) {
      StartupCheck.run((HttpOpsgenieClient) client, apiBase);
    }
    if (heartbeat != null
        && (startupCheck || heartbeat.create)
        && client instanceof HttpOpsgenieClient
        && !shutdownRequested.get()) {
      HeartbeatCheck.run((HttpOpsgenieClient) client, heartbeat);
    }
  }

  /**
   * The periodic tick (a storm's roll-up notes); a failure of it is counted and logged, and never
   * costs an item already taken from the queue or a flush request already dequeued.
   */
  private void tickSafely() {
    try {
      tick.run();
    } catch (RuntimeException | LinkageError e) {
      log.workerFailure(e);
    }
  }

  private void answerFlushes() {
    List<CompletableResultCode> requests = new ArrayList<>();
    CompletableResultCode request;
    while ((request = flushRequests.poll()) != null) {
      requests.add(request);
    }
    boolean answered = false;
    try {
      // what is due by now (a storm's roll-up) is part of what a flush waits for
      tickSafely();
      // everything queued before these requests is ahead of anything queued after them
      for (int n = queue.size(); n > 0 && !deadline.isPassed(); n--) {
        deliver(queue.poll());
      }
      if (!deadline.isPassed()) {
        for (CompletableResultCode r : requests) {
          r.succeed();
        }
        answered = true;
      }
    } finally {
      if (!answered) {
        // cut short by shutdown (or a failure): answered later, at the latest when the worker stops
        flushRequests.addAll(requests);
      }
    }
  }

  private void finish() {
    int left = 0;
    while (!queue.isEmpty()) {
      WorkItem item = queue.poll();
      if (item != null) {
        left++;
        item.failed();
      }
    }
    if (left > 0) {
      metrics.dropped.addAndGet(left);
      log.leftQueued(left, shutdownTimeout);
    }
    boolean complete = left == 0 && attempts.abandoned() == 0;
    CompletableResultCode request;
    while ((request = flushRequests.poll()) != null) {
      complete(request, complete);
    }
    long notReported = unreported.getAsLong();
    metrics.close();
    log.stopped(metrics.summary(), notReported);
    complete(shutdownResult, complete);
  }

  private static void complete(CompletableResultCode result, boolean success) {
    if (success) {
      result.succeed();
    } else {
      result.fail();
    }
  }

  /** Delivers {@code item}, if it is one (not null for a wake-up); never throws. */
  private void deliver(WorkItem item) {
    if (item != null) {
      attempts.deliver(item);
    }
  }

  int queued() {
    return queue.size();
  }

  Thread thread() {
    return thread;
  }
}
