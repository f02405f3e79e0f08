/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code otel.opsgenie.alert.min.occurrences} within {@code otel.opsgenie.alert.window}: an alias
 * alerts only once its rule has matched at least N times within the window. Keeps the last N match
 * times of each alias; at most {@link #MAX_ALIASES} aliases, the least recently matched forgotten
 * first. Called only for spans that matched a rule, never on the no-alert path.
 */
public final class OccurrenceGate {

  static final int MAX_ALIASES = 10_000;

  private final int minOccurrences;
  private final long windowNanos;
  private final Map<String, long[]> recent =
      new LinkedHashMap<String, long[]>(64, 0.75f, true) {
        private static final long serialVersionUID = 1L;

        @Override
        protected boolean removeEldestEntry(Map.Entry<String, long[]> eldest) {
          return size() > MAX_ALIASES;
        }
      };

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
