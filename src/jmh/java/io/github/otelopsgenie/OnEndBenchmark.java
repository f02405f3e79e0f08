/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
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
 * {@code onEnd} of already-ended spans from a real {@link SdkTracerProvider}, one kind of span per
 * {@code spanCase}: our processor, and as yardsticks the SDK's {@link BatchSpanProcessor} (with an
 * exporter that does nothing) and a processor that does nothing, on the same spans.
 *
 * <p>One invocation makes 512 {@code onEnd} calls, cycling through the case's distinct spans;
 * scores are per call. Before each invocation, outside the measured time, the processor's queue is
 * drained: the BatchSpanProcessor then enqueues every span and signals its worker once per 512, as
 * in a service that keeps up with its load, instead of dropping spans from a full queue (a cheaper
 * path that a tight benchmark loop would otherwise measure); our sender's worker takes every alert.
 * The gc profiler counts the bytes allocated by every thread, so the B/op of the batch processor
 * and of our alert case include what their worker threads allocate.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
public class OnEndBenchmark {

  static final int SPANS = 512;

  /** The spans of one case, ended in setup. */
  @State(Scope.Thread)
  public static class Spans {
    /**
     * internal: an INTERNAL span; server200: GET on a monitored route, status 200, under the
     * latency threshold; longRoute200: status 200 on a 150-character route that none of the 20
     * monitored-route regexes match; longRoute503: the same route answering 503, a status that
     * alerts, so the route's remembered decision (not monitored) is looked up and no alert is
     * raised; alert: status 500 with the exception event of an unhandled exception on a monitored
     * route, which raises an exception alert; jobOk: a successful run of a Spring @Scheduled job
     * (INTERNAL, scope spring-scheduling); client200: a JDK HTTP client call answered 200, counted
     * by the dependency rule (on in these settings) for one of four dependencies; consumer: a Kafka
     * listener's CONSUMER span that went well.
     */
    @Param({
      "internal",
      "server200",
      "longRoute200",
      "longRoute503",
      "alert",
      "jobOk",
      "client200",
      "consumer"
    })
    public String spanCase;

    /**
     * How many distinct spans the 512 calls of an invocation cycle through: 16 stay in the CPU's
     * caches, as the span a request thread just ended does; 512 (about 1 MB of spans) do not.
     */
    @Param({"16"})
    public int distinct;

    SdkTracerProvider provider;
    ReadableSpan[] spans;

    @Setup(Level.Trial)
    public void setUp() {
      provider = BenchmarkSpans.provider();
      spans =
          BenchmarkSpans.cycle(
              provider,
              distinct,
              BenchmarkSpans.scopeOf(spanCase),
              (tracer, i) -> BenchmarkSpans.ofCase(spanCase, tracer, i));
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** Ours, with the real sender behind it (see {@link BenchmarkSpans#sender}). */
  @State(Scope.Thread)
  public static class Ours {
    AlertSender sender;
    AlertingSpanProcessor processor;
    long calls;
    private long drainedRaised;

    @Setup(Level.Trial)
    public void setUp() {
      OpsgenieSettings settings = BenchmarkSpans.settings();
      sender = BenchmarkSpans.sender(settings);
      processor = new AlertingSpanProcessor(settings, sender);
    }

    /** Waits until the sender's worker took every alert queued so far (if any was raised). */
    @Setup(Level.Invocation)
    public void drain() {
      long raised = processor.state().raisedCount();
      if (raised != drainedRaised) {
        processor.forceFlush().join(60, TimeUnit.SECONDS);
        drainedRaised = raised;
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      processor.shutdown().join(10, TimeUnit.SECONDS);
      System.out.printf(
          "%nours: onEnd calls=%d alerts raised=%d dropped=%d failures=%d; remembered routes=%d;"
              + " sender: %s%n",
          calls,
          processor.state().raisedCount(),
          processor.state().droppedCount(),
          processor.state().failureCount(),
          processor.state().rememberedRoutes(),
          sender.metrics().summary());
    }
  }

  /** The SDK's BatchSpanProcessor with its default settings and an exporter that only counts. */
  @State(Scope.Thread)
  public static class Batch {
    BatchSpanProcessor processor;
    BenchmarkSpans.CountingExporter exporter;
    long calls;
    long lost;

    @Setup(Level.Trial)
    public void setUp() {
      exporter = new BenchmarkSpans.CountingExporter();
      processor = BatchSpanProcessor.builder(exporter).build();
    }

    /** Waits until the worker exported every span handed over so far (forceFlush alone may not). */
    @Setup(Level.Invocation)
    public void drain() {
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
      while (exporter.exported.get() + lost < calls) {
        processor.forceFlush().join(10, TimeUnit.SECONDS);
        if (System.nanoTime() > deadline) {
          lost = calls - exporter.exported.get();
        }
      }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
      processor.shutdown().join(10, TimeUnit.SECONDS);
      System.out.printf(
          "%nbatch: onEnd calls=%d exported=%d dropped=%d%n",
          calls, exporter.exported.get(), calls - exporter.exported.get());
    }
  }

  /** A processor that does nothing. */
  @State(Scope.Thread)
  public static class Noop {
    final SpanProcessor processor = new BenchmarkSpans.NoopProcessor();

    @Setup(Level.Invocation)
    public void drain() {
      processor.forceFlush().join(10, TimeUnit.SECONDS);
    }
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public void ours(Spans spans, Ours ours) {
    ReadableSpan[] s = spans.spans;
    for (int i = 0; i < s.length; i++) {
      ours.processor.onEnd(s[i]);
    }
    ours.calls += s.length;
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public void batchSpanProcessor(Spans spans, Batch batch) {
    ReadableSpan[] s = spans.spans;
    for (int i = 0; i < s.length; i++) {
      batch.processor.onEnd(s[i]);
    }
    batch.calls += s.length;
  }

  @Benchmark
  @OperationsPerInvocation(SPANS)
  public void noopProcessor(Spans spans, Noop noop) {
    ReadableSpan[] s = spans.spans;
    for (int i = 0; i < s.length; i++) {
      noop.processor.onEnd(s[i]);
    }
  }
}
