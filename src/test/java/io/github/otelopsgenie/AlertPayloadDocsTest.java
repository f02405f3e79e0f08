/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.github.otelopsgenie.api.OpsgenieAlerts;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.IdGenerator;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Produces one real payload of each alert type, as it crosses the wire to a scripted Opsgenie, and
 * checks that docs/alerts.md shows exactly these. After a deliberate change of the payloads, run
 * {@code mvn test -Dtest=AlertPayloadDocsTest -Dotel.opsgenie.docs.update=true} to rewrite the
 * file.
 */
@Timeout(30)
class AlertPayloadDocsTest {

  private static final Path DOC = Paths.get("docs", "alerts.md");
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private final TestClock clock = TestClock.create();

  @Test
  void docsShowTheRealPayloadOfEachAlertType() throws IOException {
    String expected = render(payloads());
    if (Boolean.getBoolean("otel.opsgenie.docs.update")) {
      Files.write(DOC, expected.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(new String(Files.readAllBytes(DOC), StandardCharsets.UTF_8))
        .as(
            "docs/alerts.md is out of date: run mvn test -Dtest=AlertPayloadDocsTest -Dotel.opsgenie.docs.update=true")
        .isEqualTo(expected);
  }

  private Map<String, String> payloads() {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    try (ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start()) {
      OpenTelemetrySdk sdk =
          sdk(
              opsgenie,
              "otel.opsgenie.alert.status.codes",
              "500",
              "otel.opsgenie.alert.status.classes",
              "5XX",
              "otel.opsgenie.threshold.response.time",
              "2000",
              "otel.opsgenie.response.time.monitored.endpoints",
              "/res_slow/.*/info/",
              "otel.opsgenie.forwarded.header.keys",
              "X-Request-Id",
              "otel.opsgenie.responders",
              "user:neo@matrix,team:ops",
              "otel.opsgenie.alert.tags",
              "checkout,prod",
              "otel.opsgenie.alert.details",
              "team=payments,runbook=https://wiki.example/checkout",
              "otel.opsgenie.alert.rpc.status.codes",
              "UNAVAILABLE",
              "otel.opsgenie.dependency.error.rate",
              "50%",
              "otel.opsgenie.dependency.min.requests",
              "2",
              "otel.opsgenie.policies",
              "payments",
              "otel.opsgenie.policy.payments.routes",
              "^/checkout/.*",
              "otel.opsgenie.policy.payments.priority",
              "P1",
              "otel.opsgenie.policy.payments.responders",
              "team:payments-oncall",
              "otel.opsgenie.policy.payments.tags",
              "payments");
      Tracer tracer = sdk.getTracer("docs");
      request(
          tracer,
          "/users/{id}",
          "/users/42",
          500L,
          12,
          s -> s.setAttribute("url.query", "token=abc&page=2"));
      request(tracer, "/orders", "/orders", 503L, 30, s -> {});
      request(tracer, "/res_slow/{id}/info/", "/res_slow/7/info/", 200L, 3012, s -> {});
      request(
          tracer,
          "/pay",
          "/pay",
          500L,
          8,
          s -> s.recordException(fixed(new IllegalStateException("card processor unreachable"))));
      request(
          tracer,
          "/handled",
          "/handled",
          200L,
          4,
          s -> {
            try (Scope ignored = s.makeCurrent()) {
              OpsgenieAlerts.raiseExceptionAlert(
                  fixed(new ArithmeticException("/ by zero")),
                  "handle_exception_case",
                  Collections.singletonMap("order_id", "o-42"),
                  "P2");
            }
          });
      request(tracer, "/checkout/{cart}", "/checkout/c-9", 502L, 21, s -> {});
      grpc(sdk.getTracer("io.opentelemetry.grpc-1.6"), 14L, 9);
      job(
          sdk.getTracer("io.opentelemetry.spring-scheduling-3.1"),
          "ReportJob.nightly",
          1250,
          fixed(new IllegalStateException("nightly report: partition 7 of 12 could not be read")));
      consumer(
          sdk.getTracer("io.opentelemetry.spring-kafka-2.7"),
          "order-events",
          fixed(new IllegalArgumentException("unreadable order event o-42")));
      Tracer client = sdk.getTracer("io.opentelemetry.java-http-client");
      call(client, 200L);
      call(client, 503L);
      call(client, 503L);
      sdk.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
      sdk.close();
      OpenTelemetrySdk bad = sdk(opsgenie, "otel.opsgenie.alert.priority", "P9");
      await().until(() -> opsgenie.count() == 11);
      bad.close();
      List<String> titles =
          Arrays.asList(
              "Status code (`alert.status.codes=500`)",
              "Status class (`alert.status.classes=5XX`)",
              "Latency (`threshold.response.time=2000` on `/res_slow/.*/info/`)",
              "Exception (unhandled, recorded by the instrumentation)",
              "Handled exception (`OpsgenieAlerts.raiseExceptionAlert`)",
              "Status class on a policy route (`policies=payments`, `policy.payments.routes=^/checkout/.*`, priority P1, its responders and tags)",
              "gRPC status (`alert.rpc.status.codes=UNAVAILABLE`)",
              "Job (a failed run of a Spring `@Scheduled` job)",
              "Consumer (a Kafka `@KafkaListener` that threw on a message)",
              "Failing dependency (`dependency.error.rate=50%`, `dependency.min.requests=2`)",
              "Misconfiguration (`OTEL_OPSGENIE_ALERT_PRIORITY=P9`)");
      for (int i = 0; i < titles.size(); i++) {
        JsonNode body = opsgenie.requests().get(i).json();
        assertThat(ScriptedOpsgenie.violations(body)).isEmpty();
        out.put(titles.get(i), PRETTY.writeValueAsString(body));
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return out;
  }

  private OpenTelemetrySdk sdk(ScriptedOpsgenie opsgenie, String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("otel.traces.exporter", "none");
    props.put("otel.metrics.exporter", "none");
    props.put("otel.logs.exporter", "none");
    props.put("otel.service.name", "checkout");
    props.put(
        "otel.resource.attributes",
        "host.name=web-1,deployment.environment.name=prod,service.version=1.4.2,"
            + "service.instance.id=checkout-7d9f8-x2k4q,k8s.namespace.name=shop,k8s.pod.name=checkout-7d9f8-x2k4q");
    props.put("otel.opsgenie.token", "docs-key");
    props.put("otel.opsgenie.api.base", opsgenie.base().toString());
    props.put("otel.opsgenie.alert.cooldown", "0");
    props.put("otel.opsgenie.startup.check", "false");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put(keyValues[i], keyValues[i + 1]);
    }
    return AutoConfiguredOpenTelemetrySdk.builder()
        .addPropertiesSupplier(() -> props)
        .addTracerProviderCustomizer((b, c) -> b.setClock(clock).setIdGenerator(FIXED_IDS))
        .disableShutdownHook()
        .build()
        .getOpenTelemetrySdk();
  }

  private void request(
      Tracer tracer, String route, String path, Long status, long millis, Consumer<Span> more) {
    Span span =
        tracer
            .spanBuilder("GET " + route)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("http.route", route)
            .setAttribute("url.scheme", "http")
            .setAttribute("server.address", "checkout.internal")
            .setAttribute("server.port", 8080L)
            .setAttribute("url.path", path)
            .setAttribute("http.response.status_code", status)
            .setAttribute(
                AttributeKey.stringArrayKey("http.request.header.x-request-id"),
                Arrays.asList("req-7f3a"))
            .startSpan();
    more.accept(span);
    clock.advance(Duration.ofMillis(millis));
    span.end();
  }

  /** A gRPC server span, as the agent's grpc-1.6 instrumentation records one. */
  private void grpc(Tracer tracer, long code, long millis) {
    Span span =
        tracer
            .spanBuilder("shop.Orders/Place")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("rpc.system", "grpc")
            .setAttribute("rpc.service", "shop.Orders")
            .setAttribute("rpc.method", "Place")
            .setAttribute("server.address", "checkout.internal")
            .setAttribute("server.port", 50051L)
            .setAttribute("rpc.grpc.status_code", code)
            .startSpan();
    span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
    clock.advance(Duration.ofMillis(millis));
    span.end();
  }

  /** A run of a scheduled job, as the agent's spring-scheduling instrumentation records one. */
  private void job(Tracer tracer, String name, long millis, Throwable failure) {
    Span span =
        tracer
            .spanBuilder(name)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute("code.namespace", "com.acme.checkout.ReportJob")
            .setAttribute("code.function", "nightly")
            .startSpan();
    span.recordException(failure);
    span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
    clock.advance(Duration.ofMillis(millis));
    span.end();
  }

  /** A Kafka listener's process span, as the agent's spring-kafka instrumentation records one. */
  private void consumer(Tracer tracer, String topic, Throwable failure) {
    Span span =
        tracer
            .spanBuilder(topic + " process")
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", topic)
            .setAttribute("messaging.operation", "process")
            .setAttribute("messaging.kafka.consumer.group", "billing")
            .setAttribute("messaging.destination.partition.id", "3")
            .setAttribute("messaging.kafka.message.offset", 1042L)
            .setAttribute("messaging.client_id", "consumer-billing-1")
            .startSpan();
    span.recordException(failure);
    span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
    clock.advance(Duration.ofMillis(6));
    span.end();
  }

  /** A call of the JDK HTTP client to the payment provider, as the agent records one. */
  private void call(Tracer tracer, long status) {
    Span span =
        tracer
            .spanBuilder("GET")
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.full", "https://payments.acme.example/v1/charges")
            .setAttribute("server.address", "payments.acme.example")
            .setAttribute("server.port", 443L)
            .setAttribute("http.response.status_code", status)
            .startSpan();
    if (status >= 500) {
      span.setAttribute("error.type", Long.toString(status));
      span.setStatus(io.opentelemetry.api.trace.StatusCode.ERROR);
    }
    clock.advance(Duration.ofMillis(40));
    span.end();
  }

  /** A stable stack trace, so the document does not change with this file's line numbers. */
  private static <T extends Throwable> T fixed(T e) {
    e.setStackTrace(
        new StackTraceElement[] {
          new StackTraceElement(
              "com.acme.checkout.PaymentService", "charge", "PaymentService.java", 88),
          new StackTraceElement(
              "com.acme.checkout.CheckoutController", "pay", "CheckoutController.java", 41),
        });
    return e;
  }

  private static String render(Map<String, String> payloads) {
    StringBuilder sb = new StringBuilder();
    sb.append("# Alert payloads\n\n")
        .append(
            "One real create-alert body (`POST {api base}/v2/alerts`) of each alert type, exactly as\n")
        .append(
            "`AlertPayloadDocsTest` produces it: a service `checkout` on host `web-1`, configured with\n")
        .append(
            "status code 500, class 5XX, a 2000 ms threshold on `/res_slow/.*/info/`, the forwarded header\n")
        .append(
            "`X-Request-Id`, two responders, two tags and two details, and one policy, `payments`, for\n")
        .append(
            "`^/checkout/.*` (P1, `team:payments-oncall`, tag `payments`). The test fails when this file and the\n")
        .append(
            "payloads differ; `mvn test -Dtest=AlertPayloadDocsTest -Dotel.opsgenie.docs.update=true`\n")
        .append("rewrites it.\n\n")
        .append(
            "Every body fits Opsgenie's documented limits (message 130, alias 512, description 15000,\n")
        .append(
            "details 8000 in all, tags 20 x 50, responders 50). Query-string values are redacted in `url`,\n")
        .append(
            "and the values of a path's matrix parameters (`/cart;jsessionid=REDACTED`) in `url` and\n")
        .append("`endpoint`.\n")
        .append(
            "With a cooldown (default 60s), the next alert of a suppressed alias also carries\n")
        .append("`suppressed_count`, `first_seen` and `last_seen` (see reliability.md).\n\n")
        .append(
            "The service runs with `OTEL_RESOURCE_ATTRIBUTES=deployment.environment.name=prod,service.version=1.4.2,...`:\n")
        .append("the default aliases carry the environment right after the service id\n")
        .append(
            "(`checkout-prod-response-status-alert`; without an environment, `checkout-response-status-alert`),\n")
        .append(
            "the details carry `environment` and the resource attributes of `alert.resource.attributes`\n")
        .append("under their own names.\n\n")
        .append(
            "Details are written in this order, a later source winning on the same key: the built-in facts\n")
        .append(
            "(`alert_type`, `service_id`, ..., exception type and message), the resource attributes, the\n")
        .append(
            "configured `alert.details`, then the helper's extra properties (so a call site's own facts are\n")
        .append(
            "never lost to a global setting), and the stack trace last (the first to be cut at 8000\n")
        .append("characters; left out with `alert.stacktrace=false`).\n");
    for (Map.Entry<String, String> e : payloads.entrySet()) {
      sb.append("\n## ")
          .append(e.getKey())
          .append("\n\n```json\n")
          .append(e.getValue())
          .append("\n```\n");
    }
    return sb.toString();
  }

  private static final IdGenerator FIXED_IDS =
      new IdGenerator() {
        @Override
        public String generateSpanId() {
          return "00f067aa0ba902b7";
        }

        @Override
        public String generateTraceId() {
          return "4bf92f3577b34da6a3ce929d0e0e4736";
        }
      };
}
