/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The error-rate judgement shared by routes and dependencies. */
class RatesTest {

  @Test
  void exactlyTheRateReachesItDespiteBinaryFloatingPoint() {
    assertThat(Rates.reached(2, 10, 0.2)).isTrue();
    assertThat(Rates.reached(3, 10, 0.3)).isTrue();
    assertThat(Rates.reached(7, 100, 0.07)).isTrue();
  }

  @Test
  void oneBelowTheRateDoesNotReachIt() {
    assertThat(Rates.reached(1, 10, 0.2)).isFalse();
    assertThat(Rates.reached(6, 100, 0.07)).isFalse();
  }
}
