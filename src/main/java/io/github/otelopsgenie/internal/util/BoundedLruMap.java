/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import java.util.Collection;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A map of at most {@code maxEntries} entries that forgets the least recently used one (read or
 * written) when a new key would exceed the bound, and counts what it forgot. Memory stays bounded
 * however many distinct keys (aliases) the requests bring.
 *
 * <p>Not thread-safe: every user already holds its own lock around each call, which also covers
 * iterating {@link #entries()}.
 */
public final class BoundedLruMap<K, V> {

  /** The bound of every map of aliases: storm control, the occurrence gate, the open alerts. */
  public static final int DEFAULT_MAX_ENTRIES = 10_000;

  private final int maxEntries;
  private final LinkedHashMap<K, V> map;
  private long evictions;

  public BoundedLruMap() {
    this(DEFAULT_MAX_ENTRIES);
  }

  public BoundedLruMap(int maxEntries) {
    if (maxEntries < 1) {
      throw new IllegalArgumentException("maxEntries must be at least 1, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.map =
        new LinkedHashMap<K, V>(16, 0.75f, true) {
          private static final long serialVersionUID = 1L;

          @Override
          protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
            if (size() <= BoundedLruMap.this.maxEntries) {
              return false;
            }
            evictions++;
            return true;
          }
        };
  }

  /** The value of {@code key}, or null; marks the key as used. */
  public V get(K key) {
    return map.get(key);
  }

  /**
   * Puts {@code value} under {@code key}, forgetting the least recently used key if that is one too
   * many.
   */
  public void put(K key, V value) {
    map.put(key, value);
  }

  public V remove(K key) {
    return map.remove(key);
  }

  public int size() {
    return map.size();
  }

  public int maxEntries() {
    return maxEntries;
  }

  /** How many entries were forgotten to stay within the bound (removals not counted). */
  public long evictions() {
    return evictions;
  }

  public Collection<V> values() {
    return map.values();
  }

  /**
   * The entries, least recently used first, without marking any as used; the iterator's {@code
   * remove()} removes from the map.
   */
  public Iterator<Map.Entry<K, V>> entries() {
    return map.entrySet().iterator();
  }

  @Override
  public String toString() {
    return "BoundedLruMap{size="
        + map.size()
        + ", maxEntries="
        + maxEntries
        + ", evictions="
        + evictions
        + "}";
  }
}
