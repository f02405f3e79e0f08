/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
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
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Many request threads ending SERVER spans of one hot route at once (a healthy 200 on {@code
 * /api/users/{id}}, which matches no rule), with 1, 2 and 4 threads: our processor with the
 * windowed rules off and on (every request is then counted in the one route's window), next to the
 * SDK's BatchSpanProcessor with the same threads. Each thread ends its own spans (sharing spans
 * would measure the span's own lock); the processors are shared, as in a service. Per-span cost
 * should stay flat as threads are added; docs/performance.md shows the table.
 *
 * <p>The batch processor's worker cannot export as fast as four threads end spans: once its queue
 * is full its onEnd is a failed offer (counted and printed at the end), which is cheaper than an
 * export, so its figure is a floor there.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 4, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class ContentionBenchmark {

  static final int SPANS = 512;

  /** The spans one thread ends: its own, 16 distinct ones cycled. */
  @State(Scope.Thread)
  public static class ThreadSpans {
    SdkTracerProvider provider;
    ReadableSpan[] spans;

    @Setup(Level.Trial)
    public void setUp() {
      provider = BenchmarkSpans.provider();
      spans =
          BenchmarkSpans.cycle(
              provider, 16, (tracer, i) -> BenchmarkSpans.ofCase("server200", tracer, i));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** The processors, shared by every thread of a benchmark. */
  @State(Scope.Benchmark)
  public static class Processors {
    AlertingSpanProcessor ours;
    AlertingSpanProcessor oursWindowed;
    BatchSpanProcessor batch;
    BenchmarkSpans.CountingExporter exporter;

    @Setup(Level.Trial)
    public void setUp() {
      OpsgenieSettings plain = BenchmarkSpans.settings();
      ours = new AlertingSpanProcessor(plain, BenchmarkSpans.sender(plain));
      Map<String, String> windowed = new HashMap<>();
      windowed.put("otel.opsgenie.alert.min.occurrences", "3");
      windowed.put("otel.opsgenie.alert.error.rate", "0.2");
      windowed.put("otel.opsgenie.alert.latency.percentile", "95");
      windowed.put("otel.opsgenie.alert.auto.close", "10m");
      OpsgenieSettings settings = BenchmarkSpans.settings(windowed);
      oursWindowed = new AlertingSpanProcessor(settings, BenchmarkSpans.sender(settings));
      exporter = new BenchmarkSpans.CountingExporter();
      batch = BatchSpanProcessor.builder(exporter).build();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      long raised = ours.state().raisedCount() + oursWindowed.state().raisedCount();
      ours.shutdown().join(10, TimeUnit.SECONDS);
      oursWindowed.shutdown().join(10, TimeUnit.SECONDS);
      batch.shutdown().join(10, TimeUnit.SECONDS);
      System.out.printf(
          "%nbatch exported=%d (the rest of its calls were dropped on a full queue)%n",
          exporter.exported.get());
      if (raised != 0) {
        throw new IllegalStateException("a healthy span raised " + raised + " alerts");
      }
    }
  }

  private static void end(SpanProcessor processor, ThreadSpans spans) {
    ReadableSpan[] s = spans.spans;
    for (int i = 0; i < s.length; i++) {
      processor.onEnd(s[i]);
    }
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(SPANS)
  public void ours_1(Processors p, ThreadSpans s) {
    end(p.ours, s);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(SPANS)
  public void ours_2(Processors p, ThreadSpans s) {
    end(p.ours, s);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(SPANS)
  public void ours_4(Processors p, ThreadSpans s) {
    end(p.ours, s);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(SPANS)
  public void oursWindowed_1(Processors p, ThreadSpans s) {
    end(p.oursWindowed, s);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(SPANS)
  public void oursWindowed_2(Processors p, ThreadSpans s) {
    end(p.oursWindowed, s);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(SPANS)
  public void oursWindowed_4(Processors p, ThreadSpans s) {
    end(p.oursWindowed, s);
  }

  @Benchmark
  @Threads(1)
  @OperationsPerInvocation(SPANS)
  public void batch_1(Processors p, ThreadSpans s) {
    end(p.batch, s);
  }

  @Benchmark
  @Threads(2)
  @OperationsPerInvocation(SPANS)
  public void batch_2(Processors p, ThreadSpans s) {
    end(p.batch, s);
  }

  @Benchmark
  @Threads(4)
  @OperationsPerInvocation(SPANS)
  public void batch_4(Processors p, ThreadSpans s) {
    end(p.batch, s);
  }
}
