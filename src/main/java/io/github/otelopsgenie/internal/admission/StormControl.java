/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.util.BoundedLruMap;
import io.github.otelopsgenie.internal.util.Tally;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Storm control: an alias is let through at most once per cooldown. Occurrences in between are
 * suppressed and counted, and the next alert let through for that alias carries their number and
 * the first and last time one was seen. Decided on the request thread, before the queue, so that a
 * burst on one alias takes one queue slot, not thousands.
 *
 * <p>Holds at most {@code maxAliases} windows; the least recently seen alias is forgotten first
 * (its next occurrence is simply let through). The lock is held for a map lookup only, never during
 * I/O.
 */
final class StormControl {

  static final int DEFAULT_MAX_ALIASES = BoundedLruMap.DEFAULT_MAX_ENTRIES;

  private final long cooldownNanos;
  private final BoundedLruMap<String, Window> windows;

  /**
   * Aliases whose open window has suppressed occurrences: the only ones a roll-up may be due for.
   * An alias forgotten by {@link #windows} is dropped here at the next sweep.
   */
  private final Set<String> suppressing = new LinkedHashSet<>();

  StormControl(long cooldownNanos, int maxAliases) {
    this.cooldownNanos = cooldownNanos;
    this.windows = new BoundedLruMap<>(maxAliases);
  }

  boolean isEnabled() {
    return cooldownNanos > 0;
  }

  /**
   * Decides on one occurrence of {@code alias} at {@code nowNanos} (a monotonic clock) and {@code
   * nowMillis} (the wall clock, for the record).
   *
   * @return null when suppressed; otherwise what the alert let through must report, {@link
   *     StormReport#NONE} when nothing was suppressed before it
   */
  synchronized StormReport admit(String alias, long nowNanos, long nowMillis) {
    return admit(alias, null, nowNanos, nowMillis);
  }

  /**
   * As {@link #admit(String, long, long)}, counting a suppressed occurrence's {@code route} (may be
   * null).
   */
  synchronized StormReport admit(String alias, String route, long nowNanos, long nowMillis) {
    Window window = windows.get(alias);
    if (window == null) {
      windows.put(alias, new Window(nowNanos));
      return StormReport.NONE;
    }
    if (nowNanos - window.startNanos < cooldownNanos) {
      if (window.suppressed++ == 0) {
        window.firstMillis = nowMillis;
        window.routes.clear();
        suppressing.add(alias);
        if (suppressing.size() > windows.maxEntries()) {
          pruneForgotten();
        }
      }
      window.lastMillis = nowMillis;
      window.countRoute(route);
      return null;
    }
    window.startNanos = nowNanos;
    if (window.suppressed == 0) {
      return StormReport.NONE;
    }
    StormReport report = new StormReport(window.suppressed, window.firstMillis, window.lastMillis);
    window.suppressed = 0;
    suppressing.remove(alias);
    return report;
  }

  /**
   * Undoes {@link #admit} for an alert that could not be queued after all: the window is open again
   * and the counts it took are given back, to be reported by the next alert.
   */
  synchronized void giveBack(String alias, StormReport report, long nowNanos) {
    Window window = windows.get(alias);
    if (window == null) {
      return;
    }
    window.startNanos = nowNanos - cooldownNanos;
    if (report.suppressed > 0) {
      window.firstMillis =
          window.suppressed == 0
              ? report.firstMillis
              : Math.min(window.firstMillis, report.firstMillis);
      window.lastMillis =
          window.suppressed == 0
              ? report.lastMillis
              : Math.max(window.lastMillis, report.lastMillis);
      window.suppressed += report.suppressed;
      suppressing.add(alias);
    }
  }

