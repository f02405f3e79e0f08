/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.util.function.DoubleSupplier;

/**
 * The attempts at one work item, on the worker's thread: its request is made until Opsgenie accepts
 * it, rejects it for good, or the attempts (by the {@link RetryPolicy}) or the shutdown deadline
 * run out; each outcome is counted and logged once.
 */
final class Attempts {

  private final OpsgenieClient client;
  private final RetryPolicy retry;
  private final SenderMetrics metrics;
  private final DeliveryLog log;
  private final ShutdownDeadline deadline;
  private final Worker.Sleeper sleeper;
  private final DoubleSupplier jitter;

  /** Given up on because shutdown ran out of time; the worker thread's own. */
  private int abandoned;

  Attempts(
      OpsgenieClient client,
      RetryPolicy retry,
      SenderMetrics metrics,
      DeliveryLog log,
      ShutdownDeadline deadline,
      Worker.Sleeper sleeper,
      DoubleSupplier jitter) {
    this.client = client;
    this.retry = retry;
    this.metrics = metrics;
    this.log = log;
    this.deadline = deadline;
    this.sleeper = sleeper;
    this.jitter = jitter;
  }

  int abandoned() {
    return abandoned;
  }

  /** Delivers {@code item}; never throws. */
  void deliver(WorkItem item) {
    try {
      send(item);
    } catch (InterruptedException e) {
      abandon(item);
    } catch (Throwable t) {
      metrics.failed.incrementAndGet();
      item.failed();
      log.workerFailure(t);
    }
  }

  /**
   * Makes {@code item}'s request until Opsgenie accepts it, rejects it for good, or the attempts or
   * the shutdown deadline run out.
   */
  private void send(WorkItem item) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (deadline.isPassed()) {
        abandon(item);
        return;
      }
      OpsgenieResponse response = null;
      IOException error = null;
      try {
        response = item.sendTo(client);
      } catch (IOException e) {
        error = e;
      }
      if (response != null && item.isDone(response)) {
        accepted(item, response);
        item.succeeded();
        return;
      }
      if (response != null && !RetryPolicy.isRetryable(response.statusCode)) {
        if (item.isMoot(response)) {
          item.succeeded();
        } else {
          metrics.failed.incrementAndGet();
          item.failed();
        }
        log.rejected(item, response);
        return;
      }
      String why = response != null ? response.describe() : String.valueOf(error);
      if (attempt >= retry.maxAttempts || (error != null && !item.mayRetryAfter(error))) {
        metrics.failed.incrementAndGet();
        item.failed();
        log.gaveUpAfterAttempts(item, attempt, why);
        return;
      }
      long wait =
          retry.backoffNanos(
              attempt,
              jitter.getAsDouble(),
              response == null ? 0 : response.rateLimitPeriodSeconds);
      if (!deadline.waitBeforeRetry(wait, sleeper)) {
        metrics.failed.incrementAndGet();
        abandoned++;
        item.failed();
        log.gaveUpNoTimeToRetry(item, why);
        return;
      }
      metrics.retried.incrementAndGet();
      log.retrying(item, attempt + 1, retry.maxAttempts, why);
    }
  }

  private void accepted(WorkItem item, OpsgenieResponse response) {
    if (response.isLogged()) {
      metrics.logged.incrementAndGet();
      return;
    }
    item.acceptedCount(metrics).incrementAndGet();
    log.sent(item, response);
  }

  /** Shutdown ran out of time for {@code item}. */
  private void abandon(WorkItem item) {
    metrics.failed.incrementAndGet();
    item.failed();
    abandoned++;
    log.gaveUpAtDeadline(item);
  }
}
