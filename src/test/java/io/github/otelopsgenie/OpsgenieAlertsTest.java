/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.github.otelopsgenie.api.OpsgenieAlerts;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collections;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The handled-exception helper, as application code calls it, against the processor. */
class OpsgenieAlertsTest {

  private final RecordingSink sink = new RecordingSink();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final ExecutorService executor = Executors.newSingleThreadExecutor();
  private OpenTelemetrySdk sdk;
  private Tracer tracer;

  @BeforeEach
  void setUp() {
    GlobalOpenTelemetry.resetForTest();
    AlertingSpanProcessor processor =
        new AlertingSpanProcessor(
            TestSettings.of("alert.alias", "handled_exception", "alert.status.codes", "500"), sink);
    sdk =
        OpenTelemetrySdk.builder()
            .setTracerProvider(
                SdkTracerProvider.builder()
                    .setSampler(new OpsgenieSampler(Sampler.parentBased(Sampler.alwaysOn())))
                    .addSpanProcessor(processor)
                    .addSpanProcessor(SimpleSpanProcessor.create(exporter))
                    .build())
            .buildAndRegisterGlobal();
    tracer = sdk.getTracer("app");
  }

  @AfterEach
  void tearDown() {
    executor.shutdownNow();
    sdk.close();
    GlobalOpenTelemetry.resetForTest();
  }

  private Span serverSpan(Context parent) {
    return tracer
        .spanBuilder("GET /handled")
        .setParent(parent)
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("http.route", "/handled")
        .setAttribute("http.request.method", "GET")
        .startSpan();
  }

