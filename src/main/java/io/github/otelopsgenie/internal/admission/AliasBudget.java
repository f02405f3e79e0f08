/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.util.Tally;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * {@code otel.opsgenie.alert.alias.budget}: at most that many distinct aliases may open alerts per
 * {@code alert.window}. Beyond it, a new alias opens nothing: it is counted, and the caller raises
 * the one budget alert instead, which names the most frequent of them. Bounded by design: the
 * budget's aliases, and at most {@link #MAX_COUNTED} counted ones (the rest only in the total).
 * Called only for a span whose alert is due, never on the no-alert path.
 */
public final class AliasBudget {

  static final int MAX_COUNTED = 1000;

  /** Named in the budget alert. */
  static final int MOST_FREQUENT = 10;

  private final int budget;
  private final long windowNanos;

  /** Read without the lock by {@link #admit}'s fast path; changed under it. */
  private final Set<String> opened = ConcurrentHashMap.newKeySet();

  private final Tally over = new Tally(MAX_COUNTED);
  private long overTotal;
  private volatile long windowStartNanos;
  private volatile boolean started;

  public AliasBudget(int budget, long windowNanos) {
    this.budget = budget;
    this.windowNanos = windowNanos;
  }

  /**
   * True when {@code alias} may open an alert at {@code nowNanos}; false (and counted) beyond the
   * budget.
   */
  public boolean admit(String alias, long nowNanos) {
    // an alias already open in this window (a storm's every request): no lock
    if (started && inWindow(nowNanos) && opened.contains(alias)) {
      return true;
    }
    return admitCounting(alias, nowNanos);
  }

  /**
   * Whether {@code nowNanos} belongs to the current window: less than a window after its start, or
   * (a span ended a moment before another that started it) less than a window before; a wall clock
   * stepped back further starts a new window instead of keeping this one until it catches up.
   */
  private boolean inWindow(long nowNanos) {
    long age = nowNanos - windowStartNanos;
    return age < windowNanos && age > -windowNanos;
  }

  private synchronized boolean admitCounting(String alias, long nowNanos) {
    if (!started || !inWindow(nowNanos)) {
      started = true;
      windowStartNanos = nowNanos;
      opened.clear();
      over.clear();
      overTotal = 0;
    }
    if (opened.contains(alias)) {
      return true;
    }
    if (opened.size() < budget) {
      opened.add(alias);
      return true;
    }
    overTotal++;
    over.count(alias);
    return false;
  }

  /** What went over the budget in this window so far: for the budget alert. */
  public synchronized Overflow overflow() {
    return new Overflow(budget, windowNanos, over, overTotal);
  }

  public synchronized int trackedAliases() {
    return opened.size() + over.distinct();
  }

  /** The most aliases {@link #trackedAliases()} may be: the budget's and the counted ones. */
  public int maxTrackedAliases() {
    return budget + MAX_COUNTED;
  }

  /** The aliases over the budget: how many, how often, the most frequent first. */
  public static final class Overflow {
    public final int budget;
    public final long windowNanos;
    public final int distinct;
    public final long occurrences;
    public final List<Map.Entry<String, Long>> mostFrequent;

    Overflow(int budget, long windowNanos, Tally over, long occurrences) {
      this.budget = budget;
      this.windowNanos = windowNanos;
      this.distinct = over.distinct();
      this.occurrences = occurrences;
      this.mostFrequent = over.mostFrequent(MOST_FREQUENT);
    }
  }
}
