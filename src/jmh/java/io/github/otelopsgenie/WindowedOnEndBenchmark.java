/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.util.HashMap;
import java.util.Map;
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
 * {@code onEnd} of our processor with every windowed rule on (minimum occurrences, route error
 * rate, latency percentile, auto-close), on spans that match no rule: each SERVER span is still
 * counted in its route's window, which must allocate nothing. Same spans and scoring as {@link
 * OnEndBenchmark} (whose {@code ours} is the same processor with the windowed rules off).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class WindowedOnEndBenchmark {

  /** internal, server200 and longRoute200 as in {@link OnEndBenchmark.Spans}: no rule matches. */
  @Param({"internal", "server200", "longRoute200"})
  public String spanCase;

  static final int DISTINCT = 16;

  ReadableSpan[] spans;
  SdkTracerProvider provider;
  AlertingSpanProcessor processor;

  @Setup(Level.Trial)
  public void setUp() {
    provider = BenchmarkSpans.provider();
    spans =
        BenchmarkSpans.cycle(
            provider, DISTINCT, (tracer, i) -> BenchmarkSpans.ofCase(spanCase, tracer, i));
    Map<String, String> windowed = new HashMap<>();
    windowed.put("otel.opsgenie.alert.min.occurrences", "3");
    windowed.put("otel.opsgenie.alert.window", "5m");
    windowed.put("otel.opsgenie.alert.error.rate", "0.2");
    windowed.put("otel.opsgenie.alert.latency.percentile", "95");
    windowed.put("otel.opsgenie.alert.auto.close", "10m");
    OpsgenieSettings settings = BenchmarkSpans.settings(windowed);
    processor = new AlertingSpanProcessor(settings, BenchmarkSpans.sender(settings));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    long raised = processor.state().raisedCount();
    processor.shutdown().join(10, TimeUnit.SECONDS);
    provider.shutdown().join(10, TimeUnit.SECONDS);
    if (raised != 0) {
      throw new IllegalStateException("a span that matches no rule raised " + raised + " alerts");
    }
  }

  @Benchmark
  @OperationsPerInvocation(OnEndBenchmark.SPANS)
  public void oursWindowed() {
    ReadableSpan[] s = spans;
    for (int i = 0; i < s.length; i++) {
      processor.onEnd(s[i]);
    }
  }
}
