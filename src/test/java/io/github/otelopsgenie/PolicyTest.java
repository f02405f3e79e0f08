/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.alert.Responder;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Per-route policies: who is paged, and with what, through a real SDK. */
class PolicyTest {

  private static final String[] PAYMENTS = {
    "alert.status.codes", "500",
    "alert.priority", "P3",
    "responders", "team:ops",
    "alert.tags", "otel-opsgenie,shop",
    "alert.cooldown", "0",
    "policies", "payments,search",
    "policy.payments.routes", "^/checkout/.*",
    "policy.payments.priority", "P1",
    "policy.payments.responders", "team:payments-oncall",
    "policy.payments.tags", "payments",
    "policy.search.routes", "^/search.*,^/checkout/search",
    "policy.search.priority", "P5",
  };

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private SdkTracerProvider provider;
  private AlertingSpanProcessor processor;

  private void setUp(String... settings) {
    processor = new AlertingSpanProcessor(TestSettings.of(settings), sink);
    provider =
        SdkTracerProvider.builder()
            .setClock(clock)
            .setResource(Resource.builder().put("service.name", "checkout").build())
            .addSpanProcessor(processor)
            .build();
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  private void request(String route, long status, long millis, Consumer<Span> more) {
    Span span =
        provider
            .get("test")
            .spanBuilder("GET " + route)
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

  @Test
  void matchingRouteTakesThePolicysPriorityRespondersAndTags() {
    setUp(PAYMENTS);
    request("/checkout/{cart}", 500);
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getPriority()).isEqualTo("P1");
    assertThat(alert.getResponders()).containsExactly(Responder.parse("team:payments-oncall"));
    assertThat(alert.getTags()).containsExactly("otel-opsgenie", "shop", "payments");
    assertThat(alert.getDetails()).containsEntry("policy", "payments");
  }

  @Test
  void otherRoutesKeepTheGlobalSettings() {
    setUp(PAYMENTS);
    request("/users/{id}", 500);
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getPriority()).isEqualTo("P3");
    assertThat(alert.getResponders()).containsExactly(Responder.parse("team:ops"));
    assertThat(alert.getTags()).containsExactly("otel-opsgenie", "shop");
    assertThat(alert.getDetails()).doesNotContainKey("policy");
  }

  @Test
  void firstMatchingPolicyDecides() {
    setUp(PAYMENTS);
    request("/checkout/search", 500);
    assertThat(sink.only().getPriority()).isEqualTo("P1");
  }

  @Test
  void exceptionAlertOfAMatchingRouteFollowsThePolicy() {
    setUp(PAYMENTS);
    request("/checkout/{cart}", 200, 5, s -> s.recordException(new IllegalStateException("card")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getAlias()).isEqualTo("checkout-IllegalStateException-exception-alert");
    assertThat(alert.getPriority()).isEqualTo("P1");
  }

  @Test
  void policyOwnStatusRulesReplaceTheGlobalOnesOnItsRoutes() {
    setUp(
        "alert.status.codes",
        "500",
        "alert.cooldown",
        "0",
        "policies",
        "strict",
        "policy.strict.routes",
        "/admin/.*",
        "policy.strict.status.classes",
        "4XX");
    request("/admin/users", 404);
    request("/admin/users", 500);
    request("/users", 404);
    request("/users", 500);
    assertThat(sink.alerts)
        .extracting(
            a ->
                a.getDetails().get("route")
                    + " "
                    + a.getDetails().get("status_class")
                    + a.getDetails().get("status_code"))
        .containsExactly("/admin/users 4XX404", "/users null500");
  }

  @Test
  void policyThresholdAndAlias() {
    setUp(
        "alert.cooldown",
        "0",
        "policies",
        "search",
        "policy.search.routes",
        "/search",
        "policy.search.threshold.response.time",
        "800",
        "policy.search.alias",
        "{service_id}-{env}-search-slow");
    request("/search", 200, 900, s -> {});
    request("/search", 200, 700, s -> {});
    request("/other", 200, 5000, s -> {});
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getAlias()).isEqualTo("checkout-no-env-search-slow");
    assertThat(alert.getDetails()).containsEntry("threshold_ms", "800");
  }

  @Test
  void policyDecisionIsRememberedPerRoute() {
    setUp(PAYMENTS);
    for (int i = 0; i < 10; i++) {
      request("/checkout/{cart}", 500);
      request("/users/{id}", 500);
    }
    assertThat(processor.state().rememberedRoutes()).isEqualTo(2);
  }

  @Test
  void builderSetsPolicies() {
    AlertingSpanProcessor built =
        AlertingSpanProcessor.builder()
            .setAlertStatusCodes(500)
            .setPolicies("payments")
            .setPolicySetting("payments", "routes", "^/checkout/.*")
            .setPolicySetting("payments", "priority", "P1")
            .setEnabled(false)
            .build();
    assertThat(built.settings().policies).hasSize(1);
    assertThat(built.settings().policies.get(0).priority).isEqualTo("P1");
  }
}
