/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RecentMapTest {

  @Test
  void createsOnceAndRemembers() {
    AtomicInteger created = new AtomicInteger();
    RecentMap<String, String> map = new RecentMap<>(8);
    assertThat(map.computeIfAbsent("a", k -> k + "#" + created.incrementAndGet())).isEqualTo("a#1");
    assertThat(map.computeIfAbsent("a", k -> k + "#" + created.incrementAndGet())).isEqualTo("a#1");
    assertThat(created).hasValue(1);
    assertThat(map.contains("a")).isTrue();
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void keysSeenAgainSurviveAndIdleOnesAreForgottenAndCounted() {
    RecentMap<String, String> map = new RecentMap<>(4); // two generations of 2
    map.computeIfAbsent("a", k -> k);
    map.computeIfAbsent("b", k -> k);
    map.computeIfAbsent("c", k -> k); // current full: {a, b} becomes the older generation
    assertThat(map.get("a")).as("seen again: moved up, same value").isEqualTo("a");
    map.computeIfAbsent("d", k -> k); // current {c, a} full: {a, b} dropped, b was idle
    assertThat(map.contains("a")).isTrue();
    assertThat(map.contains("c")).isTrue();
    assertThat(map.contains("d")).isTrue();
    assertThat(map.contains("b")).isFalse();
    assertThat(map.size()).isLessThanOrEqualTo(map.maxEntries());
    assertThat(map.evictions()).as("b only: a was moved up").isEqualTo(1);
  }

  @Test
  void aValueMovedUpIsTheSameObject() {
    RecentMap<String, Object> map = new RecentMap<>(2);
    Object a = map.computeIfAbsent("a", k -> new Object());
    map.computeIfAbsent("b", k -> new Object()); // {a} becomes the older generation
    assertThat(map.get("a")).isSameAs(a);
    assertThat(map.computeIfAbsent("a", k -> new Object())).isSameAs(a);
  }
}