  /**
   * The storms that ended: aliases whose last cooldown window held occurrences back and was
   * followed by a whole cooldown without any (an occurrence then would have been let through,
   * carrying the count). Each is reported once, here, and its count reset.
   */
  synchronized List<RollUp> endedStorms(long nowNanos) {
    if (suppressing.isEmpty()) {
      return java.util.Collections.emptyList();
    }
    List<RollUp> ended = new ArrayList<>();
    for (Iterator<String> it = suppressing.iterator(); it.hasNext(); ) {
      String alias = it.next();
      Window window = windows.get(alias);
      if (window == null || window.suppressed == 0) {
        it.remove();
      } else if (nowNanos - window.startNanos >= 2 * cooldownNanos) {
        ended.add(
            new RollUp(
                alias,
                window.suppressed,
                window.firstMillis,
                window.lastMillis,
                window.routes.mostFrequent(Window.MAX_ROUTES)));
        window.suppressed = 0;
        window.routes.clear();
        it.remove();
      }
    }
    return ended;
  }

  /** Drops the aliases {@link #windows} forgot: {@link #suppressing} stays within its bound. */
  private void pruneForgotten() {
    for (Iterator<String> it = suppressing.iterator(); it.hasNext(); ) {
      if (windows.get(it.next()) == null) {
        it.remove();
      }
    }
  }

  /** Ends the alias's window (its alert was closed): the next occurrence is let through. */
  synchronized void forget(String alias) {
    windows.remove(alias);
    suppressing.remove(alias);
  }

  synchronized int size() {
    return windows.size();
  }

  int maxAliases() {
    return windows.maxEntries();
  }

  /** Aliases forgotten to stay within {@link #maxAliases()}. */
  synchronized long evictions() {
    return windows.evictions();
  }

  /** Occurrences suppressed that no alert has reported yet (their alias did not come back). */
  synchronized long unreported() {
    long total = 0;
    for (Window window : windows.values()) {
      total += window.suppressed;
    }
    return total;
  }

  /** A storm that ended: what its last window held back, and the routes seen most often. */
  static final class RollUp {
    final String alias;
    final long suppressed;
    final long firstMillis;
    final long lastMillis;

    /** Route and count, most frequent first; at most {@link Window#MAX_ROUTES}. */
    final List<Map.Entry<String, Long>> routes;

    RollUp(
        String alias,
        long suppressed,
        long firstMillis,
        long lastMillis,
        List<Map.Entry<String, Long>> routes) {
      this.alias = alias;
      this.suppressed = suppressed;
      this.firstMillis = firstMillis;
      this.lastMillis = lastMillis;
      this.routes = routes;
    }

    /**
     * The note on the alias's open alert: how many occurrences the {@code cooldown} held back, over
     * which period, and the routes seen most often.
     */
    String text(java.time.Duration cooldown) {
      StringBuilder text =
          new StringBuilder("otel-opsgenie: ")
              .append(suppressed)
              .append(" more occurrence(s) of this alert between ")
              .append(java.time.Instant.ofEpochMilli(firstMillis))
              .append(" and ")
              .append(java.time.Instant.ofEpochMilli(lastMillis))
              .append(" were held back by the cooldown (")
              .append(cooldown.toMillis())
              .append("ms)")
              .append(" and sent no alert of their own; the storm has ended.");
      if (!routes.isEmpty()) {
        text.append(" Routes seen most often:");
        String sep = " ";
        for (Map.Entry<String, Long> route : routes) {
          text.append(sep).append(route.getKey()).append(" (").append(route.getValue()).append(')');
          sep = ", ";
        }
        text.append('.');
      }
      return text.toString();
    }
  }

  private static final class Window {
    /**
     * Distinct routes counted per window; later ones are not named (the total still counts them).
     */
    static final int MAX_ROUTES = 8;

    long startNanos;
    long suppressed;
    long firstMillis;
    long lastMillis;
    final Tally routes = new Tally(MAX_ROUTES);

    Window(long startNanos) {
      this.startNanos = startNanos;
    }

    void countRoute(String route) {
      if (route == null) {
        return;
      }
      routes.count(route);
    }
  }
}
