/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.TestSettings;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link RouteWindows#record} reports: null while the route is healthy, a breach once. */
class RouteWindowsTest {

  private static final long S = TimeUnit.SECONDS.toNanos(1);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void anErrorRateBreachCarriesTheWindowCountsAndFiresOnce() {
    OpsgenieSettings settings =
        TestSettings.of(
            "alert.error.rate", "20%", "alert.error.rate.min.requests", "10", "alert.window", "1m");
    RouteWindows rules = new RouteWindows(settings);
    RouteMatcher.Decision decision = new RouteMatcher(settings).decide("/orders");
    for (int i = 0; i < 8; i++) {
      assertThat(rules.record("/orders", 200L, null, MS, decision, S)).isNull();
    }
    assertThat(rules.record("/orders", 500L, "500", MS, decision, S)).isNull();
    RouteBreach breach = rules.record("/orders", 500L, "500", MS, decision, S);
    assertThat(breach).isNotNull();
    assertThat(breach.errorRateFired).isTrue();
    assertThat(breach.percentileFired).isFalse();
    assertThat(breach.route()).isEqualTo("/orders");
    assertThat(breach.stats).isSameAs(rules.stats("/orders"));
    assertThat(breach.windowRequests).isEqualTo(10);
    assertThat(breach.windowErrors).isEqualTo(2);
    assertThat(breach.errorRateThreshold).isEqualTo(0.2);
    assertThat(breach.windowNanos).isEqualTo(60 * S);
    assertThat(rules.record("/orders", 500L, "500", MS, decision, S)).as("still firing").isNull();
  }

  @Test
  void aPercentileBreachCarriesTheThresholdAndTheSlowCount() {
    OpsgenieSettings settings =
        TestSettings.of(
            "alert.latency.percentile",
            "90",
            "threshold.response.time",
            "100",
            "response.time.monitored.endpoints",
            ".*",
            "alert.error.rate.min.requests",
            "10");
    RouteWindows rules = new RouteWindows(settings);
    RouteMatcher.Decision decision = new RouteMatcher(settings).decide("/slow");
    for (int i = 0; i < 8; i++) {
      assertThat(rules.record("/slow", 200L, null, MS, decision, S)).isNull();
    }
    assertThat(rules.record("/slow", 200L, null, 500 * MS, decision, S))
        .as("9 requests: too few")
        .isNull();
    RouteBreach breach = rules.record("/slow", 200L, null, 500 * MS, decision, S);
    assertThat(breach).isNotNull();
    assertThat(breach.percentileFired).isTrue();
    assertThat(breach.errorRateFired).isFalse();
    assertThat(breach.windowRequests).isEqualTo(10);
    assertThat(breach.windowSlowRequests).isEqualTo(2); // 20% slow: p90 above the threshold
    assertThat(breach.percentile).isEqualTo(90.0);
    assertThat(breach.latencyThresholdNanos).isEqualTo(100 * MS);
  }

  /**
   * The window's step is atomic: another request never comes between a request's counting and its
   * judging. The test holds the route's window (its {@code RouteStats} monitor) and lets one
   * request in at a time; were the step split into several locked calls, it would catch that
   * request halfway (counted, waiting for the window again) and slip another one in, which makes
   * the route breach once, then be marked healthy by the first request's stale judgement, then
   * breach again: two alerts for one breach. A lock-free window cannot be held, and passes.
   */
  @Test
  void aStaleHealthyJudgmentCannotUndoABreachAnotherRequestJustFired() {
    // The interleaving a lock used to exclude, played step by step: request A reads the rule's
    // fired time and sums the window before request B's failure is counted (so A judges
    // "healthy"), B fires the breach, then A finishes. A must not undo B's breach, or the next
    // failing request would fire the same breach again.
    RouteStats stats = new RouteStats("/orders", 60 * S);
    assertThat(stats.recordAndJudge(S, false, false, 0.3, 0, false, 3, Long.MAX_VALUE)).isZero();
    assertThat(stats.recordAndJudge(S, false, false, 0.3, 0, false, 3, Long.MAX_VALUE)).isZero();
    long staleFiredAt = stats.errorRateFiredAt();
    boolean staleAbove = false; // A's sums: 0 of 2 failed, below 30%
    assertThat(stats.recordAndJudge(S, true, false, 0.3, 0, false, 3, Long.MAX_VALUE))
        .as("B's failure breaches the route")
        .isEqualTo(RouteStats.ERROR_RATE_FIRED);
    assertThat(stats.claimErrorRate(staleFiredAt, staleAbove, false, S, Long.MAX_VALUE))
        .as("A fires nothing")
        .isFalse();
    assertThat(stats.recordAndJudge(S, true, false, 0.3, 0, false, 3, Long.MAX_VALUE))
        .as("the next failure belongs to the same breach: A's stale verdict did not end it")
        .isZero();
    // and a stale "above" cannot fire it a second time either
    assertThat(stats.claimErrorRate(staleFiredAt, true, true, S, Long.MAX_VALUE)).isFalse();
  }

