/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.rules.RouteMatcher;
import io.github.otelopsgenie.settings.OpsgenieSettings;
import io.github.otelopsgenie.settings.TestSettings;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What {@link RouteRules#record} reports: null while the route is healthy, a breach once. */
class RouteRulesTest {

  private static final long S = TimeUnit.SECONDS.toNanos(1);
  private static final long MS = TimeUnit.MILLISECONDS.toNanos(1);

  @Test
  void anErrorRateBreachCarriesTheWindowCountsAndFiresOnce() {
    OpsgenieSettings settings = TestSettings.of(
        "alert.error.rate", "20%", "alert.error.rate.min.requests", "10", "alert.window", "1m");
    RouteRules rules = new RouteRules(settings);
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
    OpsgenieSettings settings = TestSettings.of(
        "alert.latency.percentile", "90", "threshold.response.time", "100",
        "response.time.monitored.endpoints", ".*", "alert.error.rate.min.requests", "10");
    RouteRules rules = new RouteRules(settings);
    RouteMatcher.Decision decision = new RouteMatcher(settings).decide("/slow");
    for (int i = 0; i < 8; i++) {
      assertThat(rules.record("/slow", 200L, null, MS, decision, S)).isNull();
    }
    assertThat(rules.record("/slow", 200L, null, 500 * MS, decision, S)).as("9 requests: too few").isNull();
    RouteBreach breach = rules.record("/slow", 200L, null, 500 * MS, decision, S);
    assertThat(breach).isNotNull();
    assertThat(breach.percentileFired).isTrue();
    assertThat(breach.errorRateFired).isFalse();
    assertThat(breach.windowRequests).isEqualTo(10);
    assertThat(breach.windowSlowRequests).isEqualTo(2); // 20% slow: p90 above the threshold
    assertThat(breach.percentile).isEqualTo(90.0);
    assertThat(breach.latencyThresholdNanos).isEqualTo(100 * MS);
  }
}
