/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

/**
 * A dependency's error rate went bad: its window as the failed call that turned it bad saw it, kept
 * for the alert built later on the sender's thread (as {@link RouteBreach} is for a route).
 */
public final class DependencyBreach {

  /** Error types named in the alert, the most frequent first. */
  static final int TOP_ERROR_TYPES = 5;

  public final DependencyStats stats;
  public final long calls;
  public final long errors;

  /** {@code 503 ×12, java.net.ConnectException ×3}. */
  public final String errorTypes;

  /** The trace id of the latest failed call. */
  public final String sampleTraceId;

  public final long windowNanos;
  public final double errorRateThreshold;

  DependencyBreach(DependencyStats stats, long nowNanos, long windowNanos, double threshold) {
    this.stats = stats;
    this.calls = stats.calls(nowNanos);
    this.errors = stats.errors(nowNanos);
    this.errorTypes = stats.topErrorTypes(TOP_ERROR_TYPES, nowNanos);
    this.sampleTraceId = stats.sampleTraceId();
    this.windowNanos = windowNanos;
    this.errorRateThreshold = threshold;
  }

  public String dependency() {
    return stats.dependency;
  }
}
