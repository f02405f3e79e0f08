/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.premain.DeferredProcessor;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.TimeUnit;
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
 * Issue 30: what the SDK's call of our {@code onEnd} costs under the agent, where the SDK holds the
 * {@link DeferredProcessor} (built, so one volatile read and a call) instead of {@link
 * AlertingSpanProcessor} itself: both on the same ended spans of {@link OnEndBenchmark}'s cases
 * that raise nothing (512 calls per invocation, scores per call).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class DeferredOnEndBenchmark {

  static final int SPANS = 512;

  /** The spans of one case, ended in setup, and both ways to our processor. */
  @State(Scope.Thread)
  public static class Spans {
    @Param({"server200", "client200"})
    public String spanCase;

    SdkTracerProvider provider;
    ReadableSpan[] spans;
    AlertSender sender;
    AlertingSpanProcessor direct;
    SpanProcessor deferred;

    @Setup(Level.Trial)
    public void setUp() {
      provider = BenchmarkSpans.provider();
      spans =
          BenchmarkSpans.cycle(
              provider,
              16,
              BenchmarkSpans.scopeOf(spanCase),
              (tracer, i) -> BenchmarkSpans.ofCase(spanCase, tracer, i));
      OpsgenieSettings settings = BenchmarkSpans.settings();
      sender = BenchmarkSpans.sender(settings);
      direct = new AlertingSpanProcessor(settings, sender);
      AlertingSpanProcessor real = direct;
      deferred = new DeferredProcessor(() -> real);
      // builds it on this thread (no agent here), as the start thread does after premain
      deferred.forceFlush().join(10, TimeUnit.SECONDS);
      if (!deferred.toString().contains("AlertingSpanProcessor")) {
        throw new IllegalStateException("not built: " + deferred);
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      deferred.shutdown().join(10, TimeUnit.SECONDS);
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public void direct(Spans s) {
    ReadableSpan[] spans = s.spans;
    for (int i = 0; i < SPANS; i++) {
      s.direct.onEnd(spans[i]);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public void deferred(Spans s) {
    ReadableSpan[] spans = s.spans;
    for (int i = 0; i < SPANS; i++) {
      s.deferred.onEnd(spans[i]);
    }
  }
}
