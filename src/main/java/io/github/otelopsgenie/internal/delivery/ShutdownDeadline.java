/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * Shutdown's deadline as the worker sees it: set once by {@code shutdown()}, or cut to now by the
 * watchdog, and read by the worker before each attempt and each wait.
 */
final class ShutdownDeadline {

  private final LongSupplier nanoTime;
  private final CountDownLatch signal = new CountDownLatch(1);
  private volatile long deadlineNanos;

  /** Set once {@link #deadlineNanos} is: the worker reads the deadline only after this. */
  private volatile boolean set;

  /** Set when shutdown ran out of time: the worker stops whatever it is doing. */
  private volatile boolean stopNow;

  ShutdownDeadline(LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
  }

  /**
   * Shutdown began: the deadline is {@code timeoutNanos} from now; waits for a retry are cut short.
   */
  void begin(long timeoutNanos) {
    deadlineNanos = nanoTime.getAsLong() + timeoutNanos;
    set = true;
    signal.countDown();
  }

  /** The watchdog's call: time is up, whatever the worker's clock says. */
  void stopNow() {
    stopNow = true;
  }

  boolean isPassed() {
    return stopNow || (set && nanoTime.getAsLong() - deadlineNanos >= 0);
  }

  /** Waits {@code nanos} with {@code sleeper}; false when shutdown leaves no time for that. */
  boolean waitBeforeRetry(long nanos, Worker.Sleeper sleeper) throws InterruptedException {
    long wakeAt = nanoTime.getAsLong() + nanos;
    long left;
    while ((left = wakeAt - nanoTime.getAsLong()) > 0) {
      if (stopNow || (set && wakeAt - deadlineNanos > 0)) {
        return false;
      }
      sleeper.sleep(left);
    }
    return !isPassed();
  }

  /** The default sleeper: shutdown cuts it short, so that the retry can be reconsidered. */
  void sleep(long nanos) throws InterruptedException {
    if (set) {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } else {
      signal.await(nanos, TimeUnit.NANOSECONDS);
    }
  }
}
