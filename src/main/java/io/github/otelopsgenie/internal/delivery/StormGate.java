/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.time.Clock;
import java.util.Collections;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Storm control as the sender applies it, on its two clocks: a decision on the request thread that
 * reads no clock for a span that just ended, the counts given back for an alert the queue could not
 * take, an alias forgotten when its alert is closed, and the storms that ended, once a second on
 * the sender's thread. Without a cooldown it admits everything and remembers nothing. Never throws
 * on the request thread.
 */
final class StormGate {

  private final StormControl storm;
  private final LongSupplier nanoTime;
  private final Clock clock;
  private final SenderMetrics metrics;

  /**
   * The two clocks as the worker last read them (about once a second, so that the wall clock's
   * adjustments reach it): an occurrence's wall-clock time (its first and last seen) follows from
   * its monotonic time, and a span's end time converts to the monotonic clock without a read.
   */
  private volatile ClockAnchor anchor;

  StormGate(
      long cooldownNanos,
      int maxAliases,
      LongSupplier nanoTime,
      Clock clock,
      SenderMetrics metrics) {
    this.storm = new StormControl(cooldownNanos, maxAliases);
    this.nanoTime = nanoTime;
    this.clock = clock;
    this.metrics = metrics;
    this.anchor = ClockAnchor.read(nanoTime, clock);
    if (storm.isEnabled()) {
      metrics.alsoRegister(
          meter ->
              SenderMetrics.boundedMap(
                  meter, "storm_control", storm::size, storm.maxAliases(), storm::evictions));
    }
  }

  /** The decision on one occurrence of {@code alias} now, reading the clock. */
  Admission admit(String alias, String route) {
    return admitAt(alias, route, nanoTime.getAsLong(), anchor);
  }

  /**
   * As {@link #admit(String, String)}, reading no clock when the span's end time, converted to the
   * monotonic clock by the worker's last reading of both, falls near that reading (the usual case:
   * a span that just ended); otherwise, or with a span clock other than the wall clock, the clock
   * is read.
   */
  Admission admit(String alias, String route, long endEpochNanos) {
    ClockAnchor at = anchor;
    long now = at.monotonic(endEpochNanos);
    return admitAt(alias, route, at.isRecent(now) ? now : nanoTime.getAsLong(), at);
  }

  private Admission admitAt(String alias, String route, long now, ClockAnchor at) {
    try {
      if (!storm.isEnabled() || alias == null) {
        return Admission.NONE;
      }
      Admission admission = storm.admit(alias, route, now, at.wallMillis(now));
      if (admission == null) {
        metrics.suppressed.incrementAndGet();
      }
      return admission;
    } catch (Throwable t) {
      return Admission.NONE;
    }
  }

  /** The alert admitted could not be queued: its counts go back to the alias, for its next. */
  void giveBack(String alias, Admission admission) {
    if (storm.isEnabled() && alias != null) {
      storm.giveBack(alias, admission, nanoTime.getAsLong());
    }
  }

  /** The alias's alert is being closed: its cooldown ends. */
  void forget(String alias) {
    if (storm.isEnabled()) {
      storm.forget(alias);
    }
  }

  /** On the sender's thread, about once a second: reads both clocks, and the storms that ended. */
  List<StormControl.RollUp> endedStorms() {
    if (!storm.isEnabled()) {
      return Collections.emptyList();
    }
    anchor = ClockAnchor.read(nanoTime, clock);
    return storm.endedStorms(nanoTime.getAsLong());
  }

  /** Occurrences held back that no alert has reported yet. */
  long unreported() {
    return storm.unreported();
  }

  /** The aliases it holds, against its bound; empty without a cooldown. */
  String summary() {
    return storm.isEnabled()
        ? "storm-control aliases=" + storm.size() + " (at most " + storm.maxAliases() + ")"
        : "";
  }

  int size() {
    return storm.size();
  }
}