  @Test
  void exactlyOneBreachFiresUnderConcurrency() throws Exception {
    OpsgenieSettings settings =
        TestSettings.of(
            "alert.error.rate", "50%", "alert.error.rate.min.requests", "64", "alert.window", "1m");
    RouteMatcher.Decision decision = new RouteMatcher(settings).decide("/orders");
    int threads = 8;
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      for (int trial = 0; trial < 300; trial++) {
        RouteWindows rules = new RouteWindows(settings);
        java.util.concurrent.atomic.AtomicInteger fired =
            new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CyclicBarrier start = new java.util.concurrent.CyclicBarrier(threads);
        java.util.List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
        for (int t = 0; t < threads; t++) {
          done.add(
              pool.submit(
                  () -> {
                    start.await();
                    for (int i = 0; i < 16; i++) {
                      if (rules.record("/orders", 500L, "500", MS, decision, S) != null) {
                        fired.incrementAndGet();
                      }
                    }
                    return null;
                  }));
        }
        for (java.util.concurrent.Future<?> f : done) {
          f.get(10, TimeUnit.SECONDS);
        }
        // every request failed: the route turned unhealthy once, at the 64th, and stayed so
        assertThat(fired).as("breaches fired in trial %d", trial).hasValue(1);
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void routeLessSpansShareOneEntryAndLongRoutesAreCapped() {
    OpsgenieSettings settings = TestSettings.of("alert.error.rate", "50%");
    RouteWindows rules = new RouteWindows(settings);
    RouteMatcher.Decision decision = new RouteMatcher(settings).decide("/x");
    for (int i = 0; i < 1000; i++) {
      rules.record(null, 500L, "500", MS, decision, S);
    }
    assertThat(rules.trackedRoutes()).as("the unrouted entry is not a route of the map").isZero();
    assertThat(rules.stats(null).route).isEqualTo(RouteWindows.UNROUTED);
    String longRoute = "/r/" + "x".repeat(10_000);
    rules.record(longRoute, 200L, null, MS, decision, S);
    assertThat(rules.stats(longRoute).route).hasSizeLessThan(300);
  }

  @Test
  void idleRoutesAreForgottenAndNewRoutesGetTheirOwnCounts() {
    OpsgenieSettings settings =
        TestSettings.of("alert.error.rate", "50%", "alert.error.rate.min.requests", "2");
    RouteWindows rules = new RouteWindows(settings);
    RouteMatcher.Decision decision = new RouteMatcher(settings).decide("/x");
    for (int i = 0; i < 10 * RouteMatcher.MAX_ROUTES; i++) {
      rules.record("/scan/" + i, 404L, null, MS, decision, S);
      assertThat(rules.trackedRoutes()).isLessThanOrEqualTo(RouteMatcher.MAX_ROUTES);
    }
    // a route first seen after the scan has counts of its own, not a shared bucket's
    assertThat(rules.record("/orders", 200L, null, MS, decision, S)).isNull();
    RouteBreach breach = rules.record("/orders", 500L, "500", MS, decision, S);
    assertThat(breach).isNotNull();
    assertThat(breach.route()).isEqualTo("/orders");
    assertThat(breach.windowRequests).isEqualTo(2);
  }

  @Test
  void aRouteStillBreachedFiresAgainEveryHalfAutoClosePeriodToKeepTheAlertFresh() {
    OpsgenieSettings settings =
        TestSettings.of(
            "alert.error.rate",
            "50%",
            "alert.error.rate.min.requests",
            "2",
            "alert.window",
            "10m",
            "alert.auto.close",
            "4m");
    RouteWindows rules = new RouteWindows(settings);
    RouteMatcher.Decision decision = new RouteMatcher(settings).decide("/x");
    rules.record("/x", 500L, "500", MS, decision, S);
    assertThat(rules.record("/x", 500L, "500", MS, decision, 2 * S)).isNotNull();
    assertThat(rules.record("/x", 500L, "500", MS, decision, 60 * S))
        .as("within half the period")
        .isNull();
    assertThat(rules.record("/x", 500L, "500", MS, decision, 122 * S)).as("a refresh").isNotNull();
    assertThat(rules.record("/x", 500L, "500", MS, decision, 123 * S)).isNull();
  }
}
