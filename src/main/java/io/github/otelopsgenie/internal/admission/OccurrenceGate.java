/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.util.BoundedLruMap;
import io.github.otelopsgenie.internal.util.RecentMap;
import io.github.otelopsgenie.internal.window.SlidingCounts;

/**
 * {@code otel.opsgenie.alert.min.occurrences} within {@code otel.opsgenie.alert.window}: an alias
 * alerts only once its rule has matched at least N times within the window. Counted per alias in
 * time slices of the window ({@link SlidingCounts}), as the route windows are: the same few
 * counters per alias whatever N is (N is at most {@code MAX_MIN_OCCURRENCES}), made once per alias,
 * recorded and summed without a lock; the window moves a slice (a tenth) at a time. At most {@link
 * BoundedLruMap#DEFAULT_MAX_ENTRIES} aliases, the idle ones forgotten first. Called only for spans
 * that matched a rule, never on the no-alert path.
 */
public final class OccurrenceGate {

  private final int minOccurrences;
  private final long windowNanos;
  private final RecentMap<String, SlidingCounts> recent =
      new RecentMap<>(BoundedLruMap.DEFAULT_MAX_ENTRIES);

  public OccurrenceGate(int minOccurrences, long windowNanos) {
    this.minOccurrences = minOccurrences;
    this.windowNanos = windowNanos;
  }

  /** Records a match of {@code alias} at {@code nowNanos}; true when it now alerts. */
  public boolean admit(String alias, long nowNanos) {
    if (minOccurrences <= 1) {
      return true;
    }
    SlidingCounts matches = recent.get(alias);
    if (matches == null) {
      matches = recent.computeIfAbsent(alias, a -> new SlidingCounts(windowNanos, 1));
    }
    matches.increment(matches.slot(nowNanos), 0);
    return matches.sum(0, nowNanos) >= minOccurrences;
  }

  public int trackedAliases() {
    return recent.size();
  }

  public int maxAliases() {
    return recent.maxEntries();
  }

  /** Aliases forgotten to stay within {@link #maxAliases()}. */
  public long evicted() {
    return recent.evictions();
  }
}
