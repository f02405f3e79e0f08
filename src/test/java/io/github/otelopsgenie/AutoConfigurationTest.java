/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie;
import io.github.otelopsgenie.internal.startup.StartupLines;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.time.Duration;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The whole extension as the agent runs it: SDK autoconfiguration finds the customizer through
 * META-INF/services, reads {@code otel.opsgenie.*} properties, and alerts reach a scripted Opsgenie
 * on 127.0.0.1. One test per row of the configuration table, the unsampled request, and every kind
 * of bad configuration.
 */
@Timeout(30)
class AutoConfigurationTest {

  private final TestClock clock = TestClock.create();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private final AtomicReference<ConfigProperties> config = new AtomicReference<>();
  private ScriptedOpsgenie opsgenie;
  private OpenTelemetrySdk sdk;
  private Tracer tracer;
  private LogCapture logs;

  @BeforeEach
  void startOpsgenie() {
    opsgenie = ScriptedOpsgenie.start();
    logs =
        LogCapture.ofNames(
            OpsgenieCustomizerProvider.class.getName(),
            StartupLines.class.getName(),
            AlertSender.class.getPackage().getName());
  }

  @AfterEach
  void stop() {
    if (sdk != null) {
      sdk.close();
    }
    logs.close();
    opsgenie.close();
  }

