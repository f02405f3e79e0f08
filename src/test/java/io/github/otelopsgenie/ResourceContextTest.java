/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.api.OpsgenieAttributes;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Environment, resource attributes and stack traces: what the span's resource adds to an alert. */
class ResourceContextTest {

  private static final Resource PROD =
      Resource.builder()
          .put("service.name", "checkout")
          .put("deployment.environment.name", "prod")
          .put("service.version", "1.2.3")
          .put("k8s.pod.name", "checkout-7d9f-abcde")
          .put("telemetry.sdk.language", "java")
          .build();

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private SdkTracerProvider provider;

  private void setUp(Resource resource, String... settings) {
    provider =
        SdkTracerProvider.builder()
            .setClock(clock)
            .setResource(resource)
            .addSpanProcessor(new AlertingSpanProcessor(TestSettings.of(settings), sink))
            .build();
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  private void request(long status, long millis, Consumer<Span> more) {
    Span span =
        provider
            .get("test")
            .spanBuilder("GET /pay")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("http.route", "/pay")
            .setAttribute("url.path", "/pay")
            .setAttribute("http.response.status_code", status)
            .startSpan();
    more.accept(span);
    clock.advance(Duration.ofMillis(millis));
    span.end();
  }

  @Test
  void environmentFollowsTheServiceIdInDefaultAliases() {
    setUp(
        PROD,
        "alert.status.codes",
        "500",
        "threshold.response.time",
        "100",
        "response.time.monitored.endpoints",
        ".*",
        "alert.cooldown",
        "0");
    request(500, 5, s -> {});
    request(200, 500, s -> {});
    request(200, 5, s -> s.recordException(new IllegalStateException("boom")));
    request(
        200,
        5,
        s ->
            s.recordException(
                new IllegalStateException("boom"),
                Attributes.builder()
                    .put(OpsgenieAttributes.HANDLED, true)
                    .put(OpsgenieAttributes.FUNCTION, "charge")
                    .build()));
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsExactly(
            "checkout-prod-response-status-alert",
            "checkout-prod-response-latency-alert",
            "checkout-prod-IllegalStateException-exception-alert",
            "checkout-prod-charge-IllegalStateException-exception-alert");
    assertThat(sink.alerts.get(0).getDetails()).containsEntry("environment", "prod");
  }

  @Test
  void olderDeploymentEnvironmentIsReadToo() {
    setUp(
        Resource.builder()
            .put("service.name", "checkout")
            .put("deployment.environment", "staging")
            .build(),
        "alert.status.codes",
        "500");
    request(500, 5, s -> {});
    assertThat(sink.only().getAlias()).isEqualTo("checkout-staging-response-status-alert");
    assertThat(sink.only().getDetails()).containsEntry("environment", "staging");
  }

  @Test
  void withoutEnvironmentAliasesAreUnchanged() {
    setUp(Resource.builder().put("service.name", "checkout").build(), "alert.status.codes", "500");
    request(500, 5, s -> {});
    assertThat(sink.only().getAlias()).isEqualTo("checkout-response-status-alert");
    assertThat(sink.only().getDetails()).doesNotContainKey("environment");
  }

  @Test
  void configuredAliasIsKeptAndMayPlaceTheEnvironment() {
    setUp(PROD, "alert.status.codes", "500", "alert.status.alias", "{service_id}-{route}-{env}");
    request(500, 5, s -> {});
    assertThat(sink.only().getAlias()).isEqualTo("checkout-/pay-prod");
  }

  @Test
  void resourceAttributesPresentAreCopiedUnderTheirNames() {
    setUp(PROD, "alert.status.codes", "500");
    request(500, 5, s -> {});
    assertThat(sink.only().getDetails())
        .containsEntry("service.version", "1.2.3")
        .containsEntry("k8s.pod.name", "checkout-7d9f-abcde")
        .doesNotContainKeys("telemetry.sdk.language", "cloud.region", "container.id");
  }

  @Test
  void resourceAttributesSettingChoosesThemOrNone() {
    setUp(PROD, "alert.status.codes", "500", "alert.resource.attributes", "telemetry.sdk.language");
    request(500, 5, s -> {});
    assertThat(sink.only().getDetails())
        .containsEntry("telemetry.sdk.language", "java")
        .doesNotContainKeys("service.version", "k8s.pod.name");
    provider.shutdown();
    sink.alerts.clear();
    setUp(PROD, "alert.status.codes", "500", "alert.resource.attributes", "none");
    request(500, 5, s -> {});
    assertThat(sink.only().getDetails()).doesNotContainKeys("service.version", "k8s.pod.name");
  }

  @Test
  void stackTraceFalseLeavesEveryFrameOut() {
    setUp(PROD, "alert.stacktrace", "false");
    request(200, 5, s -> s.recordException(new IllegalStateException("boom")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getDetails())
        .doesNotContainKey("exception_stacktrace")
        .containsEntry("exception_type", "java.lang.IllegalStateException")
        .containsEntry("exception_message", "boom");
    assertThat(alert.getDescription()).doesNotContain("\tat ").doesNotContain("Stack trace");
    assertThat(alert.getDetails().values()).noneMatch(v -> v.contains("\tat "));
  }

  @Test
  void stackTraceIsThereByDefault() {
    setUp(PROD);
    request(200, 5, s -> s.recordException(new IllegalStateException("boom")));
    assertThat(sink.only().getDetails().get("exception_stacktrace")).contains("\tat ");
    assertThat(sink.only().getDescription()).contains("\tat ");
  }

  @Test
  void helperExtraPropertiesWinOverConfiguredDetails() {
    setUp(PROD, "alert.details", "team=payments,order_id=configured");
    request(
        200,
        5,
        s ->
            s.recordException(
                new IllegalStateException("boom"),
                Attributes.builder()
                    .put(OpsgenieAttributes.HANDLED, true)
                    .put(OpsgenieAttributes.DETAIL_PREFIX + "order_id", "42")
                    .build()));
    assertThat(sink.only().getDetails())
        .containsEntry("order_id", "42")
        .containsEntry("team", "payments");
  }
}
