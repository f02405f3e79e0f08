/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie;
import io.github.otelopsgenie.internal.settings.AlertContentSettings;
import io.github.otelopsgenie.internal.util.AgentMoment;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.util.HashMap;
import java.util.Map;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 30: the customizer under the agent, its premain under way. The SDK is built with a deferred
 * processor and a sampler that keeps every kind a rule may read; nothing is read, checked or logged
 * until the agent's end (or a span); then the settings decide as they do without the agent: the
 * startup lines, the SEVERE line of a rejected configuration and its misconfiguration alert, the
 * kinds the sampler keeps. A request that fails before the processor is built still alerts.
 */
@Timeout(30)
class AgentPremainTest {

  private ScriptedOpsgenie opsgenie;
  private OpenTelemetrySdk sdk;
  private LogCapture logs;

  @BeforeEach
  void inPremain() {
    opsgenie = ScriptedOpsgenie.start();
    logs =
        LogCapture.ofNames(
            OpsgenieCustomizerProvider.class.getName(),
            "io.github.otelopsgenie.internal.startup",
            AlertSender.class.getPackage().getName(),
            "io.github.otelopsgenie.internal.premain");
    AgentMoment.inPremain();
  }

  @AfterEach
  void stop() {
    AgentMoment.forget();
    if (sdk != null) {
      sdk.close();
    }
    logs.close();
    opsgenie.close();
  }

  private void sdk(String... keyValues) {
    Map<String, String> props = new HashMap<>();
    props.put("otel.traces.exporter", "none");
    props.put("otel.metrics.exporter", "none");
    props.put("otel.logs.exporter", "none");
    props.put("otel.service.name", "checkout");
    props.put("otel.opsgenie.token", "test-key-0001");
    props.put("otel.opsgenie.api.base", opsgenie.base().toString());
    props.put("otel.opsgenie.startup.check", "false");
    for (int i = 0; i < keyValues.length; i += 2) {
      props.put("otel.opsgenie." + keyValues[i], keyValues[i + 1]);
    }
    sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .addPropertiesSupplier(() -> props)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
  }

  private String samplerDescription() {
    return sdk.getSdkTracerProvider().getSampler().getDescription();
  }

  private void failingRequest() {
    sdk.getTracer("test")
        .spanBuilder("GET /a")
        .setSpanKind(SpanKind.SERVER)
        .setAttribute("http.route", "/a")
        .setAttribute("http.response.status_code", 500L)
        .startSpan()
        .end();
  }

  @Test
  void nothingIsReadInPremainAndTheSettingsDecideAtTheAgentsEnd() {
    sdk("alert.status.codes", "500");
    assertThat(sdk.getSdkTracerProvider().toString())
        .contains("DeferredProcessor{starting}")
        .doesNotContain("AlertingSpanProcessor");
    assertThat(samplerDescription()).contains("SERVER, CONSUMER, INTERNAL roots, CLIENT, marked");
    assertThat(logs.records).isEmpty();

    AgentMoment.premainOver();
    await().until(() -> sdk.getSdkTracerProvider().toString().contains("AlertingSpanProcessor"));
    assertThat(logs.at(Level.INFO)).anySatisfy(l -> assertThat(l).contains("alerting is on"));
    // the defaults: consumers and jobs on, the dependency rule off
    assertThat(samplerDescription())
        .contains("SERVER, CONSUMER, INTERNAL roots, marked")
        .doesNotContain("CLIENT");
    failingRequest();
    await().until(() -> opsgenie.count() == 1);
  }

  @Test
  void aRequestThatFailsBeforeTheBuildStillAlerts() {
    sdk("alert.status.codes", "500");
    failingRequest();
    await().until(() -> opsgenie.count() == 1);
    assertThat(opsgenie.requests().get(0).json().path("alias").asText())
        .isEqualTo("checkout-response-status-alert");
  }

  @Test
  void aRejectedConfigurationIsOneSevereLineAfterPremainAndTheSamplerKeepsNothing() {
    sdk("alert.status.codes", "500", "alert.priority", "P9");
    assertThat(logs.at(Level.SEVERE)).isEmpty();
    AgentMoment.premainOver();
    await().until(() -> !logs.at(Level.SEVERE).isEmpty());
    assertThat(logs.at(Level.SEVERE))
        .singleElement()
        .asString()
        .startsWith("otel-opsgenie alerting is OFF: Invalid otel-opsgenie configuration: ")
        .contains("otel.opsgenie.alert.priority=P9 is invalid");
    await().until(() -> opsgenie.count() == 1);
    assertThat(opsgenie.requests().get(0).json().path("alias").asText())
        .isEqualTo("checkout-otel-opsgenie-misconfigured");
    assertThat(samplerDescription()).endsWith("; none}");
    failingRequest();
    sdk.getSdkTracerProvider().forceFlush();
    assertThat(opsgenie.count()).isEqualTo(1);
  }

  @Test
  void recordingTurnedOffLeavesTheSamplersDecisionAlone() {
    sdk("alert.status.codes", "500", "sampling.record.server.spans", "false");
    AgentMoment.premainOver();
    await().until(() -> sdk.getSdkTracerProvider().toString().contains("AlertingSpanProcessor"));
    assertThat(samplerDescription()).endsWith("; none}");
  }

  @Test
  void theForwardedHeadersConstantIsTheSettingsOwnKey() {
    assertThat(OpsgenieCustomizerProvider.FORWARDED_HEADER_KEYS)
        .isEqualTo(AlertContentSettings.FORWARDED_HEADER_KEYS.property());
  }
}
