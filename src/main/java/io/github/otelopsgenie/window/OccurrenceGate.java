/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import io.github.otelopsgenie.util.BoundedLruMap;

/**
 * {@code otel.opsgenie.alert.min.occurrences} within {@code otel.opsgenie.alert.window}: an alias
 * alerts only once its rule has matched at least N times within the window. Counted per alias in
 * {@link #SLICES} time slices of the window, as the route windows are: a few longs per alias
 * whatever N is (N is at most {@code OpsgenieSettings.MAX_MIN_OCCURRENCES}), allocated once per
 * alias; the window moves a slice (a tenth) at a time. At most {@link
 * BoundedLruMap#DEFAULT_MAX_ENTRIES} aliases, the least recently matched forgotten first. Called
 * only for spans that matched a rule, never on the no-alert path.
 */
public final class OccurrenceGate {

  static final int SLICES = 10;

  private final int minOccurrences;
  private final long sliceNanos;
  private final BoundedLruMap<String, long[]> recent = new BoundedLruMap<>();

  public OccurrenceGate(int minOccurrences, long windowNanos) {
    this.minOccurrences = minOccurrences;
    this.sliceNanos = Math.max(1, windowNanos / SLICES);
  }

  /** Records a match of {@code alias} at {@code nowNanos}; true when it now alerts. */
  public synchronized boolean admit(String alias, long nowNanos) {
    if (minOccurrences <= 1) {
      return true;
    }
    // slices[i] is the index of slice i's time, slices[SLICES + i] its count
    long[] slices = recent.get(alias);
    if (slices == null) {
      slices = new long[2 * SLICES];
      java.util.Arrays.fill(slices, 0, SLICES, Long.MIN_VALUE);
      recent.put(alias, slices);
    }
    long index = Math.floorDiv(nowNanos, sliceNanos);
    int slot = (int) Math.floorMod(index, (long) SLICES);
    if (slices[slot] != index) {
      slices[slot] = index;
      slices[SLICES + slot] = 0;
    }
    slices[SLICES + slot]++;
    long matches = 0;
    for (int i = 0; i < SLICES; i++) {
      long age = index - slices[i];
      if (age >= 0 && age < SLICES) {
        matches += slices[SLICES + i];
      }
    }
    return matches >= minOccurrences;
  }

  public synchronized int trackedAliases() {
    return recent.size();
  }

  public int maxAliases() {
    return recent.maxEntries();
  }

  /** Aliases forgotten to stay within {@link #maxAliases()}. */
  public synchronized long evicted() {
    return recent.evictions();
  }
}
