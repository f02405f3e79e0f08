/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.delivery.CloseOutcome;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The request thread's share of an alert that is sent: every span raises an alert (an unhandled
 * exception, or a 500 on a monitored route) and no cooldown holds it back, so each one is admitted
 * and handed over. The sink here is a bounded queue that stands for the sender's (an {@link
 * ArrayBlockingQueue}, offered to as the sender's worker queue is, its oldest item taken away when
 * it is full, as the worker would): the alert's builder is not run, because the sender runs it on
 * its own thread. What is measured is the rule, the alias, the admission, the span data kept and
 * the hand-over.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class AlertingOnEndBenchmark {

  @Param({"alert", "status500"})
  public String spanCase;

  ReadableSpan[] spans;
  SdkTracerProvider provider;
  HandOffSink sink;
  AlertingSpanProcessor processor;

  @Setup(Level.Trial)
  public void setUp() {
    provider = BenchmarkSpans.provider();
    spans =
        BenchmarkSpans.cycle(
            provider,
            StormOnEndBenchmark.DISTINCT,
            (tracer, i) -> BenchmarkSpans.ofCase(spanCase, tracer, i));
    sink = new HandOffSink();
    processor = new AlertingSpanProcessor(BenchmarkSpans.settings(), sink);
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    processor.shutdown().join(10, TimeUnit.SECONDS);
    provider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.printf(
        "%nalerting %s: alerts raised=%d, handed over=%d%n",
        spanCase, processor.state().raisedCount(), sink.handedOver);
  }

  @Benchmark
  @OperationsPerInvocation(OnEndBenchmark.SPANS)
  public void oursAlerting() {
    ReadableSpan[] s = spans;
    for (int i = 0; i < s.length; i++) {
      processor.onEnd(s[i]);
    }
  }

  /** The sender's queue without its worker: items are kept, then taken away unbuilt. */
  static final class HandOffSink implements AlertSink {
    private final ArrayBlockingQueue<Object[]> queue = new ArrayBlockingQueue<>(1024);
    long handedOver;

    @Override
    public boolean enqueue(String alias, Supplier<OpsgenieAlert> build) {
      Object[] item = {alias, build};
      while (!queue.offer(item)) {
        queue.poll();
      }
      handedOver++;
      return true;
    }

    @Override
    public boolean note(String alias, String text) {
      return true;
    }

    @Override
    public boolean close(String alias, String note, CloseOutcome outcome) {
      return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }
}
