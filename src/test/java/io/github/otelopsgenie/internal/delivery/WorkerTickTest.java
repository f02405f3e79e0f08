/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.LogCapture;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.Arrays;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The worker's periodic tick (the storm roll-up) may fail: the item the worker already took from
 * the queue is still delivered (a close is never left "closing" for ever), and flush requests
 * already dequeued are still answered.
 */
@Timeout(60)
class WorkerTickTest {

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private final LogCapture logs = LogCapture.of(DeliveryLog.class);
  private Worker worker;

  @AfterEach
  void tearDown() {
    if (worker != null) {
      worker.shutdown().join(10, TimeUnit.SECONDS);
    }
    logs.close();
    opsgenie.close();
  }

  private void start(Runnable tick) {
    AlertSenderBuilder b = AlertSender.builder().setApiBase(opsgenie.base()).setApiKey("k");
    worker =
        new Worker(
            b,
            new RetryPolicy(1, Duration.ofMillis(1), Duration.ofMillis(1)),
            new HttpOpsgenieClient(opsgenie.base(), "k", Duration.ofSeconds(5)),
            new SenderMetrics(),
            () -> 0,
            tick);
    worker.start();
  }

  private static final class Outcome implements CloseOutcome {
    final AtomicInteger closed = new AtomicInteger();
    final AtomicInteger notClosed = new AtomicInteger();

    @Override
    public void closed() {
      closed.incrementAndGet();
    }

    @Override
    public void notClosed() {
      notClosed.incrementAndGet();
    }
  }

  @Test
  void aTickThatThrowsLosesNeitherTheTakenItemNorTheFlush() {
    start(
        () -> {
          throw new IllegalStateException("tick broke");
        });
    Outcome outcome = new Outcome();
    assertThat(worker.offer(new CloseItem("a", "recovered", null, null, outcome))).isTrue();
    CompletableResultCode flush = worker.flush();
    assertThat(flush.join(10, TimeUnit.SECONDS).isSuccess()).as("the flush is answered").isTrue();
    assertThat(outcome.closed).as("the close was made and told").hasValue(1);
    assertThat(opsgenie.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path).endsWith("/close"));
    assertThat(logs.records).anySatisfy(r -> assertThat(r.getThrown()).hasMessage("tick broke"));
  }

  @Test
  void aTickThatThrowsAnErrorStillDeliversTheTakenItemBeforeTheThreadDies() throws Exception {
    // an Error the tick's own catch lets through (not a RuntimeException or a LinkageError)
    start(
        () -> {
          throw new AssertionError("tick broke badly");
        });
    Outcome outcome = new Outcome();
    assertThat(worker.offer(new CloseItem("a", "recovered", null, null, outcome))).isTrue();
    worker.thread().join(10_000);
    assertThat(worker.thread().isAlive()).as("the Error ended the thread").isFalse();
    assertThat(outcome.closed).as("the close taken from the queue was made and told").hasValue(1);
    assertThat(opsgenie.requests())
        .singleElement()
        .satisfies(r -> assertThat(r.path).endsWith("/close"));
  }

  @Test
  void aTickThatThrowsWhileAnsweringAFlushStillAnswersIt() {
    // fails only when called to answer a flush, after the flush requests were dequeued
    start(
        () -> {
          if (Arrays.stream(Thread.currentThread().getStackTrace())
              .anyMatch(f -> f.getMethodName().equals("answerFlushes"))) {
            throw new IllegalStateException("tick broke");
          }
        });
    Outcome outcome = new Outcome();
    worker.offer(new CloseItem("a", "recovered", null, null, outcome));
    assertThat(worker.flush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(worker.flush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(outcome.closed).hasValue(1);
  }
}
