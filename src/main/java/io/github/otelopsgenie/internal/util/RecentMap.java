/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A concurrent map that remembers at most {@code maxEntries} keys and forgets the idle ones, read
 * without a lock: two generations of at most {@code maxEntries / 2} entries each. A key found in
 * the older generation moves to the current one; when the current one is full it becomes the older
 * one and the keys not seen since are dropped. For the caches read on every span (route decisions,
 * route windows, occurrence counts), where {@link BoundedLruMap}'s lock would be taken per span.
 */
public final class RecentMap<K, V> {

  private final int maxEntries;
  private final int generationSize;
  private final AtomicLong evictions = new AtomicLong();
  private volatile ConcurrentHashMap<K, V> current = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<K, V> previous = new ConcurrentHashMap<>();

  public RecentMap(int maxEntries) {
    if (maxEntries < 2) {
      throw new IllegalArgumentException("maxEntries must be at least 2, was " + maxEntries);
    }
    this.maxEntries = maxEntries;
    this.generationSize = maxEntries / 2;
  }

  /** The value of {@code key}, or null; a key found in the older generation moves on. */
  public V get(K key) {
    ConcurrentHashMap<K, V> now = current;
    V value = now.get(key);
    if (value != null) {
      return value;
    }
    value = previous.get(key);
    if (value != null) {
      V raced = room(now).putIfAbsent(key, value);
      return raced != null ? raced : value;
    }
    return null;
  }

  /** The value of {@code key}, made by {@code make} (at most once per key and generation). */
  public V computeIfAbsent(K key, Function<? super K, ? extends V> make) {
    V value = get(key);
    return value != null ? value : room(current).computeIfAbsent(key, make);
  }

  /** Puts {@code value} under {@code key} unless the key is there. */
  public void putIfAbsent(K key, V value) {
    room(current).putIfAbsent(key, value);
  }

  /** The current generation, after making it a new one when {@code now} is full. */
  private ConcurrentHashMap<K, V> room(ConcurrentHashMap<K, V> now) {
    if (now.size() < generationSize) {
      return now;
    }
    synchronized (this) {
      if (current == now) {
        // the older generation goes: what of it was not seen again is forgotten
        long forgotten = 0;
        for (K key : previous.keySet()) {
          if (!now.containsKey(key)) {
            forgotten++;
          }
        }
        evictions.addAndGet(forgotten);
        previous = now;
        current = new ConcurrentHashMap<>();
      }
      return current;
    }
  }

  public int maxEntries() {
    return maxEntries;
  }

  /** Keys forgotten to stay within {@link #maxEntries()} (idle for a whole generation). */
  public long evictions() {
    return evictions.get();
  }

  /** For tests: whether {@code key} is remembered, without moving it. */
  public boolean contains(K key) {
    return current.containsKey(key) || previous.containsKey(key);
  }

  /** The keys remembered, at most {@code maxEntries} (a key in both generations counts twice). */
  public int size() {
    return current.size() + previous.size();
  }
}
