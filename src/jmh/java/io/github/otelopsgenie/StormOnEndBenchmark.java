/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code onEnd} during an alert storm: the {@code alert} span of {@link OnEndBenchmark} (an
 * unhandled exception on a monitored route), with the sender's default cooldown of 60 s, so that
 * after the first every alert of the alias is held back and counted. The request pays for its facts
 * and the alias; the alert itself is never built.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class StormOnEndBenchmark {

  static final int DISTINCT = 16;

  ReadableSpan[] spans;
  SdkTracerProvider provider;
  AlertSender sender;
  AlertingSpanProcessor processor;

  @Setup(Level.Trial)
  public void setUp() {
    provider = BenchmarkSpans.provider();
    endSpans();
    OpsgenieSettings settings = BenchmarkSpans.settings();
    sender = BenchmarkSpans.sender(settings, Duration.ofSeconds(60));
    processor = new AlertingSpanProcessor(settings, sender);
  }

  /**
   * Spans that ended just now, each iteration anew: in a service, the span a request thread hands
   * to onEnd has just ended, and storm control takes its end time as "now" when it is that recent.
   */
  @Setup(Level.Iteration)
  public void endSpans() {
    spans =
        BenchmarkSpans.cycle(
            provider, DISTINCT, (tracer, i) -> BenchmarkSpans.ofCase("alert", tracer, i));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    processor.shutdown().join(10, TimeUnit.SECONDS);
    provider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.printf(
        "%nstorm: alerts raised=%d; sender: %s%n",
        processor.state().raisedCount(), sender.metrics().summary());
  }

  @Benchmark
  @OperationsPerInvocation(OnEndBenchmark.SPANS)
  public void oursInCooldown() {
    ReadableSpan[] s = spans;
    for (int i = 0; i < s.length; i++) {
      processor.onEnd(s[i]);
    }
  }
}
