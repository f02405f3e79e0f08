/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The alias budget's window. */
class AliasBudgetTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long START = 1_700_000_000L * SECOND;

  private final AliasBudget budget = new AliasBudget(1, 10 * SECOND);

  @Test
  void oneAliasPerWindow() {
    assertThat(budget.admit("a", START)).isTrue();
    assertThat(budget.admit("a", START + SECOND)).isTrue();
    assertThat(budget.admit("b", START + 2 * SECOND)).isFalse();
    assertThat(budget.admit("b", START + 10 * SECOND)).as("a new window").isTrue();
  }

  @Test
  void aSpanThatEndedAMomentBeforeTheWindowsStartBelongsToIt() {
    assertThat(budget.admit("a", START)).isTrue();
    assertThat(budget.admit("a", START - 1_000)).isTrue();
    assertThat(budget.admit("b", START - 2 * SECOND)).isFalse();
  }

  /** Issue 27: a window started ahead of the clock held until the clock caught up. */
  @Test
  void aWallClockSteppedBackFurtherThanAWindowStartsANewOne() {
    assertThat(budget.admit("a", START)).isTrue();
    assertThat(budget.admit("b", START - 3600 * SECOND)).isTrue();
    assertThat(budget.admit("c", START - 3599 * SECOND)).isFalse();
  }
}
