/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class GenerationalMapTest {

  @Test
  void createsOnceAndRemembers() {
    AtomicInteger created = new AtomicInteger();
    GenerationalMap<String> map =
        new GenerationalMap<>(4, k -> k + "#" + created.incrementAndGet());
    assertThat(map.get("a")).isEqualTo("a#1");
    assertThat(map.get("a")).isEqualTo("a#1");
    assertThat(created).hasValue(1);
    assertThat(map.contains("a")).isTrue();
    assertThat(map.size()).isEqualTo(1);
  }

  @Test
  void keysSeenAgainSurviveAndIdleOnesAreForgotten() {
    GenerationalMap<String> map = new GenerationalMap<>(2, k -> k);
    map.get("a");
    map.get("b");
    map.get("c"); // current full: {a, b} becomes the older generation
    map.get("a"); // seen again: moved up, same value
    map.get("d"); // current {c, a} full: {a, b} dropped, b was idle
    assertThat(map.contains("a")).isTrue();
    assertThat(map.contains("c")).isTrue();
    assertThat(map.contains("d")).isTrue();
    assertThat(map.contains("b")).isFalse();
    assertThat(map.size()).isLessThanOrEqualTo(4);
  }

  @Test
  void aValueMovedUpIsTheSameObject() {
    GenerationalMap<Object> map = new GenerationalMap<>(1, k -> new Object());
    Object a = map.get("a");
    map.get("b"); // {a} becomes the older generation
    assertThat(map.get("a")).isSameAs(a);
  }
}
