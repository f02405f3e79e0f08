/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * A whole healthy SERVER span, as the agent's HTTP instrumentation makes one per request: start
 * with 12 attributes, set route and status, end. What our extension adds to it, for a sampled
 * request and for an unsampled one. For the unsampled request the difference is the price of {@link
 * OpsgenieSampler}: the span is recorded (RECORD_ONLY) so that the processor sees it, where without
 * the extension it would be a non-recording span costing next to nothing.
 *
 * <ul>
 *   <li>sampled: parentbased_always_on, BatchSpanProcessor (exporter that does nothing);
 *   <li>sampledWithOpsgenie: the same, our sampler around it, our processor after the batch one;
 *   <li>unsampled: parentbased_always_off (a request whose traceparent says not sampled);
 *   <li>unsampledWithOpsgenie: the same, our sampler around it (RECORD_ONLY), our processor.
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class SpanLifecycleBenchmark {

  @Param({"sampled", "sampledWithOpsgenie", "unsampled", "unsampledWithOpsgenie"})
  public String setup;

  private SdkTracerProvider provider;
  private Tracer tracer;
  private BenchmarkSpans.CountingExporter exporter;
  private AlertingSpanProcessor ours;
  private long requests;

  @Setup(Level.Trial)
  public void setUp() {
    boolean sampled = setup.startsWith("sampled");
    boolean withOpsgenie = setup.endsWith("WithOpsgenie");
    Sampler sampler = Sampler.parentBased(sampled ? Sampler.alwaysOn() : Sampler.alwaysOff());
    exporter = new BenchmarkSpans.CountingExporter();
    SdkTracerProviderBuilder builder =
        SdkTracerProvider.builder()
            .setResource(BenchmarkSpans.RESOURCE)
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build());
    if (withOpsgenie) {
      OpsgenieSettings settings = BenchmarkSpans.settings();
      ours = new AlertingSpanProcessor(settings, BenchmarkSpans.sender(settings));
      builder.setSampler(new OpsgenieSampler(sampler)).addSpanProcessor(ours);
    } else {
      builder.setSampler(sampler);
    }
    provider = builder.build();
    tracer = provider.get("io.opentelemetry.tomcat-10.0");
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.printf(
        "%n%s: requests=%d exported=%d alerts=%d%n",
        setup, requests, exporter.exported.get(), ours == null ? 0 : ours.state().raisedCount());
  }

  @Benchmark
  public Span healthyRequest() {
    requests++;
    Span span = BenchmarkSpans.startServer(tracer, "GET", "/api/v1/orders/1042").startSpan();
    span.updateName("GET " + BenchmarkSpans.MONITORED_ROUTE);
    span.setAttribute("http.route", BenchmarkSpans.MONITORED_ROUTE);
    span.setAttribute("http.response.status_code", 200L);
    span.end();
    return span;
  }
}
