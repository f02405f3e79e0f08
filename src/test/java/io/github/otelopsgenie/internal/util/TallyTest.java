/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TallyTest {

  @Test
  void mostFrequentFirstTiesInTheOrderFirstSeen() {
    Tally tally = new Tally(10);
    for (String key : new String[] {"a", "b", "c", "b", "c", "c"}) {
      tally.count(key);
    }
    tally.count("d");
    List<Map.Entry<String, Long>> top = tally.mostFrequent(3);
    assertThat(top).extracting(Map.Entry::getKey).containsExactly("c", "b", "a");
    assertThat(top).extracting(Map.Entry::getValue).containsExactly(3L, 2L, 1L);
    assertThat(tally.mostFrequent(10)).hasSize(4);
  }

  @Test
  void countsAtMostMaxKeysByName() {
    Tally tally = new Tally(2);
    tally.count("a");
    tally.count("b");
    tally.count("c");
    tally.count("a");
    assertThat(tally.distinct()).isEqualTo(2);
    assertThat(tally.mostFrequent(5)).extracting(Map.Entry::getKey).containsExactly("a", "b");
    tally.clear();
    assertThat(tally.distinct()).isZero();
    assertThat(tally.mostFrequent(5)).isEmpty();
  }
}
