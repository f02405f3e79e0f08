/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RetryPolicyTest {

  private final RetryPolicy policy =
      new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  @ParameterizedTest
  @CsvSource({
    "429, true",
    "500, true",
    "502, true",
    "503, true",
    "599, true",
    "400, false",
    "401, false",
    "402, false",
    "403, false",
    "404, false",
    "405, false",
    "422, false",
    "202, false",
    "600, false"
  })
  void onlyServerErrorsAndThrottlingAreRetried(int status, boolean retryable) {
    assertThat(RetryPolicy.isRetryable(status)).isEqualTo(retryable);
  }

  @Test
  void backoffDoublesUpToTheMaximum() {
    assertThat(seconds(policy.backoffNanos(1, 0, 0))).isEqualTo(1.0);
    assertThat(seconds(policy.backoffNanos(2, 0, 0))).isEqualTo(2.0);
    assertThat(seconds(policy.backoffNanos(3, 0, 0))).isEqualTo(4.0);
    assertThat(seconds(policy.backoffNanos(5, 0, 0))).isEqualTo(16.0);
    assertThat(seconds(policy.backoffNanos(6, 0, 0))).isEqualTo(30.0);
    assertThat(seconds(policy.backoffNanos(60, 0, 0))).isEqualTo(30.0);
  }

  @Test
  void jitterTakesAwayUpToHalf() {
    assertThat(seconds(policy.backoffNanos(3, 0.5, 0))).isEqualTo(3.0);
    assertThat(seconds(policy.backoffNanos(3, 0.999999, 0))).isGreaterThan(2.0).isLessThan(2.001);
    assertThat(seconds(policy.backoffNanos(3, 7, 0))).isEqualTo(2.0);
  }

  @Test
  void rateLimitPeriodIsTheLeastWaitEvenAboveTheMaximum() {
    assertThat(seconds(policy.backoffNanos(1, 0.9, 60))).isEqualTo(60.0);
    assertThat(seconds(policy.backoffNanos(5, 0, 1))).isEqualTo(16.0);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
