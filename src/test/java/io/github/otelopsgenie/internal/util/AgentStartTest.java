/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 30: the one record of the agent's start that the processor's build and the senders wait
 * for; marking it started wakes whoever waits on it.
 */
@Timeout(30)
class AgentStartTest {

  @Test
  void withoutTheAgentNothingIsDeferred() {
    AgentStart start = new AgentStart();
    assertThat(start.isExpected()).isFalse();
    assertThat(start.duringPremain()).isFalse();
    assertThat(start.isStarted()).isFalse();
  }

  @Test
  void underTheAgentPremainLastsFromTheListenerToAfterAgent() {
    AgentStart start = new AgentStart();
    start.expect();
    assertThat(start.duringPremain()).isTrue();
    long before = System.nanoTime();
    start.started();
    long after = System.nanoTime();
    assertThat(start.duringPremain()).isFalse();
    assertThat(start.isStarted()).isTrue();
    assertThat(start.dueAt(AgentStart.SETTLE_NANOS) - AgentStart.SETTLE_NANOS)
        .isBetween(before, after);
  }

  @Test
  void markingTheStartWakesAThreadWaitingOnIt() throws Exception {
    AgentStart start = new AgentStart();
    start.expect();
    CountDownLatch waiting = new CountDownLatch(1);
    CountDownLatch woke = new CountDownLatch(1);
    Thread waiter =
        new Thread(
            () -> {
              try {
                synchronized (start) {
                  waiting.countDown();
                  while (!start.isStarted()) {
                    start.wait(TimeUnit.MINUTES.toMillis(1));
                  }
                }
                woke.countDown();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            });
    waiter.setDaemon(true);
    waiter.start();
    assertThat(waiting.await(10, TimeUnit.SECONDS)).isTrue();
    start.started();
    assertThat(woke.await(10, TimeUnit.SECONDS)).as("woken well before its minute").isTrue();
  }

  @Test
  void theSettleDelayIsOneSecond() {
    assertThat(AgentStart.SETTLE_NANOS).isEqualTo(TimeUnit.SECONDS.toNanos(1));
  }
}
