/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * The worker's bounded queue: {@code queue.size} places for alerts, and more room that only closes
 * and notes may take, so that a storm of alerts never keeps them out. A wake-up ({@link #wake()})
 * is taken as null, never delivered.
 */
final class WorkQueue {

  /** Wakes the worker for a flush or shutdown; compared by identity, never delivered. */
  private static final WorkItem WAKE = new CloseItem("", null, null);

  private final ArrayBlockingQueue<WorkItem> queue;

  /** The queue room alerts may take; the rest is kept for closes and notes. */
  private final Semaphore alertRoom;

  WorkQueue(int alertCapacity) {
    this.queue = new ArrayBlockingQueue<>(alertCapacity + closeRoom(alertCapacity));
    this.alertRoom = new Semaphore(alertCapacity);
  }

  /** Room in the queue that alerts cannot take: a storm never keeps a close or a note out. */
  static int closeRoom(int alertCapacity) {
    return Math.max(16, alertCapacity / 4);
  }

  /** Queues {@code item} without blocking; false when its room is full. */
  boolean offer(WorkItem item) {
    if (!item.isAlert()) {
      return queue.offer(item);
    }
    if (!alertRoom.tryAcquire()) {
      return false;
    }
    if (!queue.offer(item)) {
      alertRoom.release();
      return false;
    }
    return true;
  }

  /** Wakes a worker waiting in {@link #poll(long)}. */
  void wake() {
    queue.offer(WAKE);
  }

  /** The next item, waiting up to {@code nanos}; null when none came or for a wake-up. */
  WorkItem poll(long nanos) throws InterruptedException {
    return taken(queue.poll(nanos, TimeUnit.NANOSECONDS));
  }

  /** The next item without waiting; null for a wake-up, or when empty ({@link #isEmpty()}). */
  WorkItem poll() {
    return taken(queue.poll());
  }

  boolean isEmpty() {
    return queue.isEmpty();
  }

  int size() {
    return queue.size();
  }

  /** Takes {@code item} out of the accounting: an alert gives its room back; a wake-up is null. */
  private WorkItem taken(WorkItem item) {
    if (item != null && item.isAlert()) {
      alertRoom.release();
    }
    return item == WAKE ? null : item;
  }
}
