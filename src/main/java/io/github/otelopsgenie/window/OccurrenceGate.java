/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import io.github.otelopsgenie.util.BoundedLruMap;

/**
 * {@code otel.opsgenie.alert.min.occurrences} within {@code otel.opsgenie.alert.window}: an alias
 * alerts only once its rule has matched at least N times within the window. Keeps the last N match
 * times of each alias; at most {@link BoundedLruMap#DEFAULT_MAX_ENTRIES} aliases, the least recently matched forgotten
 * first. Called only for spans that matched a rule, never on the no-alert path.
 */
public final class OccurrenceGate {

  private final int minOccurrences;
  private final long windowNanos;
  private final BoundedLruMap<String, long[]> recent = new BoundedLruMap<>();

  public OccurrenceGate(int minOccurrences, long windowNanos) {
    this.minOccurrences = minOccurrences;
    this.windowNanos = windowNanos;
  }

  /** Records a match of {@code alias} at {@code nowNanos}; true when it now alerts. */
  public synchronized boolean admit(String alias, long nowNanos) {
    if (minOccurrences <= 1) {
      return true;
    }
    long[] ring = recent.get(alias);
    if (ring == null) {
      ring = new long[minOccurrences + 1];
      recent.put(alias, ring);
    }
    // ring[0] is the number of matches seen (capped), the rest a ring of match times
    long seen = ring[0]++;
    ring[1 + (int) (seen % minOccurrences)] = nowNanos;
    if (seen + 1 < minOccurrences) {
      return false;
    }
    long oldestOfLastN = ring[1 + (int) ((seen + 1) % minOccurrences)];
    return nowNanos - oldestOfLastN <= windowNanos;
  }

  synchronized int trackedAliases() {
    return recent.size();
  }
}
