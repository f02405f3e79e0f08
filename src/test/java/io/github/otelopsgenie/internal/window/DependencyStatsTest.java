/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** One dependency's window: the error types slide with it as the counts do. */
class DependencyStatsTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);
  private static final long WINDOW = 10 * SECOND;

  private final DependencyStats stats = new DependencyStats("payments.internal:443", WINDOW);

  private void fail(long at, String errorType) {
    stats.record(at, errorType, "trace", 0.99, 1000);
  }

  @Test
  void errorTypesCoverTheWindowLikeTheCounts() {
    fail(0, "java.net.ConnectException");
    fail(1 * SECOND, "java.net.ConnectException");
    fail(5 * SECOND, "503");
    assertThat(stats.topErrorTypes(3, 5 * SECOND))
        .isEqualTo("java.net.ConnectException \u00d72, 503 \u00d71");

    // the first refused connection leaves the window, then the second
    fail(10 * SECOND + 1, "503");
    assertThat(stats.errors(10 * SECOND + 1)).isEqualTo(3);
    assertThat(stats.topErrorTypes(3, 10 * SECOND + 1))
        .isEqualTo("503 \u00d72, java.net.ConnectException \u00d71");
    assertThat(stats.topErrorTypes(3, 11 * SECOND + 1)).isEqualTo("503 \u00d72");
    assertThat(stats.topErrorTypes(3, 16 * SECOND)).isEqualTo("503 \u00d71");
    assertThat(stats.topErrorTypes(3, 21 * SECOND)).isEmpty();
  }

  @Test
  void typesGoneFromTheWindowMakeRoomForNewOnes() {
    for (int i = 0; i < DependencyStats.MAX_ERROR_TYPES + 4; i++) {
      fail(i * 1000L, "E" + i);
    }
    assertThat(stats.topErrorTypes(30, 1 * SECOND)).contains("(other) \u00d74");
    // a window later every old type is out of it: a new one is named, not counted as (other)
    fail(WINDOW + 2 * SECOND, "java.net.SocketTimeoutException");
    assertThat(stats.topErrorTypes(30, WINDOW + 2 * SECOND))
        .isEqualTo("java.net.SocketTimeoutException \u00d71");
  }

  @Test
  void aDependencyStillFailingFiresAgainEveryRefreshPeriodAndOnlyOnAFailedCall() {
    long refresh = 5 * SECOND;
    assertThat(stats.record(0, "503", "t", 0.5, 2, refresh)).as("below min calls").isFalse();
    assertThat(stats.record(100, "503", "t", 0.5, 2, refresh)).as("the breach").isTrue();
    assertThat(stats.record(SECOND, "503", "t", 0.5, 2, refresh)).as("fired just now").isFalse();
    // a success while still breached refreshes nothing
    assertThat(stats.record(5 * SECOND + 200, null, null, 0.5, 2, refresh)).isFalse();
    assertThat(stats.record(5 * SECOND + 300, "503", "t", 0.5, 2, refresh))
        .as("still failing half an auto-close period later: sent again")
        .isTrue();
    assertThat(stats.record(6 * SECOND, "503", "t", 0.5, 2, refresh)).isFalse();
    assertThat(stats.record(10 * SECOND + 300, "503", "t", 0.5, 2, refresh)).isTrue();
  }

  @Test
  void withoutAutoCloseABreachFiresOnce() {
    for (int i = 0; i < 100; i++) {
      boolean fired = stats.record(i * SECOND, "503", "t", 0.5, 2);
      assertThat(fired).as("call %s", i).isEqualTo(i == 1);
    }
  }
}
