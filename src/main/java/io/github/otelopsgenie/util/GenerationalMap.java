/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.util;

import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Internal. A bounded memory of values by key for the hot path, lock-free and allocation-free when
 * the key is in the current generation: two generations of at most {@code generationSize} keys
 * each; a key looked up again moves to the current one, and when that is full the older generation,
 * the keys not seen since, is dropped. Unlike {@link BoundedLruMap}, it never locks a reader; a
 * value may be created twice for one key under a race, and only one is kept.
 *
 * @param <V> the value type
 */
public final class GenerationalMap<V> {

  private final int generationSize;
  private final Function<String, V> create;
  private volatile ConcurrentHashMap<String, V> current = new ConcurrentHashMap<>();
  private volatile ConcurrentHashMap<String, V> previous = new ConcurrentHashMap<>();

  /** {@code create} makes the value of a key not remembered; it must not return null. */
  public GenerationalMap(int generationSize, Function<String, V> create) {
    this.generationSize = generationSize;
    this.create = create;
  }

  /** The value of {@code key}: remembered, moved up from the older generation, or created. */
  public V get(String key) {
    ConcurrentHashMap<String, V> now = current;
    V value = now.get(key);
    if (value != null) {
      return value;
    }
    value = previous.get(key);
    if (value == null) {
      value = create.apply(key);
    }
    if (now.size() >= generationSize) {
      synchronized (this) {
        if (current == now) {
          previous = now;
          current = new ConcurrentHashMap<>();
        }
        now = current;
      }
    }
    V raced = now.putIfAbsent(key, value);
    return raced != null ? raced : value;
  }

  /** Whether {@code key} is remembered, in either generation. */
  public boolean contains(String key) {
    return current.containsKey(key) || previous.containsKey(key);
  }

  /** Keys remembered, in both generations. */
  public int size() {
    return current.size() + previous.size();
  }
}
