/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.SettingsSource;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;

/**
 * What the benchmarks share: settings as a real service would have them, and spans shaped like the
 * SERVER spans agent 2.33.1 records for Spring MVC on Tomcat (same attribute names and count).
 */
final class BenchmarkSpans {

  static final Resource RESOURCE =
      Resource.getDefault().toBuilder()
          .put("service.name", "checkout")
          .put("host.name", "web-1")
          .build();

  /** 20 route regexes; {@link #MONITORED_ROUTE} matches the last one, {@link #LONG_ROUTE} none. */
  static final String[] MONITORED = {
    "/api/v1/carts/.*", "/api/v1/users/\\{id\\}", "/api/v1/users/\\{id\\}/addresses",
    "/api/v1/payments(/.*)?", "/api/v1/invoices/\\{invoiceId\\}", "/api/v1/catalog/.*/items",
    "/api/v1/search", "/api/v1/recommendations/.*", "/api/v1/shipping/(quote|label)",
    "/api/v1/returns/\\{id\\}", "/api/v1/coupons/\\{code\\}", "/api/v1/reviews/.*",
    "/api/v1/inventory/\\{sku\\}", "/api/v1/stores/\\{storeId\\}/hours", "/admin/.*",
    "/internal/reindex", "/api/v1/wishlists/\\{id\\}", "/api/v1/subscriptions(/.*)?",
    "/api/v1/gift-cards/\\{code\\}/balance", "/api/v1/orders/\\{orderId\\}"
  };

  static final String MONITORED_ROUTE = "/api/v1/orders/{orderId}";
  static final String LONG_ROUTE =
      "/api/v2/tenants/{tenantId}/projects/{projectId}/environments/{environmentId}"
          + "/deployments/{deploymentId}/artifacts/{artifactId}/versions/{versionId}/manifest";

  private BenchmarkSpans() {}

  static OpsgenieSettings settings() {
    return settings(new HashMap<>());
  }

  /** The same settings, plus {@code extra} ({@code otel.opsgenie.*} keys). */
  static OpsgenieSettings settings(Map<String, String> extra) {
    Map<String, String> map = new HashMap<>(extra);
    map.put("otel.opsgenie.alert.status.classes", "5XX");
    map.put("otel.opsgenie.monitored.endpoints", String.join(",", MONITORED));
    map.put("otel.opsgenie.threshold.response.time", "2000");
    map.put(
        "otel.opsgenie.response.time.monitored.endpoints",
        "/api/v1/orders/.*,/api/v1/payments(/.*)?");
    map.put("otel.opsgenie.forwarded.header.keys", "X-Request-Id");
    map.put("otel.opsgenie.alert.tags", "checkout,prod");
    map.put("otel.opsgenie.alert.cooldown", "0s");
    // every switch of issue 16 on (jobs are on by default): no case below matches their rules
    map.put("otel.opsgenie.alert.jobs", "true");
    map.put("otel.opsgenie.alert.consumers", "true");
    map.putIfAbsent("otel.opsgenie.dependency.error.rate", "0.5");
    return OpsgenieSettings.parse(
        SettingsSource.of(DefaultConfigProperties.createFromMap(map)), RESOURCE);
  }

  /**
   * The start of the {@code i}th span of a case: a little before now on the wall clock (the spans'
   * clock), so that an ended span looks as a service's just-ended span does (storm control takes
   * its end time as now when it is that recent, and the windows count it in the current slice), 10
   * ms apart (in rounds of 64, so that every one ended in the past).
   */
  static long startNanos(int i) {
    long now = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    return now - TimeUnit.SECONDS.toNanos(1) + (i % 64) * 10_000_000L;
  }

