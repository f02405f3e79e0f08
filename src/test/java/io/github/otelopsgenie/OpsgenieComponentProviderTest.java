/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.otelopsgenie.internal.settings.InvalidSettingsException;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.SettingsSource;
import io.github.otelopsgenie.internal.util.AgentMoment;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.Test;

/** The declarative (YAML) path: the same settings, read from structured config. */
class OpsgenieComponentProviderTest {

  private static DeclarativeConfigProperties yaml(String text) {
    return DeclarativeConfiguration.toConfigProperties(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void yamlListsAndScalarsGiveTheSameSettingsAsFlatProperties() {
    LogCapture sdkLogs = LogCapture.ofNames("io.opentelemetry.sdk.autoconfigure.declarativeconfig");
    OpsgenieSettings s =
        OpsgenieSettings.fromDeclarative(
            yaml(
                "token: abc\n"
                    + "api_base: https://api.eu.opsgenie.com\n"
                    + "alert_status_codes: [500, 502]\n"
                    + "alert_status_classes: [5XX]\n"
                    + "monitored_endpoints: ['/api/\\d{1,3}', '/web/.*']\n"
                    + "threshold_response_time: 2000\n"
                    + "response_time_monitored_endpoints: ['/res_slow/.*']\n"
                    + "alert_details: {team: payments, runbook: 'https://wiki/run,1'}\n"
                    + "alert_tags: [a, b]\n"
                    + "alert_priority: P2\n"
                    + "responders: ['user:neo@matrix', 'team:ops']\n"
                    + "alert_cooldown: 30s\n"
                    + "service_id: billing\n"));
    assertThat(OpsgenieSettings.codes(s.statusCodes)).containsExactly(500, 502);
    assertThat(OpsgenieSettings.classes(s.statusClasses)).containsExactly("5XX");
    // YAML lists can hold regexes with commas, which flat lists cannot
    assertThat(s.monitoredEndpoints)
        .extracting(Object::toString)
        .containsExactly("/api/\\d{1,3}", "/web/.*");
    assertThat(s.thresholdNanos).isEqualTo(2_000_000_000L);
    assertThat(s.details)
        .containsEntry("team", "payments")
        .containsEntry("runbook", "https://wiki/run,1");
    assertThat(s.tags).containsExactly("a", "b");
    assertThat(s.priority).isEqualTo("P2");
    assertThat(s.responders).hasSize(2);
    assertThat(s.cooldown.getSeconds()).isEqualTo(30);
    assertThat(s.serviceId).isEqualTo("billing");
    // reading the block must not make the SDK warn about value types
    sdkLogs.close();
    assertThat(sdkLogs.all()).isEmpty();
  }

  @Test
  void yamlErrorsNameTheYamlKey() {
    try {
      OpsgenieSettings.parse(
          SettingsSource.of(yaml("alert_priority: P9\nalert_status_classes: [6XX]\n")), null);
      throw new AssertionError("accepted");
    } catch (InvalidSettingsException e) {
      assertThat(e.getMessage())
          .contains("alert_priority=P9 is invalid: expected one of P1, P2, P3, P4, P5")
          .contains("alert_status_classes=6XX is invalid");
    }
  }

  @Test
  void processorIsBuiltFromTheConfigurationFile() {
    String file =
        "file_format: '1.0'\n"
            + "tracer_provider:\n"
            + "  processors:\n"
            + "    - opsgenie/development:\n"
            + "        alert_status_classes: [5XX]\n"
            + "        service_id: from-yaml\n";
    try (OpenTelemetrySdk sdk =
        DeclarativeConfiguration.parseAndCreate(
                new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))
            .getSdk()) {
      assertThat(sdk.getSdkTracerProvider().toString())
          .contains("AlertingSpanProcessor{settings=OpsgenieSettings{enabled=true")
          .contains("serviceId=from-yaml")
          .contains("statusClasses=[5XX]");
    }
  }

  /**
   * Issue 30: under the agent the block is read and the processor built after its premain, as on
   * the flat-properties path; a rejected block's SEVERE line comes then, once.
   */
  @Test
  void underTheAgentTheProcessorIsBuiltAfterPremain() {
    AgentMoment.inPremain();
    try (LogCapture logs = LogCapture.of(OpsgenieComponentProvider.class)) {
      SpanProcessor good =
          new OpsgenieComponentProvider()
              .create(yaml("alert_status_classes: [5XX]\nservice_id: from-yaml\n"));
      SpanProcessor bad = new OpsgenieComponentProvider().create(yaml("alert_priority: P9\n"));
      assertThat(good.toString()).isEqualTo("DeferredProcessor{starting}");
      assertThat(bad.toString()).isEqualTo("DeferredProcessor{starting}");
      assertThat(logs.at(Level.SEVERE)).as("nothing read in premain").isEmpty();

      AgentMoment.premainOver();
      await()
          .atMost(Duration.ofSeconds(20))
          .until(() -> good.toString().contains("AlertingSpanProcessor"));
      assertThat(good.toString()).contains("serviceId=from-yaml").contains("statusClasses=[5XX]");
      await().atMost(Duration.ofSeconds(20)).until(() -> bad.toString().contains("off"));
      assertThat(logs.at(Level.SEVERE))
          .singleElement()
          .asString()
          .contains("alert_priority=P9 is invalid");
      good.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
      bad.shutdown().join(10, java.util.concurrent.TimeUnit.SECONDS);
    } finally {
      AgentMoment.forget();
    }
  }

  @Test
  void badYamlLeavesANoopProcessorAndOneSevereLine() {
    String file =
        "file_format: '1.0'\n"
            + "tracer_provider:\n"
            + "  processors:\n"
            + "    - opsgenie/development:\n"
            + "        alert_priority: P9\n";
    try (LogCapture logs = LogCapture.of(OpsgenieComponentProvider.class);
        OpenTelemetrySdk sdk =
            DeclarativeConfiguration.parseAndCreate(
                    new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))
                .getSdk()) {
      assertThat(sdk.getSdkTracerProvider().toString()).doesNotContain("AlertingSpanProcessor");
      assertThat(logs.at(Level.SEVERE))
          .singleElement()
          .asString()
          .contains("otel-opsgenie alerting is OFF")
          .contains("alert_priority=P9 is invalid: expected one of P1, P2, P3, P4, P5");
    }
  }

