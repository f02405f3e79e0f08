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
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The public builder: a typed setter per setting of the typed topics, {@code setSetting} for every
 * setting by key, the same rejections as every other source.
 */
class AlertingSpanProcessorBuilderTest {

  /**
   * The settings without a typed setter, set with {@code setSetting(key, value)}: the windowed
   * rules, the heartbeat and the rules beyond HTTP requests. A new setting needs a typed setter or
   * a place here: a choice made on purpose.
   */
  private static final List<String> BY_KEY_ONLY =
      Arrays.asList(
          "alert.min.occurrences",
          "alert.window",
          "alert.error.rate",
          "alert.error.rate.min.requests",
          "alert.latency.percentile",
          "alert.auto.close",
          "alert.auto.close.unread",
          "alert.alias.budget",
          "heartbeat.name",
          "heartbeat.interval",
          "heartbeat.create",
          "alert.jobs",
          "alert.consumers",
          "alert.rpc.status.codes",
          "dependency.error.rate",
          "dependency.min.requests");

  @Test
  void builderHasATypedSetterForEverySettingOutsideTheTopicsSetByKey() {
    List<String> missing = new ArrayList<>();
    for (Setting<?> setting : SettingsRegistry.all()) {
      if (!BY_KEY_ONLY.contains(setting.key()) && setter(setting.builderSetter()) == null) {
        missing.add(setting.property() + " -> " + setting.builderSetter());
      }
    }
    assertThat(missing).as("settings without a builder setter").isEmpty();
    assertThat(BY_KEY_ONLY).allMatch(key -> SettingsRegistry.find(key) != null);
    assertThat(BY_KEY_ONLY)
        .allMatch(key -> setter(SettingsRegistry.find(key).builderSetter()) == null);
  }

  @Test
  void everyBuilderSetterNamesASettingOfATypedTopic() {
    List<String> extra = new ArrayList<>();
    for (Method m : AlertingSpanProcessorBuilder.class.getDeclaredMethods()) {
      // setPolicySetting sets the per-policy settings (PolicySettings) of any declared policy;
      // setSetting sets any setting by its key
      if (Modifier.isPublic(m.getModifiers())
          && m.getName().startsWith("set")
          && !m.getName().equals("setResource")
          && !m.getName().equals("setPolicySetting")
          && !m.getName().equals("setSetting")) {
        boolean known =
            SettingsRegistry.all().stream()
                .anyMatch(
                    s -> !BY_KEY_ONLY.contains(s.key()) && s.builderSetter().equals(m.getName()));
        if (!known) {
          extra.add(m.getName());
        }
      }
    }
    assertThat(extra).as("builder setters that are no setting of a typed topic").isEmpty();
  }

  @Test
  void setSettingReachesEverySettingOfTheTopicsSetByKey() {
    OpsgenieSettings s =
        AlertingSpanProcessor.builder()
            .setSetting("alert.min.occurrences", "3")
            .setSetting("alert.window", "2m")
            .setSetting("alert.error.rate", "0.25")
            .setSetting("alert.error.rate.min.requests", "10")
            .setSetting("alert.latency.percentile", "99")
            .setSetting("alert.auto.close", "10m")
            .setSetting("alert.auto.close.unread", "false")
            .setSetting("alert.alias.budget", "70")
            .setSetting("otel.opsgenie.heartbeat.name", "hb-{service_id}")
            .setSetting("heartbeat.interval", "30s")
            .setSetting("heartbeat.create", "true")
            .setSetting("alert.jobs", "false")
            .setSetting("alert.consumers", "false")
            .setSetting("alert.rpc.status.codes", "UNAVAILABLE, 13")
            .setSetting("dependency.error.rate", "0.5")
            .setSetting("dependency.min.requests", "7")
            .setServiceId("pay")
            .setThresholdResponseTime(Duration.ofSeconds(2))
            .setResponseTimeMonitoredEndpoints(".*")
            .settings();
    assertThat(s.minOccurrences).isEqualTo(3);
    assertThat(s.windowNanos).isEqualTo(Duration.ofMinutes(2).toNanos());
    assertThat(s.errorRate).isEqualTo(0.25);
    assertThat(s.errorRateMinRequests).isEqualTo(10);
    assertThat(s.latencyPercentile).isEqualTo(99);
    assertThat(s.autoCloseNanos).isEqualTo(Duration.ofMinutes(10).toNanos());
    assertThat(s.autoCloseUnread).isFalse();
    assertThat(s.aliasBudget).isEqualTo(70);
    assertThat(s.heartbeatName).isEqualTo("hb-pay");
    assertThat(s.heartbeatInterval).isEqualTo(Duration.ofSeconds(30));
    assertThat(s.heartbeatCreate).isTrue();
    assertThat(s.alertJobs).isFalse();
    assertThat(s.alertConsumers).isFalse();
    assertThat(s.rpcStatusCodes[14]).isTrue();
    assertThat(s.rpcStatusCodes[13]).isTrue();
    assertThat(s.rpcStatusCodes[2]).isFalse();
    assertThat(s.dependencyErrorRate).isEqualTo(0.5);
    assertThat(s.dependencyMinRequests).isEqualTo(7);
  }

  @Test
  void setSettingTakesTypedTopicsAndMapsAsAPropertiesFileWritesThem() {
    OpsgenieSettings s =
        AlertingSpanProcessor.builder()
            .setSetting("alert.status.classes", "4XX,5XX")
            .setSetting("alert.details", "team=payments, tier=1")
            .settings();
    assertThat(s.statusClasses[4]).isTrue();
    assertThat(s.statusClasses[5]).isTrue();
    assertThat(s.details).containsEntry("team", "payments").containsEntry("tier", "1");
    assertThat(
            AlertingSpanProcessor.builder().setSetting("alert.window", "").settings().windowNanos)
        .isEqualTo(AlertingSpanProcessor.builder().settings().windowNanos);
  }

  @Test
  void setSettingWithABadValueIsAConfigurationExceptionNamingTheSetting() {
    assertThatThrownBy(
            () -> AlertingSpanProcessor.builder().setSetting("alert.window", "soon").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("otel.opsgenie.alert.window=soon is invalid");
    assertThatThrownBy(
            () -> AlertingSpanProcessor.builder().setSetting("alert.details", "team").build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("otel.opsgenie.alert.details=team is invalid");
  }

  @Test
  void setSettingWithAKeyThatIsNoSettingIsRefusedAtOnceNamingTheKey() {
    assertThatThrownBy(() -> AlertingSpanProcessor.builder().setSetting("alert.windw", "2m"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("setSetting(\"alert.windw\"")
        .hasMessageContaining("no otel-opsgenie setting");
    assertThatThrownBy(() -> AlertingSpanProcessor.builder().setSetting(null, "2m"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void typedSettersReachTheSettings() {
    OpsgenieSettings s =
        AlertingSpanProcessor.builder()
            .setTraceUrlTemplate("https://jaeger.example/trace/{trace_id}")
            .setThresholdResponseTime(Duration.ofSeconds(2))
            .setResponseTimeMonitoredEndpoints(".*")
            .settings();
    assertThat(s.traceUrlTemplate).isEqualTo("https://jaeger.example/trace/{trace_id}");
    assertThat(s.thresholdNanos).isEqualTo(Duration.ofSeconds(2).toNanos());
    assertThat(s.responseTimeMonitoredEndpoints).hasSize(1);
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
            .setSetting("alert.jobs", "false")
            .setSetting("alert.consumers", "false")
            .setSetting("dependency.error.rate", "0.5")
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
