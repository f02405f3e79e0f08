/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.util.BoundedLruMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The state behind the windowed rules and auto-close, with an explicit clock. */
class WindowedStateTest {

  private static final long S = TimeUnit.SECONDS.toNanos(1);

  @Test
  void nMinusOneMatchesInTheWindowDoNotAdmitTheNthDoes() {
    OccurrenceGate gate = new OccurrenceGate(3, 60 * S);
    assertThat(gate.admit("a", 0)).isFalse();
    assertThat(gate.admit("a", 10 * S)).isFalse();
    assertThat(gate.admit("a", 20 * S)).isTrue();
    assertThat(gate.admit("b", 20 * S)).isFalse();
  }

  @Test
  void matchesSpreadWiderThanTheWindowDoNotAdmit() {
    OccurrenceGate gate = new OccurrenceGate(3, 60 * S);
    gate.admit("a", 0);
    gate.admit("a", 50 * S);
    assertThat(gate.admit("a", 61 * S)).isFalse(); // the first fell out of the window
    assertThat(gate.admit("a", 70 * S)).isTrue(); // 50, 61, 70
  }

  @Test
  void gateOfOneAdmitsEverything() {
    OccurrenceGate gate = new OccurrenceGate(1, 60 * S);
    assertThat(gate.admit("a", 0)).isTrue();
    assertThat(gate.trackedAliases()).isZero();
  }

  @Test
  void gateMemoryIsBounded() {
    OccurrenceGate gate = new OccurrenceGate(2, 60 * S);
    for (int i = 0; i < BoundedLruMap.DEFAULT_MAX_ENTRIES + 500; i++) {
      gate.admit("alias-" + i, i);
    }
    assertThat(gate.trackedAliases()).isEqualTo(BoundedLruMap.DEFAULT_MAX_ENTRIES);
  }

  @Test
  void routeStatsCountOnlyTheWindow() {
    RouteStats stats = new RouteStats("/a", 100 * S);
    for (int i = 0; i < 10; i++) {
      stats.record(i * S, i % 2 == 0, false);
    }
    assertThat(stats.total(9 * S)).isEqualTo(10);
    assertThat(stats.errors(9 * S)).isEqualTo(5);
    assertThat(stats.errorRateAbove(9 * S, 0.5, 10)).isTrue();
    assertThat(stats.errorRateAbove(9 * S, 0.5, 11)).isFalse(); // not enough requests
    assertThat(stats.errorRateAbove(9 * S, 0.6, 10)).isFalse();
    // 200 s later everything has slid out
    assertThat(stats.total(209 * S)).isZero();
    stats.record(209 * S, false, true);
    assertThat(stats.total(209 * S)).isEqualTo(1);
    assertThat(stats.slow(209 * S)).isEqualTo(1);
  }

  @Test
  void percentileAboveThresholdMeansMoreThanTheTailIsSlow() {
    RouteStats stats = new RouteStats("/a", 100 * S);
    for (int i = 0; i < 100; i++) {
      stats.record(S, false, i < 5); // exactly 5% slow: p95 is not above the threshold
    }
    assertThat(stats.percentileAbove(S, 95, 20)).isFalse();
    stats.record(S, false, true); // 6 of 101
    assertThat(stats.percentileAbove(S, 95, 20)).isTrue();
  }

  @Test
  void openAliasClosesAfterTheQuietPeriodOnce() {
    OpenAlerts open = new OpenAlerts(300 * S);
    open.opened("a", 0, null, "status");
    open.matched("a", 100 * S);
    assertThat(open.recovered(399 * S)).isEmpty();
    assertThat(open.recovered(400 * S)).extracting(r -> r.alias).containsExactly("a");
    assertThat(open.recovered(900 * S)).isEmpty();
  }

  @Test
  void routeLevelAliasWaitsForTheRouteToBeHealthy() {
    OpenAlerts open = new OpenAlerts(10 * S);
    boolean[] healthy = {false};
    open.opened("rate", 0, now -> healthy[0], "error rate");
    assertThat(open.recovered(60 * S)).isEmpty();
    healthy[0] = true;
    assertThat(open.recovered(61 * S)).extracting(r -> r.reason).containsExactly("error rate");
  }

  @Test
  void matchingAnUnknownAliasOpensNothing() {
    OpenAlerts open = new OpenAlerts(10 * S);
    open.matched("never-sent", 0);
    assertThat(open.size()).isZero();
  }

  @Test
  void theOccurrenceGatesMemoryPerAliasDoesNotGrowWithMinOccurrences() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
    long small = allocatedByFirstAdmit(threads, 2);
    long large = allocatedByFirstAdmit(threads, 1_000);
    // the old ring of min.occurrences + 1 longs took 8 kB more for 1,000
    assertThat(large - small).isLessThan(1024);
  }

  private static long allocatedByFirstAdmit(
      com.sun.management.ThreadMXBean threads, int minOccurrences) {
    OccurrenceGate gate =
        new OccurrenceGate(minOccurrences, java.util.concurrent.TimeUnit.MINUTES.toNanos(5));
    gate.admit("warm-up", 0);
    long id = Thread.currentThread().getId();
    long before = threads.getThreadAllocatedBytes(id);
    gate.admit("alias", 1);
    return threads.getThreadAllocatedBytes(id) - before;
  }

  @Test
  void theOccurrenceGateCountsMatchesWithinTheWindowBySlices() {
    long minute = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
    OccurrenceGate gate = new OccurrenceGate(3, 10 * minute);
    assertThat(gate.admit("a", 0)).isFalse();
    assertThat(gate.admit("a", minute)).isFalse();
    assertThat(gate.admit("a", 2 * minute)).isTrue();
    // 12 minutes on, the first two slices left the window
    assertThat(gate.admit("a", 12 * minute)).isFalse();
  }
}
