/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.admission.OccurrenceGate;
import io.github.otelopsgenie.internal.admission.OpenAlerts;
import io.github.otelopsgenie.internal.util.BoundedLruMap;
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
    // two generations of half the bound each: the idle half is forgotten as a whole
    assertThat(gate.trackedAliases())
        .isLessThanOrEqualTo(BoundedLruMap.DEFAULT_MAX_ENTRIES)
        .isGreaterThanOrEqualTo(BoundedLruMap.DEFAULT_MAX_ENTRIES / 2);
    assertThat(gate.admit("alias-" + (BoundedLruMap.DEFAULT_MAX_ENTRIES + 499), 10_500))
        .as("the latest alias is remembered: its second match within the window alerts")
        .isTrue();
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

  @Test
  void slidingCountsLoseNoIncrementOfThreadsWithinOneSlice() throws Exception {
    SlidingCounts counts = new SlidingCounts(60 * S, 2);
    int threads = 4;
    int each = 100_000;
    java.util.concurrent.CountDownLatch start = new java.util.concurrent.CountDownLatch(1);
    java.util.List<Thread> running = new java.util.ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < each; i++) {
                  int slot = counts.slot(S + i);
                  counts.increment(slot, 0);
                  if (i % 10 == 0) {
                    counts.increment(slot, 1);
                  }
                }
              });
      thread.start();
      running.add(thread);
    }
    start.countDown();
    for (Thread thread : running) {
      thread.join();
    }
    assertThat(counts.sum(0, 2 * S)).isEqualTo((long) threads * each);
    assertThat(counts.sum(1, 2 * S)).isEqualTo((long) threads * each / 10);
  }

  @Test
  void slidingCountsForgetSlicesThatLeftTheWindow() {
    SlidingCounts counts = new SlidingCounts(10 * S, 1);
    counts.increment(counts.slot(0), 0);
    counts.increment(counts.slot(5 * S), 0);
    assertThat(counts.sum(0, 9 * S)).isEqualTo(2);
    // 10 s on, slot 0 holds the slice of 10 s: the count at 0 s is gone, the one at 5 s is not
    counts.increment(counts.slot(10 * S), 0);
    assertThat(counts.sum(0, 10 * S)).isEqualTo(2);
    assertThat(counts.sum(0, 30 * S)).isZero();
  }

  @Test
  void aClockSteppedBackCountsAtOnceInsteadOfWaitingForTheClockToCatchUp() {
    // the clock is the spans' end time, a wall clock: an hour's step back must not blind the window
    SlidingCounts counts = new SlidingCounts(10 * S, 1);
    long hour = 3600 * S;
    for (long t = hour; t < hour + 10 * S; t += S) {
      counts.increment(counts.slot(t), 0);
    }
    assertThat(counts.sum(0, hour + 9 * S)).isEqualTo(10);
    // stepped back an hour: each slot hit again holds the new slice, zeroed first
    counts.increment(counts.slot(2 * S), 0);
    counts.increment(counts.slot(2 * S), 0);
    counts.increment(counts.slot(3 * S), 0);
    assertThat(counts.sum(0, 3 * S)).as("the slices ahead of the time are left out").isEqualTo(3);
    // a slot of the old time that was hit again holds only what came since
    assertThat(counts.sum(0, hour + 9 * S)).isEqualTo(8);
  }

  @Test
  void aHealthyRequestWhileTheRuleFiresEndsTheBreachSoTheNextBreachFiresAgain() {
    RouteStats stats = new RouteStats("/a", 100 * S);
    // 1 of 2 failed: 50% >= 50%, the failing request fires
    assertThat(stats.recordAndJudge(S, false, false, 0.5, 0, false, 2, Long.MAX_VALUE)).isZero();
    assertThat(stats.recordAndJudge(S, true, false, 0.5, 0, false, 2, Long.MAX_VALUE))
        .isEqualTo(RouteStats.ERROR_RATE_FIRED);
    assertThat(stats.recordAndJudge(S, true, false, 0.5, 0, false, 2, Long.MAX_VALUE))
        .as("the same breach")
        .isZero();
    // 2 of 4: still at the rate; 2 of 5 is below: the healthy request ends the breach
    assertThat(stats.recordAndJudge(S, false, false, 0.5, 0, false, 2, Long.MAX_VALUE)).isZero();
    assertThat(stats.recordAndJudge(S, false, false, 0.5, 0, false, 2, Long.MAX_VALUE)).isZero();
    assertThat(stats.recordAndJudge(S, true, false, 0.5, 0, false, 2, Long.MAX_VALUE))
        .as("3 of 6: a new breach")
        .isEqualTo(RouteStats.ERROR_RATE_FIRED);
  }
}