  /** An SDK built by autoconfiguration from these properties (keys without otel.opsgenie.). */
  private void sdk(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("otel.traces.exporter", "none");
    props.put("otel.metrics.exporter", "none");
    props.put("otel.logs.exporter", "none");
    props.put("otel.service.name", "checkout");
    props.put("otel.opsgenie.token", "test-key-0001");
    props.put("otel.opsgenie.api.base", opsgenie.base().toString());
    props.put("otel.opsgenie.alert.cooldown", "0");
    // the key check is tested on its own (StartupCheckTest): here every request is an alert
    props.put("otel.opsgenie.startup.check", "false");
    for (int i = 0; i < keyValues.length; i += 2) {
      String key =
          keyValues[i].startsWith("otel.") ? keyValues[i] : "otel.opsgenie." + keyValues[i];
      if (keyValues[i + 1] == null) {
        props.remove(key);
      } else {
        props.put(key, keyValues[i + 1]);
      }
    }
    sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> props)
            .addTracerProviderCustomizer(
                (builder, cfg) -> {
                  config.set(cfg);
                  return builder
                      .setClock(clock)
                      .addSpanProcessor(SimpleSpanProcessor.create(exporter));
                })
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    tracer = sdk.getTracer("test");
  }

  private void request(String route, long status, long millis, Consumer<Span> more) {
    request(Context.root(), route, status, millis, more);
  }

  private void request(
      Context parent, String route, long status, long millis, Consumer<Span> more) {
    Span span =
        tracer
            .spanBuilder("GET " + route)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("http.route", route)
            .setAttribute("url.path", route)
            .setAttribute("http.response.status_code", status)
            .startSpan();
    more.accept(span);
    clock.advance(Duration.ofMillis(millis));
    span.end();
  }

  private void request(String route, long status) {
    request(route, status, 5, s -> {});
  }

  /** The create-alert bodies received, after flushing; each checked against the API contract. */
  private List<JsonNode> alerts() {
    sdk.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    List<JsonNode> bodies =
        opsgenie.requests().stream()
            .filter(r -> r.path.endsWith("/v2/alerts"))
            .map(ScriptedOpsgenie.Recorded::json)
            .collect(Collectors.toList());
    for (JsonNode body : bodies) {
      assertThat(ScriptedOpsgenie.violations(body)).as(body.toString()).isEmpty();
    }
    return bodies;
  }

  private static String text(JsonNode alert, String detail) {
    JsonNode node = alert.path("details").get(detail);
    return node == null ? null : node.asText();
  }

  @Test
  void customizerIsFoundAndAddsTheProcessorAfterTheExporters() {
    sdk("alert.status.codes", "500");
    String processors = sdk.getSdkTracerProvider().toString();
    assertThat(processors).contains("AlertingSpanProcessor{settings=OpsgenieSettings{enabled=true");
    assertThat(processors).contains("token=****").doesNotContain("test-key-0001");
    assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
        .startsWith("OpsgenieRecordSpans{");
  }

  @Test
  void statusCodesRowSendsAStatusAlertWithGenieKey() {
    sdk("alert.status.codes", "500,502");
    request("/a", 500);
    request("/a", 503);
    List<JsonNode> alerts = alerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).path("alias").asText()).isEqualTo("checkout-response-status-alert");
    assertThat(text(alerts.get(0), "status_code")).isEqualTo("500");
    ScriptedOpsgenie.Recorded post = opsgenie.requests().get(0);
    assertThat(post.header("Authorization")).isEqualTo("GenieKey test-key-0001");
    assertThat(post.header("Content-Type")).startsWith("application/json");
  }

  @Test
  void statusClassesRow() {
    sdk("alert.status.classes", "5XX");
    request("/a", 503);
    request("/a", 404);
    assertThat(alerts())
        .singleElement()
        .satisfies(a -> assertThat(text(a, "status_class")).isEqualTo("5XX"));
  }

  @Test
  void monitoredAndIgnoredEndpointsRows() {
    sdk(
        "alert.status.classes",
        "5XX",
        "monitored.endpoints",
        "/api/.*",
        "ignored.endpoints",
        "/api/health");
    request("/api/orders", 500);
    request("/api/health", 500);
    request("/web", 500);
    assertThat(alerts()).extracting(a -> text(a, "route")).containsExactly("/api/orders");
  }

  @Test
  void latencyRows() {
    sdk(
        "threshold.response.time",
        "2000",
        "response.time.monitored.endpoints",
        "/res_slow/.*/info/");
    request("/res_slow/{id}/info/", 200, 3000, s -> {});
    request("/res_slow/{id}/info/", 200, 100, s -> {});
    assertThat(alerts())
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.path("alias").asText()).isEqualTo("checkout-response-latency-alert");
              assertThat(text(a, "duration_ms")).isEqualTo("3000");
            });
  }

  @Test
  void apiBaseRowReachesJsmOperationsPath() {
    sdk("alert.status.codes", "500", "api.base", opsgenie.base("/jsm/ops/integration").toString());
    request("/a", 500);
    assertThat(alerts()).hasSize(1);
    assertThat(opsgenie.requests().get(0).path).isEqualTo("/jsm/ops/integration/v2/alerts");
  }

  @Test
  void tagsDetailsPriorityRespondersAndServiceIdRows() {
    sdk(
        "alert.status.codes",
        "500",
        "alert.tags",
        "payments,prod",
        "alert.details",
        "team=payments,runbook=wiki",
        "alert.priority",
        "P2",
        "responders",
        "user:neo@matrix,team:ops",
        "service.id",
        "billing");
    request("/a", 500);
    JsonNode alert = alerts().get(0);
    assertThat(alert.path("tags").toString()).isEqualTo("[\"payments\",\"prod\"]");
    assertThat(text(alert, "team")).isEqualTo("payments");
    assertThat(text(alert, "runbook")).isEqualTo("wiki");
    assertThat(alert.path("priority").asText()).isEqualTo("P2");
    assertThat(alert.path("responders").toString())
        .isEqualTo(
            "[{\"type\":\"user\",\"username\":\"neo@matrix\"},{\"type\":\"team\",\"name\":\"ops\"}]");
    assertThat(alert.path("alias").asText()).isEqualTo("billing-response-status-alert");
    assertThat(text(alert, "service_id")).isEqualTo("billing");
  }

  @Test
  void aliasRows() {
    sdk(
        "alert.status.codes",
        "500",
        "alert.alias",
        "generic",
        "alert.latency.alias",
        "slow",
        "alert.exception.alias",
        "unhandled",
        "threshold.response.time",
        "10",
        "response.time.monitored.endpoints",
        ".*");
    request("/a", 500);
    request("/b", 200, 50, s -> {});
    request("/c", 200, 1, s -> s.recordException(new IllegalStateException("x")));
    assertThat(alerts())
        .extracting(a -> a.path("alias").asText())
        .containsExactly("generic", "slow", "checkout-IllegalStateException-unhandled");
  }

  @Test
  void forwardedHeaderKeysRowAlsoAsksTheInstrumentationToCaptureThem() {
    sdk(
        "alert.status.codes",
        "500",
        "forwarded.header.keys",
        "X-Request-Id,Cookie",
        "otel.instrumentation.http.server.capture-request-headers",
        "X-Tenant");
    assertThat(config.get().getList(OpsgenieCustomizerProvider.CAPTURE_HEADERS))
        .containsExactly("X-Tenant", "X-Request-Id");
    request(
        "/a",
        500,
        1,
        s ->
            s.setAttribute(
                io.opentelemetry.api.common.AttributeKey.stringArrayKey(
                    "http.request.header.x-request-id"),
                Arrays.asList("req-9")));
    assertThat(text(alerts().get(0), "X-Request-Id")).isEqualTo("req-9");
    assertThat(logs.at(Level.WARNING))
        .anySatisfy(w -> assertThat(w).contains("[Cookie]").contains("never forwarded"));
  }

  @Test
  void enabledFalseRowLeavesTheProcessorOut() {
    sdk("enabled", "false", "alert.status.codes", "500");
    request("/a", 500);
    assertThat(sdk.getSdkTracerProvider().toString()).doesNotContain("AlertingSpanProcessor");
    assertThat(alerts()).isEmpty();
  }

  @Test
  void alertExceptionsAndIgnoredExceptionsRows() {
    sdk("ignored.exceptions", "IllegalArgumentException");
    request("/a", 200, 1, s -> s.recordException(new IllegalArgumentException("ignored")));
    request("/b", 200, 1, s -> s.recordException(new IllegalStateException("alerted")));
    assertThat(alerts()).extracting(a -> text(a, "exception_message")).containsExactly("alerted");
  }

  @Test
  void noTokenLogsEachAlertAsJsonWithOneStartupWarning() {
    sdk("token", null, "alert.status.codes", "500");
    request("/a", 500);
    sdk.getSdkTracerProvider().forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(opsgenie.count()).isZero();
    assertThat(logs.at(Level.WARNING))
        .filteredOn(w -> w.contains("no otel.opsgenie.token"))
        .hasSize(1);
    await()
        .untilAsserted(
            () ->
                assertThat(logs.at(Level.INFO))
                    .anySatisfy(
                        l ->
                            assertThat(l)
                                .startsWith(AlertSender.LOG_MODE_PREFIX + "{")
                                .contains("checkout-response-status-alert")));
  }

  @Test
  void unsampledTraceparentStillAlerts() {
    sdk("alert.status.codes", "500", "otel.traces.sampler", "parentbased_always_on");
    Context parent =
        sdk.getPropagators()
            .getTextMapPropagator()
            .extract(
                Context.root(),
                Collections.singletonMap(
                    "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"),
                MAP_GETTER);
    request(parent, "/a", 500, 1, s -> assertThat(s.getSpanContext().isSampled()).isFalse());
    assertThat(alerts())
        .singleElement()
        .satisfies(
            a -> assertThat(text(a, "trace_id")).isEqualTo("0af7651916cd43dd8448eb211c80319c"));
    assertThat(exporter.getFinishedSpanItems()).isEmpty();
  }

  @Test
  void unsampledTraceparentIsInvisibleWhenRecordingIsTurnedOff() {
    sdk("alert.status.codes", "500", "sampling.record.server.spans", "false");
    Context parent =
        sdk.getPropagators()
            .getTextMapPropagator()
            .extract(
                Context.root(),
                Collections.singletonMap(
                    "traceparent", "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00"),
                MAP_GETTER);
    request(parent, "/a", 500, 1, s -> {});
    assertThat(alerts()).isEmpty();
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "monitored.endpoints|/api/(.*|otel.opsgenie.monitored.endpoints=/api/(.* is invalid",
        "alert.status.classes|6XX|otel.opsgenie.alert.status.classes=6XX is invalid",
        "alert.priority|P9|otel.opsgenie.alert.priority=P9 is invalid: expected one of P1, P2, P3, P4, P5",
        "threshold.response.time|-5|otel.opsgenie.threshold.response.time=-5 is invalid",
        "threshold.response.time|2000|otel.opsgenie.threshold.response.time=2000 is invalid without otel.opsgenie.response.time.monitored.endpoints",
        "responders|neo|otel.opsgenie.responders=neo is invalid",
        "alert.details|team|otel.opsgenie.alert.details=team is invalid",
        "alert.cooldown|5min|otel.opsgenie.alert.cooldown=5min is invalid",
        "alert.jobs|maybe|otel.opsgenie.alert.jobs=maybe is invalid",
        "alert.consumers|sometimes|otel.opsgenie.alert.consumers=sometimes is invalid: expected true or false",
        "alert.rpc.status.codes|UNAVAILABLE,BROKEN|otel.opsgenie.alert.rpc.status.codes=UNAVAILABLE,BROKEN is invalid: expected a comma-separated list of gRPC status names or numbers other than OK",
        "alert.rpc.status.codes|17|otel.opsgenie.alert.rpc.status.codes=17 is invalid",
        "dependency.error.rate|150%|otel.opsgenie.dependency.error.rate=150% is invalid: expected an error rate above 0 and at most 1",
        "dependency.error.rate|half|otel.opsgenie.dependency.error.rate=half is invalid",
        "dependency.min.requests|0|otel.opsgenie.dependency.min.requests=0 is invalid",
      })
  void badConfigurationKeepsTheSdkLogsOneSevereLineAndSendsTheMisconfigurationAlert(
      String key, String value, String expected) {
    sdk("alert.status.codes", "500", key, value);
    assertThat(sdk.getSdkTracerProvider().toString()).doesNotContain("AlertingSpanProcessor");
    assertThat(logs.at(Level.SEVERE))
        .singleElement()
        .asString()
        .startsWith("otel-opsgenie alerting is OFF: Invalid otel-opsgenie configuration: ")
        .contains(expected)
        .doesNotContain("test-key-0001");
    // the SDK still works: spans are exported, and no request alerts
    request("/a", 500);
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    await().until(() -> opsgenie.count() == 1);
    JsonNode alert = opsgenie.requests().get(0).json();
    assertThat(ScriptedOpsgenie.violations(alert)).isEmpty();
    assertThat(alert.path("alias").asText()).isEqualTo("checkout-otel-opsgenie-misconfigured");
    assertThat(alert.path("message").asText())
        .isEqualTo("otel-opsgenie alerting is OFF for checkout: invalid configuration");
    assertThat(text(alert, "problems")).contains(expected);
    assertThat(opsgenie.requests().get(0).header("Authorization"))
        .isEqualTo("GenieKey test-key-0001");
  }

  @Test
  void badApiBaseCannotCarryTheMisconfigurationAlert() {
    sdk("alert.status.codes", "500", "api.base", "not a url");
    assertThat(logs.at(Level.SEVERE))
        .singleElement()
        .asString()
        .contains("otel.opsgenie.api.base=not a url is invalid: expected an http(s) URL");
    request("/a", 500);
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    assertThat(alerts()).isEmpty();
  }

  @ParameterizedTest(name = "token {0}")
  @CsvSource({"non-ASCII,caf\u00e9-key-0001", "whitespace,two words"})
  void badTokenIsOneSevereLineNamingTheSettingNeverTheValue(String what, String token) {
    sdk("alert.status.codes", "500", "token", token);
    assertThat(sdk.getSdkTracerProvider().toString()).doesNotContain("AlertingSpanProcessor");
    assertThat(logs.at(Level.SEVERE))
        .singleElement()
        .asString()
        .startsWith("otel-opsgenie alerting is OFF: Invalid otel-opsgenie configuration: ")
        .contains(
            "otel.opsgenie.token is invalid: expected an Opsgenie API integration key of printable ASCII")
        .doesNotContain(token)
        .doesNotContain("could not start");
    request("/a", 500);
    assertThat(exporter.getFinishedSpanItems()).hasSize(1);
    assertThat(alerts()).isEmpty();
  }

  @Test
  void unknownSettingIsWarnedAbout() {
    System.setProperty("otel.opsgenie.alert.status.code", "500");
    try {
      sdk("alert.status.codes", "500");
      assertThat(logs.at(Level.WARNING))
          .anySatisfy(
              w ->
                  assertThat(w)
                      .contains("unknown setting otel.opsgenie.alert.status.code is ignored"));
    } finally {
      System.clearProperty("otel.opsgenie.alert.status.code");
    }
  }

  private static final TextMapGetter<Map<String, String>> MAP_GETTER =
      new TextMapGetter<Map<String, String>>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };
}