  /**
   * Starts and ends a SERVER span as the agent's Tomcat instrumentation fills it: start attributes,
   * then route and status, 5 ms later the end. Every span carries the same {@code route} String, as
   * under the agent: Spring MVC hands over its handler's pattern, the JDK server its context's path
   * (only a servlet context path makes a new String per request, which a lookup then hashes and
   * compares in full).
   */
  static ReadableSpan server(Tracer tracer, int i, String route, long status, Throwable error) {
    String path = route.replace("{orderId}", Integer.toString(1000 + i));
    long start = startNanos(i);
    Span span =
        startServer(tracer, "GET", path).setStartTimestamp(start, TimeUnit.NANOSECONDS).startSpan();
    span.updateName("GET " + route);
    span.setAttribute("http.route", route);
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) {
      span.setAttribute("error.type", Long.toString(status));
    }
    if (error != null) {
      span.recordException(error);
    }
    span.end(start + TimeUnit.MILLISECONDS.toNanos(5), TimeUnit.NANOSECONDS);
    return (ReadableSpan) span;
  }

  /** The attributes known when the request starts. */
  static SpanBuilder startServer(Tracer tracer, String method, String path) {
    return tracer
        .spanBuilder(method)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("http.request.method", method)
        .setAttribute("url.path", path)
        .setAttribute("url.scheme", "http")
        .setAttribute("server.address", "127.0.0.1")
        .setAttribute("server.port", 8080L)
        .setAttribute("client.address", "127.0.0.1")
        .setAttribute("network.peer.address", "127.0.0.1")
        .setAttribute("network.peer.port", 51234L)
        .setAttribute("network.protocol.version", "1.1")
        .setAttribute("user_agent.original", "Java-http-client/17.0.15")
        .setAttribute("thread.id", 42L)
        .setAttribute("thread.name", "http-nio-8080-exec-1");
  }

  static ReadableSpan internal(Tracer tracer, int i) {
    long start = startNanos(i);
    Span span =
        tracer
            .spanBuilder("OrderService.load")
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(start, TimeUnit.NANOSECONDS)
            .setAttribute("code.function", "load")
            .setAttribute("code.namespace", "com.example.OrderService")
            .setAttribute("thread.id", 42L)
            .setAttribute("thread.name", "http-nio-8080-exec-1")
            .startSpan();
    span.end(start + TimeUnit.MILLISECONDS.toNanos(1), TimeUnit.NANOSECONDS);
    return (ReadableSpan) span;
  }

  /** A successful run of a Spring {@code @Scheduled} job, as the agent records it. */
  static ReadableSpan job(Tracer tracer, int i) {
    long start = startNanos(i);
    Span span =
        tracer
            .spanBuilder("ReportJob.nightly")
            .setSpanKind(SpanKind.INTERNAL)
            .setStartTimestamp(start, TimeUnit.NANOSECONDS)
            .setAttribute("code.function", "nightly")
            .setAttribute("code.namespace", "com.example.ReportJob")
            .setAttribute("thread.id", 38L)
            .setAttribute("thread.name", "scheduling-1")
            .startSpan();
    span.end(start + TimeUnit.MILLISECONDS.toNanos(20), TimeUnit.NANOSECONDS);
    return (ReadableSpan) span;
  }

  /**
   * A successful call of the JDK HTTP client, as the agent records it (observed): one of four
   * dependencies, so the dependency rule counts it and finds no breach.
   */
  static ReadableSpan client(Tracer tracer, int i) {
    long start = startNanos(i);
    Span span =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setStartTimestamp(start, TimeUnit.NANOSECONDS)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.full", "http://payments.internal:8443/payments/" + (1000 + i))
            .setAttribute("server.address", "payments.internal")
            .setAttribute("server.port", 8440L + i % 4)
            .setAttribute("network.protocol.version", "1.1")
            .setAttribute("thread.id", 42L)
            .setAttribute("thread.name", "http-nio-8080-exec-1")
            .startSpan();
    span.setAttribute("http.response.status_code", 200L);
    span.end(start + TimeUnit.MILLISECONDS.toNanos(3), TimeUnit.NANOSECONDS);
    return (ReadableSpan) span;
  }

  /**
   * A Kafka listener's process span that went well, as the agent's spring-kafka instrumentation
   * records it (observed): kind CONSUMER, no events.
   */
  static ReadableSpan consumer(Tracer tracer, int i) {
    long start = startNanos(i);
    Span span =
        tracer
            .spanBuilder("orders process")
            .setSpanKind(SpanKind.CONSUMER)
            .setStartTimestamp(start, TimeUnit.NANOSECONDS)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.operation", "process")
            .setAttribute("messaging.destination.name", "orders")
            .setAttribute("messaging.kafka.message.offset", 1000L + i)
            .setAttribute("messaging.destination.partition.id", "0")
            .setAttribute("messaging.kafka.consumer.group", "billing")
            .setAttribute("messaging.client_id", "consumer-billing-1")
            .setAttribute("messaging.message.body.size", 120L)
            .setAttribute("messaging.kafka.cluster.id", "pqXFr9eXRwWJ_ffkPYQBPg")
            .setAttribute("thread.id", 51L)
            .setAttribute("thread.name", "listener-0-C-1")
            .startSpan();
    span.end(start + TimeUnit.MILLISECONDS.toNanos(2), TimeUnit.NANOSECONDS);
    return (ReadableSpan) span;
  }

  /** The instrumentation scope of a case's spans: a job run comes from the scheduling one. */
  static String scopeOf(String spanCase) {
    switch (spanCase) {
      case "jobOk":
        return "io.opentelemetry.spring-scheduling-3.1";
      case "client200":
        return "io.opentelemetry.java-http-client";
      case "consumer":
        return "io.opentelemetry.spring-kafka-2.7";
      case "internal":
        return "io.opentelemetry.spring-data-1.8";
      default:
        return "io.opentelemetry.tomcat-10.0";
    }
  }

  /** The no-op yardstick: end is required, so the SDK calls it, and it does nothing. */
  static final class NoopProcessor implements SpanProcessor {
    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {}

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }

  /** An exporter that does nothing but count, on the BatchSpanProcessor's worker thread. */
  static final class CountingExporter implements SpanExporter {
    final AtomicLong exported = new AtomicLong();

    @Override
    public CompletableResultCode export(Collection<SpanData> spans) {
      exported.addAndGet(spans.size());
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode flush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /**
   * The real sender, in log mode (no API key): its worker drains the queue, writing each alert as a
   * JSON line to a logger that the benchmark turns down to WARNING, so that nothing is printed.
   * Storm control is off (cooldown 0), so that every alert is queued: the dearest path for the
   * caller, which is the same with or without a key (only the worker's work differs).
   */
  static AlertSender sender(OpsgenieSettings settings) {
    return sender(settings, Duration.ZERO);
  }

  /** The same, with a cooldown per alias ({@link Duration#ZERO}: off). */
  static AlertSender sender(OpsgenieSettings settings, Duration cooldown) {
    SENDER_LOGGER.setLevel(java.util.logging.Level.WARNING);
    return AlertSender.builder()
        .setApiBase(settings.apiBase)
        .setQueueSize(settings.queueSize)
        .setCooldown(cooldown)
        .build();
  }

  /**
   * The delivery package's logger (the log-mode lines are LoggingOpsgenieClient's); held, so that
   * its level stays set.
   */
  private static final java.util.logging.Logger SENDER_LOGGER =
      java.util.logging.Logger.getLogger(AlertSender.class.getPackage().getName());

  /** The i-th span of a {@code spanCase} (see {@link OnEndBenchmark.Spans#spanCase}). */
  static ReadableSpan ofCase(String spanCase, Tracer tracer, int i) {
    switch (spanCase) {
      case "internal":
        return internal(tracer, i);
      case "jobOk":
        return job(tracer, i);
      case "client200":
        return client(tracer, i);
      case "consumer":
        return consumer(tracer, i);
      case "server200":
        return server(tracer, i, MONITORED_ROUTE, 200, null);
      case "longRoute200":
        return server(tracer, i, LONG_ROUTE, 200, null);
      case "longRoute503":
        return server(tracer, i, LONG_ROUTE, 503, null);
      case "status500":
        return server(tracer, i, MONITORED_ROUTE, 500, null);
      case "alert":
        return server(
            tracer,
            i,
            MONITORED_ROUTE,
            500,
            new IllegalStateException("payment backend unavailable"));
      default:
        throw new IllegalArgumentException(spanCase);
    }
  }

  /** A tracer provider whose spans end into a processor that does nothing. */
  static SdkTracerProvider provider() {
    return SdkTracerProvider.builder()
        .setResource(RESOURCE)
        .addSpanProcessor(new NoopProcessor())
        .build();
  }

  /**
   * {@link OnEndBenchmark#SPANS} ended spans, cycling through {@code distinct} made by {@code make}
   * (given the tracer and an index).
   */
  static ReadableSpan[] cycle(
      SdkTracerProvider provider, int distinct, BiFunction<Tracer, Integer, ReadableSpan> make) {
    return cycle(provider, distinct, "io.opentelemetry.tomcat-10.0", make);
  }

  /** The same, with spans of the tracer named {@code scope}. */
  static ReadableSpan[] cycle(
      SdkTracerProvider provider,
      int distinct,
      String scope,
      BiFunction<Tracer, Integer, ReadableSpan> make) {
    Tracer tracer = provider.get(scope);
    List<ReadableSpan> list = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      list.add(make.apply(tracer, i));
    }
    checkEnded(list);
    ReadableSpan[] spans = new ReadableSpan[OnEndBenchmark.SPANS];
    for (int i = 0; i < spans.length; i++) {
      spans[i] = list.get(i % distinct);
    }
    return spans;
  }

  static void checkEnded(List<ReadableSpan> spans) {
    for (ReadableSpan span : spans) {
      if (!span.hasEnded() || !span.getSpanContext().isSampled()) {
        throw new IllegalStateException("benchmark span not ended or not sampled: " + span);
      }
    }
  }
}
