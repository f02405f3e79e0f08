/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.ServerAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The dependency tables: bounded, and lock-free for calls to new dependencies when full. */
class DependencyWindowsTest {

  private static final long SECOND = TimeUnit.SECONDS.toNanos(1);

  private final DependencyWindows rules =
      new DependencyWindows(TestSettings.of("dependency.error.rate", "50%", "alert.window", "10s"));

  private static Attributes host(String name) {
    return Attributes.of(ServerAttributes.SERVER_ADDRESS, name, ServerAttributes.SERVER_PORT, 443L);
  }

  private void fill(long now) {
    for (int i = 0; i < DependencyWindows.MAX_DEPENDENCIES; i++) {
      DependencyStats stats = rules.find(host("host-" + i), now);
      assertThat(stats).isNotNull();
      rules.record(stats, null, null, now);
    }
  }

  /**
   * Issue 27: once 256 dependencies were tracked, every call to a new host took the lock and
   * scanned the tables. Now the scan notes when one may go idle, and until then the calls are only
   * counted, without the lock.
   */
  @Test
  void fullTablesCountCallsToNewDependenciesWithoutTheLock() {
    fill(0);
    long lockedWhenFull = rules.lockedAdds();
    for (int i = 0; i < 1000; i++) {
      assertThat(rules.find(host("crawled-" + i), 2 * SECOND + i)).isNull();
    }
    assertThat(rules.untrackedCalls()).isEqualTo(1000);
    assertThat(rules.lockedAdds() - lockedWhenFull)
        .as("one scan found the tables full; the other calls were counted without the lock")
        .isEqualTo(1);
    // known dependencies are still counted
    assertThat(rules.find(host("host-7"), 3 * SECOND)).isNotNull();
  }

  @Test
  void fullTablesScanAgainOnceADependencyMayHaveGoneIdle() {
    fill(0);
    // host-0 .. host-255 all called at 0; all but host-0 called again at 5 s
    for (int i = 1; i < DependencyWindows.MAX_DEPENDENCIES; i++) {
      rules.record(rules.find(host("host-" + i), 5 * SECOND), null, null, 5 * SECOND);
    }
    assertThat(rules.find(host("new-a"), 6 * SECOND)).as("full, none idle").isNull();
    assertThat(rules.find(host("new-b"), 9 * SECOND)).as("none idle before 10 s").isNull();
    // host-0 had no call for a window: forgotten, and the new dependency takes its place
    assertThat(rules.find(host("new-c"), 10 * SECOND + 1)).isNotNull();
    assertThat(rules.trackedDependencies()).isEqualTo(DependencyWindows.MAX_DEPENDENCIES);
    assertThat(rules.untrackedCalls()).isEqualTo(2);
  }

  @Test
  void aWallClockSteppedBackFarDoesNotKeepTheTablesClosed() {
    fill(100 * SECOND);
    assertThat(rules.find(host("new-a"), 101 * SECOND)).isNull();
    long locked = rules.lockedAdds();
    // the clock steps back an hour: the time noted is more than a window ahead, so it scans again
    assertThat(rules.find(host("new-b"), 100 * SECOND - 3600 * SECOND)).isNull();
    assertThat(rules.lockedAdds()).isEqualTo(locked + 1);
  }

  @Test
  void concurrentCallersToNewDependenciesOnFullTablesAllProgress() throws Exception {
    fill(0);
    int threads = 4;
    int calls = 20_000;
    CountDownLatch start = new CountDownLatch(1);
    List<Thread> started = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  start.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < calls; i++) {
                  rules.find(host("t" + id + "-" + i), SECOND + i);
                }
              });
      thread.start();
      started.add(thread);
    }
    start.countDown();
    for (Thread thread : started) {
      thread.join(TimeUnit.MINUTES.toMillis(2));
      assertThat(thread.isAlive()).isFalse();
    }
    assertThat(rules.untrackedCalls()).isEqualTo((long) threads * calls);
    // times run from 1 s to 1 s + 20,000 ns: nothing may go idle before 10 s, one scan at most
    // per caller racing the first claim
    assertThat(rules.lockedAdds())
        .isLessThanOrEqualTo(DependencyWindows.MAX_DEPENDENCIES + threads);
  }
}
