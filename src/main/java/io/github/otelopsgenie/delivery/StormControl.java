/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import io.github.otelopsgenie.util.BoundedLruMap;

/**
 * Storm control: an alias is let through at most once per cooldown. Occurrences in between are
 * suppressed and counted, and the next alert let through for that alias carries their number and
 * the first and last time one was seen. Decided on the request thread, before the queue, so that a
 * burst on one alias takes one queue slot, not thousands.
 *
 * <p>Holds at most {@code maxAliases} windows; the least recently seen alias is forgotten first
 * (its next occurrence is simply let through). The lock is held for a map lookup only, never
 * during I/O.
 */
final class StormControl {

  static final int DEFAULT_MAX_ALIASES = BoundedLruMap.DEFAULT_MAX_ENTRIES;

  private final long cooldownNanos;
  private final BoundedLruMap<String, Window> windows;

  StormControl(long cooldownNanos, int maxAliases) {
    this.cooldownNanos = cooldownNanos;
    this.windows = new BoundedLruMap<>(maxAliases);
  }

  boolean isEnabled() {
    return cooldownNanos > 0;
  }

  /**
   * Decides on one occurrence of {@code alias} at {@code nowNanos} (a monotonic clock) and
   * {@code nowMillis} (the wall clock, for the record).
   *
   * @return null when suppressed; otherwise what the alert let through must report, {@link
   *     Admission#NONE} when nothing was suppressed before it
   */
  synchronized Admission admit(String alias, long nowNanos, long nowMillis) {
    Window window = windows.get(alias);
    if (window == null) {
      windows.put(alias, new Window(nowNanos));
      return Admission.NONE;
    }
    if (nowNanos - window.startNanos < cooldownNanos) {
      if (window.suppressed++ == 0) {
        window.firstMillis = nowMillis;
      }
      window.lastMillis = nowMillis;
      return null;
    }
    window.startNanos = nowNanos;
    if (window.suppressed == 0) {
      return Admission.NONE;
    }
    Admission admission = new Admission(window.suppressed, window.firstMillis, window.lastMillis);
    window.suppressed = 0;
    return admission;
  }

  /**
   * Undoes {@link #admit} for an alert that could not be queued after all: the window is open
   * again and the counts it took are given back, to be reported by the next alert.
   */
  synchronized void giveBack(String alias, Admission admission, long nowNanos) {
    Window window = windows.get(alias);
    if (window == null) {
      return;
    }
    window.startNanos = nowNanos - cooldownNanos;
    if (admission.suppressed > 0) {
      window.firstMillis = window.suppressed == 0 ? admission.firstMillis : Math.min(window.firstMillis, admission.firstMillis);
      window.lastMillis = window.suppressed == 0 ? admission.lastMillis : Math.max(window.lastMillis, admission.lastMillis);
      window.suppressed += admission.suppressed;
    }
  }

  /** Ends the alias's window (its alert was closed): the next occurrence is let through. */
  synchronized void forget(String alias) {
    windows.remove(alias);
  }

  synchronized int size() {
    return windows.size();
  }

  /** Occurrences suppressed that no alert has reported yet (their alias did not come back). */
  synchronized long unreported() {
    long total = 0;
    for (Window window : windows.values()) {
      total += window.suppressed;
    }
    return total;
  }

  /** What an alert let through reports about the occurrences suppressed before it. */
  static final class Admission {
    static final Admission NONE = new Admission(0, 0, 0);

    final long suppressed;
    final long firstMillis;
    final long lastMillis;

    Admission(long suppressed, long firstMillis, long lastMillis) {
      this.suppressed = suppressed;
      this.firstMillis = firstMillis;
      this.lastMillis = lastMillis;
    }
  }

  private static final class Window {
    long startNanos;
    long suppressed;
    long firstMillis;
    long lastMillis;

    Window(long startNanos) {
      this.startNanos = startNanos;
    }
  }
}
