/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * When to try an alert again, as a value (like opentelemetry-java's {@code RetryPolicy}): transport
 * errors, 5xx and 429 are retried up to {@link #maxAttempts} with exponential backoff, doubling
 * from {@link #initialBackoff} up to {@link #maxBackoff}, shortened by up to half at random so that
 * many JVMs do not retry in step. A 429 waits at least Opsgenie's {@code
 * X-RateLimit-Period-In-Sec}.
 */
final class RetryPolicy {

  private static final double MULTIPLIER = 2.0;

  /** The share of a backoff that jitter may take away. */
  private static final double JITTER = 0.5;

  final int maxAttempts;
  final Duration initialBackoff;
  final Duration maxBackoff;

  RetryPolicy(int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this.maxAttempts = maxAttempts;
    this.initialBackoff = initialBackoff;
    this.maxBackoff = maxBackoff;
  }

  /** 5xx and 429 may succeed later; every other answer will not. */
  static boolean isRetryable(int status) {
    return status == 429 || (status >= 500 && status <= 599);
  }

  /**
   * How long to wait before retry number {@code retry} (1 for the first retry).
   *
   * @param jitter a number in [0, 1): 0 waits the full backoff, values near 1 about half of it
   * @param rateLimitPeriodSeconds Opsgenie's {@code X-RateLimit-Period-In-Sec}, or 0 when absent
   */
  long backoffNanos(int retry, double jitter, long rateLimitPeriodSeconds) {
    double base = initialBackoff.toNanos() * Math.pow(MULTIPLIER, Math.max(0, retry - 1));
    double capped = Math.min(base, (double) maxBackoff.toNanos());
    double clamped = Math.min(Math.max(jitter, 0.0), 1.0);
    long wait = (long) (capped * (1.0 - JITTER * clamped));
    return Math.max(wait, TimeUnit.SECONDS.toNanos(Math.max(0, rateLimitPeriodSeconds)));
  }

  @Override
  public String toString() {
    return "RetryPolicy{maxAttempts="
        + maxAttempts
        + ", initialBackoff="
        + initialBackoff
        + ", maxBackoff="
        + maxBackoff
        + "}";
  }
}