  @Test
  void helperInsideARequestAlertsWithFunctionExtraDetailsAndPriority() {
    Span request = serverSpan(Context.root());
    try (Scope ignored = request.makeCurrent()) {
      OpsgenieAlerts.raiseExceptionAlert(
          new ArithmeticException("/ by zero"),
          "handle_exception_case",
          Collections.singletonMap("order_id", "o-42"),
          "P2");
    }
    request.setAttribute("http.response.status_code", 200L);
    request.end();
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.HANDLED_EXCEPTION);
    assertThat(alert.getAlias())
        .isEqualTo("checkout-handle_exception_case-ArithmeticException-handled_exception");
    assertThat(alert.getPriority()).isEqualTo("P2");
    assertThat(alert.getMessage())
        .startsWith("handle_exception_case threw exception : ArithmeticException: / by zero");
    assertThat(alert.getDetails())
        .containsEntry("function", "handle_exception_case")
        .containsEntry("order_id", "o-42")
        .containsEntry("route", "/handled")
        .containsEntry("trace_id", request.getSpanContext().getTraceId());
  }

  @Test
  void helperMarkedExceptionWinsOverTheRequestStatus() {
    Span request = serverSpan(Context.root());
    try (Scope ignored = request.makeCurrent()) {
      OpsgenieAlerts.raiseExceptionAlert(new IllegalStateException("x"), "charge");
    }
    request.setAttribute("http.response.status_code", 500L);
    request.end();
    assertThat(sink.only().getType()).isEqualTo(AlertType.HANDLED_EXCEPTION);
  }

  @Test
  void helperOnAnInternalSpanAlertsWhateverTheKind() {
    Span work = tracer.spanBuilder("job").startSpan();
    try (Scope ignored = work.makeCurrent()) {
      OpsgenieAlerts.raiseExceptionAlert(new IllegalStateException("x"), "nightlyJob");
    }
    work.end();
    assertThat(sink.only().getAlias())
        .isEqualTo("checkout-nightlyJob-IllegalStateException-handled_exception");
  }

  @Test
  void helperWithoutAnySpanStartsItsOwn() {
    OpsgenieAlerts.raiseExceptionAlert(new IllegalStateException("no span"), "main");
    assertThat(sink.only().getDetails())
        .containsEntry("function", "main")
        .containsEntry("span_kind", "internal");
  }

  @Test
  void helperLeftWithoutFunctionNameUsesTheCallingMethod() {
    OpsgenieAlerts.raiseExceptionAlert(new IllegalStateException("x"));
    assertThat(sink.only().getAlias())
        .isEqualTo(
            "checkout-helperLeftWithoutFunctionNameUsesTheCallingMethod-IllegalStateException-handled_exception");
  }

  @Test
  void helperUnderAnUnsampledParentStillAlerts() {
    SpanContext unsampled =
        SpanContext.createFromRemoteParent(
            "0af7651916cd43dd8448eb211c80319c",
            "b7ad6b7169203331",
            TraceFlags.getDefault(),
            TraceState.getDefault());
    Context parent = Context.root().with(Span.wrap(unsampled));
    try (Scope ignored = parent.makeCurrent()) {
      OpsgenieAlerts.raiseExceptionAlert(new IllegalStateException("x"), "f");
    }
    assertThat(sink.only().getDetails())
        .containsEntry("trace_id", "0af7651916cd43dd8448eb211c80319c");
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void invalidPriorityOverrideKeepsTheDefaultAndSaysSo() {
    OpsgenieAlerts.raiseExceptionAlert(
        new IllegalStateException("x"), "f", Collections.emptyMap(), "P9");
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getPriority()).isEqualTo("P4");
    assertThat(alert.getDetails())
        .containsEntry("priority_override_rejected", "P9 (expected one of P1..P5)");
  }

  @Test
  void watchedRunnableFailingAfterTheRequestEndedAlertsInItsTrace() throws Exception {
    Span request = serverSpan(Context.root());
    Runnable task;
    try (Scope ignored = request.makeCurrent()) {
      task =
          OpsgenieAlerts.watch(
              "sendReceipt",
              (Runnable)
                  () -> {
                    throw new IllegalStateException("smtp down");
                  });
    }
    request.setAttribute("http.response.status_code", 200L);
    request.end();
    assertThat(sink.alerts).isEmpty();
    assertThatThrownBy(() -> executor.submit(task).get())
        .hasCauseInstanceOf(IllegalStateException.class);
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getAlias())
        .isEqualTo("checkout-sendReceipt-IllegalStateException-handled_exception");
    assertThat(alert.getDetails()).containsEntry("trace_id", request.getSpanContext().getTraceId());
  }

  @Test
  void watchedCallableFailureAlertsAndPropagates() {
    Callable<String> task =
        OpsgenieAlerts.watch(
            "load",
            (Callable<String>)
                () -> {
                  throw new java.io.IOException("disk");
                });
    assertThatThrownBy(task::call).isInstanceOf(java.io.IOException.class);
    assertThat(sink.only().getAlias()).isEqualTo("checkout-load-IOException-handled_exception");
  }

  @Test
  void watchedFutureFailingLaterAlertsLikeTheSeedsGeventCallback() {
    CompletableFuture<String> future = new CompletableFuture<>();
    Span request = serverSpan(Context.root());
    try (Scope ignored = request.makeCurrent()) {
      OpsgenieAlerts.watch("gevent", future);
    }
    request.end();
    executor.submit(
        () ->
            future.completeExceptionally(
                new java.util.concurrent.CompletionException(
                    new ArithmeticException("/ by zero"))));
    await().until(() -> sink.alerts.size() == 1);
    assertThat(sink.only().getAlias())
        .isEqualTo("checkout-gevent-ArithmeticException-handled_exception");
  }

  @Test
  void watchedWorkThatSucceedsRaisesNothing() throws Exception {
    OpsgenieAlerts.watch("ok", (Runnable) () -> {}).run();
    assertThat(OpsgenieAlerts.watch("ok", (Callable<Integer>) () -> 1).call()).isEqualTo(1);
    OpsgenieAlerts.watch("ok", CompletableFuture.completedFuture(1));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void helperNeverThrowsEvenOnNull() {
    OpsgenieAlerts.raiseExceptionAlert(null, null, null, null);
    assertThat(sink.alerts).isEmpty();
  }
}
