/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.settings.TestSettings;
import org.junit.jupiter.api.Test;

/** The route cache: bounded, forgetting idle routes (a scan), keys capped in length. */
class RouteMatcherTest {

  private final RouteMatcher matcher =
      new RouteMatcher(
          TestSettings.of("alert.status.codes", "500", "monitored.endpoints", "/api/.*"));

  @Test
  void aScanIsForgottenAndARouteSeenAfterItIsRemembered() {
    for (int i = 0; i < 10 * RouteMatcher.MAX_ROUTES; i++) {
      matcher.decide("/scan/" + i);
      assertThat(matcher.rememberedRoutes()).isLessThanOrEqualTo(RouteMatcher.MAX_ROUTES);
    }
    matcher.decide("/api/orders");
    assertThat(matcher.remembers("/api/orders"))
        .as("new routes are remembered after a scan")
        .isTrue();
    assertThat(matcher.remembers("/scan/0")).as("the scan's first paths are forgotten").isFalse();
  }

  @Test
  void aRouteInUseSurvivesAScan() {
    for (int i = 0; i < 10 * RouteMatcher.MAX_ROUTES; i++) {
      matcher.decide("/scan/" + i);
      if (i % 100 == 0) {
        matcher.decide("/api/busy");
      }
    }
    assertThat(matcher.remembers("/api/busy")).isTrue();
  }

  @Test
  void aLongRouteIsCheckedAndRememberedByItsCappedKey() {
    String long1 = "/api/" + "x".repeat(100_000) + "1";
    String long2 = "/api/" + "x".repeat(100_000) + "2";
    assertThat(matcher.decide(long1).statusMonitored).isTrue();
    matcher.decide(long2);
    String key1 = RouteKey.of(long1);
    assertThat(key1).hasSize(RouteKey.MAX_CHARS + 17).startsWith("/api/xxx").contains("#");
    assertThat(RouteKey.of(long2)).isNotEqualTo(key1);
    assertThat(matcher.remembers(key1)).isTrue();
    assertThat(matcher.remembers(long1)).isFalse();
    assertThat(RouteKey.of("/api/short")).isSameAs(RouteKey.of("/api/short"));
  }
}
