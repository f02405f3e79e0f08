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
import java.util.function.LongSupplier;

/**
 * What the worker's thread runs: once its work began ({@link WorkerStartup}) it drains the bounded
 * queue, delivering each item by its {@link Attempts} (retried by the {@link RetryPolicy}, within
 * shutdown's deadline), runs the periodic tick (a storm's roll-up notes) and answers flushes; at
 * shutdown it sends what is queued until the deadline, then fails and counts what is left and
 * answers every flush and the shutdown. The queue, the flush requests and shutdown's state are its
 * own; the {@link Worker} offers, asks and wakes through it from other threads. Its calls are not
 * traced ({@link Untraced}).
 */
final class WorkerLoop {

  private static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);

  private final WorkQueue queue;
  private final ConcurrentLinkedQueue<CompletableResultCode> flushRequests =
      new ConcurrentLinkedQueue<>();
  private final AtomicBoolean shutdownRequested = new AtomicBoolean();
  private final ShutdownDeadline deadline;
  private final CompletableResultCode shutdownResult = new CompletableResultCode();
  private final Duration shutdownTimeout;
  private final WorkerStartup startup;
  private final Attempts attempts;
  private final Runnable tick;
  private final SenderMetrics metrics;
  private final LongSupplier unreported;
  private final DeliveryLog log;
  private final LongSupplier nanoTime;

  WorkerLoop(
      AlertSenderBuilder b,
      RetryPolicy retry,
      OpsgenieClient client,
      StartGate gate,
      SenderMetrics metrics,
      DeliveryLog log,
      LongSupplier unreported,
      Runnable tick) {
    this.queue = new WorkQueue(b.queueSize);
    this.deadline = new ShutdownDeadline(b.nanoTime);
    this.shutdownTimeout = b.shutdownTimeout;
    this.startup = new WorkerStartup(b, gate, client, shutdownRequested::get);
    Worker.Sleeper sleeper = b.sleeper != null ? b.sleeper : deadline::sleep;
    this.attempts = new Attempts(client, retry, metrics, log, deadline, sleeper, b.jitter);
    this.tick = tick;
    this.metrics = metrics;
    this.unreported = unreported;
    this.log = log;
    this.nanoTime = b.nanoTime;
  }

  /** Queues {@code item} without blocking; false when its room is full. */
  boolean offer(WorkItem item) {
    return queue.offer(item);
  }

  /** Wakes the thread waiting for an item. */
  void wake() {
    queue.wake();
  }

  int queued() {
    return queue.size();
  }

  /** Answered once everything queued before it was sent or given up on; wakes the thread. */
  void requestFlush(CompletableResultCode result) {
    flushRequests.add(result);
    queue.wake();
  }

  /** Shutdown asked: its deadline begins. False when it was asked before. */
  boolean beginShutdown() {
    if (!shutdownRequested.compareAndSet(false, true)) {
      return false;
    }
    deadline.begin(shutdownTimeout.toNanos());
    return true;
  }

  boolean isShutdown() {
    return shutdownRequested.get();
  }

  CompletableResultCode shutdownResult() {
    return shutdownResult;
  }

  /** Shutdown's watchdog: time is up, whatever the worker's clock says. */
  void stopNow() {
    deadline.stopNow();
  }

  /** The thread's body: waits at the gate, then runs with instrumentation suppressed. */
  void runWhenOpen() {
    boolean byTime;
    try {
      byTime = startup.awaitGate();
    } catch (InterruptedException e) {
      if (!shutdownRequested.get()) {
        log.workerDied(e);
        return;
      }
      byTime = false;
    }
    final boolean warmUp = byTime;
    Untraced.wrap(() -> run(warmUp)).run();
  }

  /**
   * @param warmUp whether the work began by time (warm up first); an alert that began it is sent at
   *     once and warms the path itself
   */
  private void run(boolean warmUp) {
    try {
      WorkItem first = startup.begin(warmUp, queue);
      while (!shutdownRequested.get()) {
        if (first == null && startup.checkOnceIdle(queue)) {
          continue;
        }
        WorkItem item = first != null ? first : queue.poll(POLL_NANOS);
        first = null;
        try {
          try {
            tickSafely();
          } finally {
            // taken from the queue: delivered (or told it failed) whatever the tick did, even an
            // Error that tickSafely lets through and that ends this thread (WorkerTickTest)
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
}
