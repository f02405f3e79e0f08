/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
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
 * The price of {@link OpsgenieSampler} per unsampled span of each kind: a span that the user's
 * sampler drops ({@code parentbased_traceidratio}, here at ratio 0 so that every span is
 * unsampled), started with the attributes the agent gives at start and ended, through a real {@code
 * SdkTracerProvider} with a batch exporter and our processor, job, consumer and dependency rules
 * on. Without the wrapper the span is a non-recording one; with it, the spans a rule reads are
 * recorded (RECORD_ONLY) and handed to our processor.
 *
 * <ul>
 *   <li>{@code sampler=plain}: the user's sampler alone (what {@code
 *       sampling.record.server.spans=false} gives);
 *   <li>{@code sampler=serverOnly}: the wrapper as it was before issue 27 (SERVER and marked
 *       spans);
 *   <li>{@code sampler=rules}: the wrapper as the flat settings build it now.
 * </ul>
 *
 * One benchmark per kind: {@code server} (a root request), {@code client} (a call under an
 * unsampled request), {@code consumer} (a Kafka message whose producer was not sampled), {@code
 * jobRoot} (a {@code @Scheduled} run, the root of its trace), {@code internal} (an INTERNAL span
 * under an unsampled request, which no rule reads).
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 2,
    jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@State(Scope.Thread)
public class UnsampledSpanBenchmark {

  @Param({"plain", "serverOnly", "rules"})
  public String sampler;

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";

  private SdkTracerProvider provider;
  private Tracer serverTracer;
  private Tracer clientTracer;
  private Tracer consumerTracer;
  private Tracer jobTracer;
  private Tracer internalTracer;
  private AlertingSpanProcessor ours;
  private BenchmarkSpans.CountingExporter exporter;
  private Context unsampledRequest;
  private Context unsampledProducer;
  private long spans;
  private long recording;

  @Setup(Level.Trial)
  public void setUp() {
    Sampler user = Sampler.parentBased(Sampler.traceIdRatioBased(0));
    OpsgenieSettings settings = BenchmarkSpans.settings();
    Sampler configured;
    switch (sampler) {
      case "plain":
        configured = user;
        break;
      case "serverOnly":
        configured = new OpsgenieSampler(user);
        break;
      default:
        configured = OpsgenieSampler.forRules(user, settings);
    }
    exporter = new BenchmarkSpans.CountingExporter();
    ours = new AlertingSpanProcessor(settings, BenchmarkSpans.sender(settings));
    provider =
        SdkTracerProvider.builder()
            .setResource(BenchmarkSpans.RESOURCE)
            .setSampler(configured)
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .addSpanProcessor(ours)
            .build();
    serverTracer = provider.get(BenchmarkSpans.scopeOf("server200"));
    clientTracer = provider.get(BenchmarkSpans.scopeOf("client200"));
    consumerTracer = provider.get(BenchmarkSpans.scopeOf("consumer"));
    jobTracer = provider.get(BenchmarkSpans.scopeOf("jobOk"));
    internalTracer = provider.get(BenchmarkSpans.scopeOf("internal"));
    unsampledRequest =
        Context.root()
            .with(
                Span.wrap(
                    SpanContext.create(
                        TRACE_ID,
                        "b7ad6b7169203331",
                        TraceFlags.getDefault(),
                        TraceState.getDefault())));
    unsampledProducer =
        Context.root()
            .with(
                Span.wrap(
                    SpanContext.createFromRemoteParent(
                        TRACE_ID,
                        "b7ad6b7169203332",
                        TraceFlags.getDefault(),
                        TraceState.getDefault())));
  }

  @TearDown(Level.Trial)
  public void tearDown() {
    provider.shutdown().join(10, TimeUnit.SECONDS);
    System.out.printf(
        "%n%s: spans=%d recording=%d exported=%d alerts=%d%n",
        sampler, spans, recording, exporter.exported.get(), ours.state().raisedCount());
  }

  @Benchmark
  public Span server() {
    Span span =
        BenchmarkSpans.startServer(serverTracer, "GET", "/api/v1/orders/1042")
            .setNoParent()
            .startSpan();
    span.updateName("GET " + BenchmarkSpans.MONITORED_ROUTE);
    span.setAttribute("http.route", BenchmarkSpans.MONITORED_ROUTE);
    span.setAttribute("http.response.status_code", 200L);
    return end(span);
  }

  @Benchmark
  public Span client() {
    Span span =
        clientTracer
            .spanBuilder("GET")
            .setParent(unsampledRequest)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.full", "http://payments.internal:8443/payments/1042")
            .setAttribute("server.address", "payments.internal")
            .setAttribute("server.port", 8443L)
            .setAttribute("network.protocol.version", "1.1")
            .setAttribute("thread.id", 42L)
            .setAttribute("thread.name", "http-nio-8080-exec-1")
            .startSpan();
    span.setAttribute("http.response.status_code", 200L);
    return end(span);
  }

  @Benchmark
  public Span consumer() {
    return end(
        consumer(consumerTracer.spanBuilder("orders process").setParent(unsampledProducer))
            .startSpan());
  }

  @Benchmark
  public Span jobRoot() {
    return end(
        jobTracer
            .spanBuilder("ReportJob.nightly")
            .setNoParent()
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute("code.function", "nightly")
            .setAttribute("code.namespace", "com.example.ReportJob")
            .setAttribute("thread.id", 38L)
            .setAttribute("thread.name", "scheduling-1")
            .startSpan());
  }

  @Benchmark
  public Span internal() {
    return end(
        internalTracer
            .spanBuilder("OrderService.load")
            .setParent(unsampledRequest)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute("code.function", "load")
            .setAttribute("code.namespace", "com.example.OrderService")
            .setAttribute("thread.id", 42L)
            .setAttribute("thread.name", "http-nio-8080-exec-1")
            .startSpan());
  }

  private Span end(Span span) {
    spans++;
    if (span.isRecording()) {
      recording++;
    }
    span.end();
    return span;
  }

  private static SpanBuilder consumer(SpanBuilder builder) {
    return builder
        .setSpanKind(SpanKind.CONSUMER)
        .setAttribute("messaging.system", "kafka")
        .setAttribute("messaging.operation", "process")
        .setAttribute("messaging.destination.name", "orders")
        .setAttribute("messaging.kafka.message.offset", 1042L)
        .setAttribute("messaging.destination.partition.id", "0")
        .setAttribute("messaging.kafka.consumer.group", "billing")
        .setAttribute("messaging.client_id", "consumer-billing-1")
        .setAttribute("messaging.message.body.size", 120L)
        .setAttribute("messaging.kafka.cluster.id", "pqXFr9eXRwWJ_ffkPYQBPg")
        .setAttribute("thread.id", 51L)
        .setAttribute("thread.name", "listener-0-C-1");
  }
}
