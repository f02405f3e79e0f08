/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Setting;
import io.github.otelopsgenie.internal.settings.SettingsRegistry;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public builder: one checked setter per setting of the registry, the same rejections. */
class AlertingSpanProcessorBuilderTest {

  @Test
  void builderHasAPublicSetterForEverySetting() {
    List<String> missing = new ArrayList<>();
    for (Setting<?> setting : SettingsRegistry.all()) {
      if (setter(setting.builderSetter()) == null) {
        missing.add(setting.property() + " -> " + setting.builderSetter());
      }
    }
    assertThat(missing).as("settings without a builder setter").isEmpty();
  }

  @Test
  void everyBuilderSetterNamesASetting() {
    List<String> extra = new ArrayList<>();
    for (Method m : AlertingSpanProcessorBuilder.class.getDeclaredMethods()) {
      // setPolicySetting sets the per-policy settings (PolicySettings) of any declared policy
      if (Modifier.isPublic(m.getModifiers())
          && m.getName().startsWith("set")
          && !m.getName().equals("setResource")
          && !m.getName().equals("setPolicySetting")) {
        boolean known =
            SettingsRegistry.all().stream().anyMatch(s -> s.builderSetter().equals(m.getName()));
        if (!known) {
          extra.add(m.getName());
        }
      }
    }
    assertThat(extra).as("builder setters that are no setting").isEmpty();
  }

  @Test
  void newSettersReachTheSettings() {
    OpsgenieSettings s =
        AlertingSpanProcessor.builder()
            .setTraceUrlTemplate("https://jaeger.example/trace/{trace_id}")
            .setAlertMinOccurrences(3)
            .setAlertWindow(Duration.ofMinutes(2))
            .setAlertErrorRate(0.25)
            .setAlertErrorRateMinRequests(10)
            .setThresholdResponseTime(Duration.ofSeconds(2))
            .setResponseTimeMonitoredEndpoints(".*")
            .setAlertLatencyPercentile(99)
            .setAlertAutoClose(Duration.ofMinutes(10))
            .settings();
    assertThat(s.traceUrlTemplate).isEqualTo("https://jaeger.example/trace/{trace_id}");
    assertThat(s.minOccurrences).isEqualTo(3);
    assertThat(s.windowNanos).isEqualTo(Duration.ofMinutes(2).toNanos());
    assertThat(s.errorRate).isEqualTo(0.25);
    assertThat(s.errorRateMinRequests).isEqualTo(10);
    assertThat(s.latencyPercentile).isEqualTo(99);
    assertThat(s.autoCloseNanos).isEqualTo(Duration.ofMinutes(10).toNanos());
  }

  @Test
  void builderAcceptsRegexesWithCommas() {
    OpsgenieSettings s =
        AlertingSpanProcessor.builder().setMonitoredEndpoints("/a/\\d{1,3}").settings();
    assertThat(s.monitoredEndpoints).extracting(Object::toString).containsExactly("/a/\\d{1,3}");
  }

  @Test
  void nonAsciiOrWhitespaceTokenIsAConfigurationExceptionNamingTheSetting() {
    for (String token : new String[] {"caf\u00e9-key", "two words", "tab\tkey"}) {
      assertThatThrownBy(() -> AlertingSpanProcessor.builder().setToken(token).build())
          .isInstanceOf(ConfigurationException.class)
          .hasMessageContaining("otel.opsgenie.token is invalid")
          .hasMessageNotContaining(token);
    }
  }

  @Test
  void badApiBaseIsAConfigurationExceptionNamingTheSettingWithoutItsUserInfo() {
    assertThatThrownBy(
            () ->
                AlertingSpanProcessor.builder()
                    .setApiBase("https://user:secret@api.opsgenie.com")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("otel.opsgenie.api.base=https://****@api.opsgenie.com is invalid")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(
            () -> AlertingSpanProcessor.builder().setApiBase("ftp://api.opsgenie.com").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("otel.opsgenie.api.base=ftp://api.opsgenie.com is invalid");
  }

  @Test
  void disabledProcessorIsNeverCalledOnEnd() {
    AlertingSpanProcessor processor = AlertingSpanProcessor.builder().setEnabled(false).build();
    assertThat(processor.isEndRequired()).isFalse();
    assertThat(processor.shutdown().join(1, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
        .isTrue();
  }

  @Test
  void samplerIsWrappedUnlessTurnedOff() {
    Sampler off = Sampler.alwaysOff();
    Sampler wrapped = AlertingSpanProcessor.builder().recordServerSpans(off);
    assertThat(
            wrapped
                .shouldSample(
                    null,
                    "00000000000000000000000000000001",
                    "GET /",
                    SpanKind.SERVER,
                    io.opentelemetry.api.common.Attributes.empty(),
                    java.util.Collections.emptyList())
                .getDecision())
        .isEqualTo(io.opentelemetry.sdk.trace.samplers.SamplingDecision.RECORD_ONLY);
    assertThat(
            AlertingSpanProcessor.builder()
                .setSamplingRecordServerSpans(false)
                .recordServerSpans(off))
        .isSameAs(off);
  }

  @Test
  void theWrappedSamplerKeepsWhatTheBuildersRulesRead() {
    Sampler off = Sampler.alwaysOff();
    Sampler defaults = AlertingSpanProcessor.builder().recordServerSpans(off);
    Sampler dependencies =
        AlertingSpanProcessor.builder()
            .setAlertJobs(false)
            .setAlertConsumers(false)
            .setDependencyErrorRate(0.5)
            .recordServerSpans(off);
    assertThat(decision(defaults, SpanKind.CONSUMER)).isEqualTo(SamplingDecision.RECORD_ONLY);
    assertThat(decision(defaults, SpanKind.INTERNAL)).isEqualTo(SamplingDecision.RECORD_ONLY);
    assertThat(decision(defaults, SpanKind.CLIENT)).isEqualTo(SamplingDecision.DROP);
    assertThat(decision(dependencies, SpanKind.CONSUMER)).isEqualTo(SamplingDecision.DROP);
    assertThat(decision(dependencies, SpanKind.INTERNAL)).isEqualTo(SamplingDecision.DROP);
    assertThat(decision(dependencies, SpanKind.CLIENT)).isEqualTo(SamplingDecision.RECORD_ONLY);
  }

  /** The decision for a root span of this kind. */
  private static SamplingDecision decision(Sampler sampler, SpanKind kind) {
    return sampler
        .shouldSample(
            io.opentelemetry.context.Context.root(),
            "00000000000000000000000000000001",
            "span",
            kind,
            io.opentelemetry.api.common.Attributes.empty(),
            java.util.Collections.emptyList())
        .getDecision();
  }

  private static Method setter(String name) {
    for (Method m : AlertingSpanProcessorBuilder.class.getMethods()) {
      if (m.getName().equals(name) && m.getReturnType() == AlertingSpanProcessorBuilder.class) {
        return m;
      }
    }
    return null;
  }
}
