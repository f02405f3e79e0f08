/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class StormControlTest {

  private static final long COOLDOWN = TimeUnit.SECONDS.toNanos(60);
  private final StormControl storm = new StormControl(COOLDOWN, 3);

  @Test
  void firstOccurrenceIsLetThroughAndTheRestOfTheWindowCounted() {
    assertThat(storm.admit("a", 0, 1_000)).isSameAs(StormReport.NONE);
    assertThat(storm.admit("a", COOLDOWN / 2, 2_000)).isNull();
    assertThat(storm.admit("a", COOLDOWN - 1, 3_000)).isNull();
    assertThat(storm.unreported()).isEqualTo(2);

    StormReport next = storm.admit("a", COOLDOWN, 4_000);

    assertThat(next.suppressed).isEqualTo(2);
    assertThat(next.firstMillis).isEqualTo(2_000);
    assertThat(next.lastMillis).isEqualTo(3_000);
    assertThat(storm.unreported()).isZero();
    assertThat(storm.admit("a", COOLDOWN + 1, 5_000)).isNull();
  }

  @Test
  void aliasesHaveTheirOwnWindows() {
    assertThat(storm.admit("a", 0, 0)).isNotNull();
    assertThat(storm.admit("b", 1, 0)).isNotNull();
    assertThat(storm.admit("a", 2, 0)).isNull();
  }

  @Test
  void theLeastRecentlySeenAliasIsForgottenFirst() {
    storm.admit("a", 0, 0);
    storm.admit("b", 0, 0);
    storm.admit("c", 0, 0);
    storm.admit("a", 1, 0);

    storm.admit("d", 2, 0);

    assertThat(storm.size()).isEqualTo(3);
    assertThat(storm.admit("a", 3, 0)).as("a was seen recently").isNull();
    assertThat(storm.admit("b", 3, 0)).as("b was forgotten").isSameAs(StormReport.NONE);
  }

  @Test
  void anAlertThatCouldNotBeQueuedGivesItsCountsBack() {
    storm.admit("a", 0, 1_000);
    storm.admit("a", 1, 2_000);
    StormReport taken = storm.admit("a", COOLDOWN, 3_000);
    assertThat(taken.suppressed).isEqualTo(1);

    storm.giveBack("a", taken, COOLDOWN);
    StormReport retaken = storm.admit("a", COOLDOWN + 1, 4_000);

    assertThat(retaken.suppressed).isEqualTo(1);
    assertThat(retaken.firstMillis).isEqualTo(2_000);
  }
}
