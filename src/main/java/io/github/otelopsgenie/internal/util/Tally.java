/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal. How often each key was seen, for at most {@code maxKeys} distinct keys (a later key is
 * not counted by name: its owner keeps the total), and the most frequent of them. Not thread-safe:
 * its owner synchronizes.
 */
public final class Tally {

  private final int maxKeys;
  private final Map<String, long[]> counts = new LinkedHashMap<>(4);

  public Tally(int maxKeys) {
    this.maxKeys = maxKeys;
  }

  /** Counts one occurrence of {@code key}, if it is already counted or there is room for it. */
  public void count(String key) {
    long[] count = counts.get(key);
    if (count != null) {
      count[0]++;
    } else if (counts.size() < maxKeys) {
      counts.put(key, new long[] {1});
    }
  }

  /** Distinct keys counted. */
  public int distinct() {
    return counts.size();
  }

  public void clear() {
    counts.clear();
  }

  /**
   * At most {@code n} keys with their counts, most frequent first (ties in the order first seen).
   */
  public List<Map.Entry<String, Long>> mostFrequent(int n) {
    List<Map.Entry<String, Long>> top = new ArrayList<>(counts.size());
    for (Map.Entry<String, long[]> e : counts.entrySet()) {
      top.add(new AbstractMap.SimpleImmutableEntry<>(e.getKey(), e.getValue()[0]));
    }
    top.sort((a, b) -> Long.compare(b.getValue(), a.getValue()));
    return new ArrayList<>(top.subList(0, Math.min(n, top.size())));
  }
}
