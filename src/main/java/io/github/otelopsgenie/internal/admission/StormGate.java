/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.delivery.HeldBack;
import io.github.otelopsgenie.internal.delivery.SenderMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Storm control before one sink, on its two clocks: a decision on the request thread that reads no
 * clock for a span that just ended, the alert let through handed to the sink with what was held
 * back before it, the counts given back for an alert the sink dropped, an alias forgotten when its
 * alert is closed, and, on the sink's thread about once a second ({@link #tick}), a note for each
 * storm that ended. Holds the sink's alerts to the sink's cooldown ({@link AlertSink#cooldown()});
 * without one it admits everything and remembers nothing. Its counts are reported with the sink's
 * ({@link HeldBack}). Never throws on the request thread.
 */
public final class StormGate implements HeldBack {

  private final StormControl storm;

  /** With a cooldown: without one, every occurrence is admitted and nothing remembered. */
  private final boolean enabled;

  private final AlertSink sink;
  private final Duration cooldown;
  private final LongSupplier nanoTime;
  private final Clock clock;

  /** Occurrences held back: the sink's {@code suppressed} count. */
  private final AtomicLong suppressed = new AtomicLong();

  /**
   * The two clocks as the sink's thread last read them (about once a second, so that the wall
   * clock's adjustments reach it): an occurrence's wall-clock time (its first and last seen)
   * follows from its monotonic time, and a span's end time converts to the monotonic clock without
   * a read.
   */
  private volatile ClockAnchor anchor;

  private StormGate(
      AlertSink sink, Duration cooldown, int maxAliases, LongSupplier nanoTime, Clock clock) {
    this.storm = new StormControl(cooldown.toNanos(), maxAliases);
    this.enabled = storm.isEnabled();
    this.sink = sink;
    this.cooldown = cooldown;
    this.nanoTime = nanoTime;
    this.clock = clock;
    this.anchor = ClockAnchor.read(nanoTime, clock);
  }

  /**
   * Storm control before {@code sink}, with its cooldown, on the system's clocks, attached to it:
   * its metrics and its thread's tick.
   */
  public static StormGate before(AlertSink sink) {
    return before(
        sink,
        sink.cooldown(),
        StormControl.DEFAULT_MAX_ALIASES,
        System::nanoTime,
        Clock.systemUTC());
  }

  /** As {@link #before(AlertSink)}, with a cooldown, a bound and clocks of a test's. */
  static StormGate before(
      AlertSink sink, Duration cooldown, int maxAliases, LongSupplier nanoTime, Clock clock) {
    StormGate gate = new StormGate(sink, cooldown, maxAliases, nanoTime, clock);
    if (gate.storm.isEnabled()) {
      final StormControl storm = gate.storm;
      sink.alsoExport(
          meter ->
              SenderMetrics.boundedMap(
                  meter, "storm_control", storm::size, storm.maxAliases(), storm::evictions));
    }
    sink.attach(gate);
    return gate;
  }

  /** The decision on one occurrence of {@code alias} now, reading the clock. */
  StormReport admit(String alias, String route) {
    return admitAt(alias, route, nanoTime.getAsLong(), anchor);
  }

  /**
   * The decision on one occurrence of {@code alias} at {@code endEpochNanos} (a span's end time):
   * null when it is held back (counted, with {@code route}, which may be null, for the roll-up),
   * else what the alert let through reports. Reads no clock when that time, converted to the
   * monotonic clock by the last reading of both, falls near that reading (the usual case: a span
   * that just ended); otherwise, or with a span clock other than the wall clock, the clock is read.
   * Allocates nothing for a held-back alias.
   */
  StormReport admit(String alias, String route, long endEpochNanos) {
    if (!enabled) {
      return StormReport.NONE;
    }
    ClockAnchor at = anchor;
    long now = at.monotonic(endEpochNanos);
    return admitAt(alias, route, at.isRecent(now) ? now : nanoTime.getAsLong(), at);
  }

  private StormReport admitAt(String alias, String route, long now, ClockAnchor at) {
    try {
      if (!enabled || alias == null) {
        return StormReport.NONE;
      }
      StormReport report = storm.admit(alias, route, now, at.wallMillis(now));
      if (report == null) {
        suppressed.incrementAndGet();
      }
      return report;
    } catch (Throwable t) {
      return StormReport.NONE;
    }
  }

  /**
   * Hands the sink the alert {@code build} makes, admitted with {@code report}: what was held back
   * before it is added to its details where the sink builds it (on the sender's thread). When the
   * sink drops it, the report's counts go back to the alias, for its next alert. Never blocks.
   *
   * @return false when the sink dropped it
   */
  boolean enqueue(String alias, StormReport report, Supplier<OpsgenieAlert> build) {
    if (sink.enqueue(alias, report.around(build))) {
      return true;
    }
    giveBack(alias, report);
    return false;
  }

  /** The alert admitted could not be queued: its counts go back to the alias, for its next. */
  private void giveBack(String alias, StormReport report) {
    if (storm.isEnabled() && alias != null) {
      storm.giveBack(alias, report, nanoTime.getAsLong());
    }
  }

  /** The alias's alert is being closed: its cooldown ends. */
  void forget(String alias) {
    if (storm.isEnabled()) {
      storm.forget(alias);
    }
  }

  /**
   * On the sink's thread, about once a second: reads both clocks, and hands the sink one note for
   * each storm that ended.
   */
  @Override
  public void tick() {
    if (!storm.isEnabled()) {
      return;
    }
    anchor = ClockAnchor.read(nanoTime, clock);
    for (StormControl.RollUp rollUp : storm.endedStorms(nanoTime.getAsLong())) {
      sink.note(rollUp.alias, rollUp.text(cooldown));
    }
  }

  /** Occurrences held back so far. */
  @Override
  public long heldBack() {
    return suppressed.get();
  }

  /** Occurrences held back that no alert has reported yet. */
  @Override
  public long unreported() {
    return storm.unreported();
  }

  /** The aliases it holds, against its bound; empty without a cooldown. */
  public String summary() {
    return storm.isEnabled()
        ? "storm-control aliases=" + storm.size() + " (at most " + storm.maxAliases() + ")"
        : "";
  }

  int size() {
    return storm.size();
  }
}