  @Test
  void samplerWrapperRecordsServerSpansTheInnerSamplerDrops() {
    try (OpenTelemetrySdk sdk = sdkWithSampler("")) {
      assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
          .isEqualTo(
              "OpsgenieRecordSpans{AlwaysOffSampler; SERVER, CONSUMER, INTERNAL roots, marked}");
      io.opentelemetry.api.trace.Span server = start(sdk, "GET /", SpanKind.SERVER, null);
      io.opentelemetry.api.trace.Span root =
          start(sdk, "ReportJob.nightly", SpanKind.INTERNAL, null);
      io.opentelemetry.api.trace.Span consumer = start(sdk, "q process", SpanKind.CONSUMER, null);
      io.opentelemetry.api.trace.Span internal = start(sdk, "work", SpanKind.INTERNAL, server);
      io.opentelemetry.api.trace.Span client = start(sdk, "GET", SpanKind.CLIENT, server);
      assertThat(server.isRecording()).isTrue();
      assertThat(server.getSpanContext().isSampled()).isFalse();
      assertThat(root.isRecording()).as("a job's root span").isTrue();
      assertThat(consumer.isRecording()).isTrue();
      assertThat(internal.isRecording()).isFalse();
      assertThat(client.isRecording()).as("client spans only when asked").isFalse();
    }
  }

  @Test
  void samplerWrapperRecordsTheKindsItIsToldOf() {
    try (OpenTelemetrySdk sdk =
        sdkWithSampler(
            "      record_client_spans: true\n"
                + "      record_job_spans: false\n"
                + "      record_consumer_spans: false\n")) {
      assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
          .isEqualTo("OpsgenieRecordSpans{AlwaysOffSampler; SERVER, CLIENT, marked}");
      assertThat(start(sdk, "GET", SpanKind.CLIENT, null).isRecording()).isTrue();
      assertThat(start(sdk, "ReportJob.nightly", SpanKind.INTERNAL, null).isRecording()).isFalse();
      assertThat(start(sdk, "q process", SpanKind.CONSUMER, null).isRecording()).isFalse();
    }
  }

  @Test
  void samplerWrapperNamesAKeyItDoesNotKnowAndAValueThatIsNoBoolean() {
    try (LogCapture logs = LogCapture.of(OpsgenieSamplerComponentProvider.class);
        OpenTelemetrySdk sdk =
            sdkWithSampler("      record_client_span: true\n      record_job_spans: sometimes\n")) {
      assertThat(sdk.getSdkTracerProvider().getSampler().getDescription())
          .isEqualTo(
              "OpsgenieRecordSpans{AlwaysOffSampler; SERVER, CONSUMER, INTERNAL roots, marked}");
      assertThat(logs.at(Level.WARNING))
          .singleElement()
          .asString()
          .contains("unknown key record_client_span under " + OpsgenieSamplerComponentProvider.NAME)
          .contains("record_client_spans");
      assertThat(logs.at(Level.SEVERE))
          .singleElement()
          .asString()
          .contains("record_job_spans under " + OpsgenieSamplerComponentProvider.NAME)
          .contains("must be true or false; using true");
    }
  }

  private static OpenTelemetrySdk sdkWithSampler(String keys) {
    String file =
        "file_format: '1.0'\n"
            + "tracer_provider:\n"
            + "  sampler:\n"
            + "    opsgenie_record_server_spans/development:\n"
            + keys
            + "      sampler:\n"
            + "        always_off:\n"
            + "  processors:\n"
            + "    - opsgenie/development:\n"
            + "        alert_status_codes: [500]\n";
    return DeclarativeConfiguration.parseAndCreate(
            new ByteArrayInputStream(file.getBytes(StandardCharsets.UTF_8)))
        .getSdk();
  }

  private static io.opentelemetry.api.trace.Span start(
      OpenTelemetrySdk sdk, String name, SpanKind kind, io.opentelemetry.api.trace.Span parent) {
    io.opentelemetry.api.trace.SpanBuilder builder =
        sdk.getTracer("t").spanBuilder(name).setSpanKind(kind);
    if (parent == null) {
      builder.setNoParent();
    } else {
      builder.setParent(io.opentelemetry.context.Context.root().with(parent));
    }
    // still open: an ended span is no longer recording
    return builder.startSpan();
  }

  @Test
  void unknownYamlKeysAreWarnedAbout() {
    assertThat(
            OpsgenieComponentProvider.unknownKeys(
                new java.util.LinkedHashSet<>(
                    java.util.Arrays.asList("alert_status_codes", "alert_status_code", "tokn"))))
        .containsExactly("alert_status_code", "tokn");
  }

  @Test
  void unknownKeysOfAPolicyEntryAreWarnedAbout() {
    assertThat(OpsgenieComponentProvider.unknownKeys(java.util.Collections.singleton("policies")))
        .isEmpty();
    assertThat(
            OpsgenieComponentProvider.unknownPolicyKeys(
                new java.util.LinkedHashSet<>(
                    java.util.Arrays.asList(
                        "name",
                        "routes",
                        "priority",
                        "status_codes",
                        "threshold_response_time",
                        "prio"))))
        .containsExactly("prio");
  }
}
