/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BoundedLruMapTest {

  @Test
  void theLeastRecentlyUsedKeyIsForgottenPastTheBoundAndCounted() {
    BoundedLruMap<String, Integer> map = new BoundedLruMap<>(2);
    map.put("a", 1);
    map.put("b", 2);
    map.get("a"); // a is now the most recently used
    map.put("c", 3);
    assertThat(map.get("b")).as("b was forgotten").isNull();
    assertThat(map.get("a")).isEqualTo(1);
    assertThat(map.get("c")).isEqualTo(3);
    assertThat(map.size()).isEqualTo(2);
    assertThat(map.evictions()).isEqualTo(1);
  }

  @Test
  void replacingAndRemovingAreNotEvictions() {
    BoundedLruMap<String, Integer> map = new BoundedLruMap<>(2);
    map.put("a", 1);
    map.put("a", 2);
    map.put("b", 3);
    assertThat(map.remove("a")).isEqualTo(2);
    map.put("c", 4);
    assertThat(map.size()).isEqualTo(2);
    assertThat(map.evictions()).isZero();
  }

  @Test
  void memoryStaysWithinTheDefaultBound() {
    BoundedLruMap<Integer, Integer> map = new BoundedLruMap<>();
    for (int i = 0; i < BoundedLruMap.DEFAULT_MAX_ENTRIES + 500; i++) {
      map.put(i, i);
    }
    assertThat(map.size()).isEqualTo(BoundedLruMap.DEFAULT_MAX_ENTRIES);
    assertThat(map.maxEntries()).isEqualTo(10_000);
    assertThat(map.evictions()).isEqualTo(500);
    assertThat(map.get(499)).isNull();
    assertThat(map.get(500)).isEqualTo(500);
  }

  @Test
  void entriesRunLeastRecentlyUsedFirstAndRemoveThroughTheIterator() {
    BoundedLruMap<String, Integer> map = new BoundedLruMap<>(3);
    map.put("a", 1);
    map.put("b", 2);
    map.put("c", 3);
    map.get("a");
    List<String> order = new ArrayList<>();
    for (Iterator<Map.Entry<String, Integer>> it = map.entries(); it.hasNext(); ) {
      Map.Entry<String, Integer> e = it.next();
      order.add(e.getKey());
      if (e.getValue() == 2) {
        it.remove();
      }
    }
    assertThat(order).containsExactly("b", "c", "a");
    assertThat(map.get("b")).isNull();
    assertThat(map.values()).containsExactlyInAnyOrder(1, 3);
  }

  @Test
  void aBoundBelowOneThrows() {
    assertThatThrownBy(() -> new BoundedLruMap<String, String>(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxEntries must be at least 1, was 0");
  }
}
