/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * gRPC server spans through a real SDK, shaped as the agent's grpc-1.6 instrumentation records them
 * (observed under agent 2.33.1, docs/request-facts.md): name {rpc.service}/{rpc.method}, rpc.*
 * attributes, a message event per message, no HTTP attributes.
 */
class GrpcAlertsTest {

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private SdkTracerProvider provider;
  private Tracer tracer;

  private void setUp(String... settings) {
    AlertingSpanProcessor processor =
        new AlertingSpanProcessor(TestSettings.of(settings), sink, clock, false);
    provider = SdkTracerProvider.builder().setClock(clock).addSpanProcessor(processor).build();
    tracer = provider.get("io.opentelemetry.grpc-1.6");
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  private void grpc(long code, long millis, Consumer<Span> more) {
    Span span =
        tracer
            .spanBuilder("shop.Orders/Place")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("rpc.system", "grpc")
            .setAttribute("rpc.service", "shop.Orders")
            .setAttribute("rpc.method", "Place")
            .setAttribute("server.address", "127.0.0.1")
            .setAttribute("server.port", 50051L)
            .startSpan();
    span.addEvent(
        "message",
        Attributes.builder().put("message.type", "RECEIVED").put("message.id", 1L).build());
    span.setAttribute("rpc.grpc.status_code", code);
    if (code == 2 || code == 13 || code == 14) {
      span.setStatus(StatusCode.ERROR);
    }
    more.accept(span);
    clock.advance(Duration.ofMillis(millis));
    span.end();
  }

  @Test
  void listedGrpcStatusRaisesRpcStatusAlert() {
    setUp("alert.rpc.status.codes", "UNAVAILABLE,internal");
    grpc(14, 7, s -> {});
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.RPC_STATUS);
    assertThat(alert.getAlias()).isEqualTo("checkout-response-status-alert");
    assertThat(alert.getMessage())
        .isEqualTo(
            "gRPC shop.Orders/Place returned unaccepted status : UNAVAILABLE (14) | Alert generated from checkout");
    assertThat(alert.getDetails())
        .containsEntry("route", "shop.Orders/Place")
        .containsEntry("grpc_status", "UNAVAILABLE")
        .containsEntry("grpc_status_code", "14")
        .containsEntry("duration_ms", "7")
        .doesNotContainValue("null");
    grpc(13, 7, s -> {});
    assertThat(sink.alerts).as("INTERNAL is listed by name, in lower case").hasSize(2);
    assertThat(sink.alerts.get(1).getDetails()).containsEntry("grpc_status", "INTERNAL");
  }

  @Test
  void codesByNumberAndAliasPlaceholders() {
    setUp(
        "alert.rpc.status.codes", "14", "alert.status.alias", "{service_id}-{route}-{status_code}");
    grpc(14, 7, s -> {});
    assertThat(sink.only().getAlias()).isEqualTo("checkout-shop.Orders/Place-UNAVAILABLE");
  }

  @Test
  void okUnlistedAndHttpSettingsRaiseNothingOnGrpc() {
    setUp(
        "alert.rpc.status.codes",
        "UNAVAILABLE",
        "alert.status.codes",
        "500,503",
        "alert.status.classes",
        "5XX");
    grpc(0, 7, s -> {});
    grpc(3, 7, s -> {});
    grpc(13, 7, s -> {});
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void grpcSettingNeverMatchesHttp() {
    setUp("alert.rpc.status.codes", "14,13,2");
    Span span =
        tracer
            .spanBuilder("GET /a")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("url.path", "/a")
            .setAttribute("http.route", "/a")
            .setAttribute("http.response.status_code", 503L)
            .setAttribute("error.type", "503")
            .startSpan();
    span.end();
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void policyMatchingTheMethodGivesItsPriorityTagsRespondersAndAlias() {
    setUp(
        "alert.rpc.status.codes",
        "UNAVAILABLE",
        "alert.priority",
        "P3",
        "responders",
        "team:ops",
        "alert.tags",
        "shop",
        "policies",
        "orders,other",
        "policy.orders.routes",
        "shop\\.Orders/.*",
        "policy.orders.priority",
        "P1",
        "policy.orders.responders",
        "team:orders-oncall",
        "policy.orders.tags",
        "orders",
        "policy.orders.alias",
        "{service_id}-{route}-{status_code}",
        "policy.other.routes",
        "/checkout/.*",
        "policy.other.priority",
        "P5");
    grpc(14, 7, s -> {});
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.RPC_STATUS);
    assertThat(alert.getPriority()).isEqualTo("P1");
    assertThat(alert.getResponders())
        .containsExactly(
            io.github.otelopsgenie.internal.alert.Responder.parse("team:orders-oncall"));
    assertThat(alert.getTags()).containsExactly("shop", "orders");
    assertThat(alert.getAlias()).isEqualTo("checkout-shop.Orders/Place-UNAVAILABLE");
    assertThat(alert.getDetails()).containsEntry("policy", "orders");
  }

  @Test
  void grpcMethodNoPolicyMatchesKeepsTheGlobalSettings() {
    setUp(
        "alert.rpc.status.codes",
        "UNAVAILABLE",
        "alert.priority",
        "P3",
        "policies",
        "other",
        "policy.other.routes",
        "/checkout/.*",
        "policy.other.priority",
        "P1");
    grpc(14, 7, s -> {});
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getPriority()).isEqualTo("P3");
    assertThat(alert.getAlias()).isEqualTo("checkout-response-status-alert");
    assertThat(alert.getDetails()).doesNotContainKey("policy");
  }

  @Test
  void endpointRegexesApplyToTheMethod() {
    setUp("alert.rpc.status.codes", "UNAVAILABLE", "ignored.endpoints", "shop\\.Orders/.*");
    grpc(14, 7, s -> {});
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void latencyThresholdAppliesToTheMethod() {
    setUp(
        "threshold.response.time",
        "100",
        "response.time.monitored.endpoints",
        "shop\\.Orders/Place");
    grpc(0, 250, s -> {});
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.LATENCY);
    assertThat(alert.getDetails()).containsEntry("route", "shop.Orders/Place");
  }

  @Test
  void handlerExceptionRaisesExceptionAlert() {
    setUp("alert.rpc.status.codes", "UNKNOWN");
    grpc(2, 7, s -> s.recordException(new IllegalStateException("order store unreachable")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.EXCEPTION);
    assertThat(alert.getMessage())
        .startsWith("shop.Orders/Place threw exception : IllegalStateException");
  }
}
