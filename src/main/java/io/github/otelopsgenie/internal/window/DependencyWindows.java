/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.common.Attributes;

/**
 * The failing-dependency rule: calls (CLIENT spans) counted per dependency over the window; a
 * dependency whose share of failed calls reaches {@code dependency.error.rate}, with at least
 * {@code dependency.min.requests} calls, breaches once until it is healthy again; while it stays
 * breached, a failed call half an auto-close period after the alert was last sent sends it again
 * (as the route rules do), so that the shared alias stays fresh for every replica's auto-close. The
 * dependencies themselves, and how a span names one, are {@link DependencyTables}'.
 */
public final class DependencyWindows {

  public static final int MAX_DEPENDENCIES = 256;

  private final DependencyTables tables;
  private final double errorRate;
  private final int minRequests;
  private final long windowNanos;

  /**
   * Half the auto-close period: a dependency still failing sends its alert again this often, so
   * that a replica that recovered reads it as still occurring; never without auto-close.
   */
  private final long refreshNanos;

  public DependencyWindows(OpsgenieSettings settings) {
    this.tables = new DependencyTables(settings);
    this.errorRate = settings.dependencyErrorRate;
    this.minRequests = settings.dependencyMinRequests;
    this.windowNanos = settings.windowNanos;
    this.refreshNanos = settings.autoCloseNanos > 0 ? settings.autoCloseNanos / 2 : Long.MAX_VALUE;
  }

  /** Null when the rule is off: the processor then never asks. */
  public static DependencyWindows of(OpsgenieSettings settings) {
    return settings.dependencyErrorRate > 0 ? new DependencyWindows(settings) : null;
  }

  /** The dependency a CLIENT span called, or null when it names none (or too many are tracked). */
  public DependencyStats find(Attributes attributes, long nowNanos) {
    return tables.find(attributes, nowNanos);
  }

  /**
   * Counts one call ({@code errorType} null when it succeeded); true when it turned the dependency
   * unhealthy, or found it still unhealthy half an auto-close period after its alert was last sent:
   * the alert is due.
   */
  public boolean record(DependencyStats stats, String errorType, String traceId, long nowNanos) {
    return stats.record(nowNanos, errorType, traceId, errorRate, minRequests, refreshNanos);
  }

  /** The window of {@code stats} at {@code nowNanos}, for the alert {@link #record} made due. */
  public DependencyBreach breach(DependencyStats stats, long nowNanos) {
    return new DependencyBreach(stats, nowNanos, windowNanos, errorRate);
  }

  /** Below the rate again and no failed call for {@code quietNanos}: the alert may close. */
  public boolean healthy(DependencyStats stats, long nowNanos, long quietNanos) {
    return stats.healthy(nowNanos, quietNanos, errorRate, minRequests);
  }

  public double errorRate() {
    return errorRate;
  }

  public long windowNanos() {
    return windowNanos;
  }

  public int trackedDependencies() {
    return tables.trackedDependencies();
  }

  public long untrackedCalls() {
    return tables.untrackedCalls();
  }

  /** How often a call took the lock to add a dependency (or find the tables full). */
  long lockedAdds() {
    return tables.lockedAdds();
  }
}
