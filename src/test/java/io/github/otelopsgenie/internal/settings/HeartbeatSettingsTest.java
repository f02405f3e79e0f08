/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.otelopsgenie.AlertingSpanProcessor;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code heartbeat.name}, {@code heartbeat.interval}, {@code heartbeat.create}. */
class HeartbeatSettingsTest {

  private static String rejection(String... keyValues) {
    return OpsgenieSettingsTest.rejection(keyValues);
  }

  @Test
  void offByDefault() {
    OpsgenieSettings s = TestSettings.of();
    assertThat(s.heartbeatName).isNull();
    assertThat(s.heartbeatInterval).isEqualTo(Duration.ofMinutes(1));
    assertThat(s.heartbeatCreate).isFalse();
    assertThat(s.heartbeatAlertMessage).isNull();
    assertThat(TestSettings.of("heartbeat.name", "  ").heartbeatName).isNull();
  }

  @Test
  void placeholdersAreFilledLikeAliasTemplates() {
    OpsgenieSettings s =
        TestSettings.of(
            "heartbeat.name",
            " {service_id}-{env}-heartbeat ",
            "heartbeat.interval",
            "2s",
            "heartbeat.create",
            "true");
    // the resource names no environment: "no-env", as in alias templates
    assertThat(s.heartbeatName).isEqualTo("checkout-no-env-heartbeat");
    assertThat(s.heartbeatInterval).isEqualTo(Duration.ofSeconds(2));
    assertThat(s.heartbeatCreate).isTrue();
    assertThat(s.heartbeatAlertMessage).contains("checkout").hasSizeLessThanOrEqualTo(130);

    Resource prod =
        TestSettings.RESOURCE.merge(
            Resource.builder().put("deployment.environment.name", "prod").build());
    OpsgenieSettings inProd =
        OpsgenieSettings.parse(
            SettingsSource.of(
                DefaultConfigProperties.createFromMap(
                    TestSettings.map("heartbeat.name", "{service_id}-{env}", "service.id", "pay"))),
            prod);
    assertThat(inProd.heartbeatName).isEqualTo("pay-prod");
    assertThat(inProd.heartbeatAlertMessage).contains("pay (prod)");
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "heartbeat.interval|500ms|otel.opsgenie.heartbeat.interval=500ms is invalid: expected a duration of at least 1s",
        "heartbeat.interval|0|otel.opsgenie.heartbeat.interval=0 is invalid: expected a positive duration",
        "heartbeat.interval|1 minute|otel.opsgenie.heartbeat.interval=1 minute is invalid: expected a positive duration such as 500ms, 10s, 5m or 1h",
        "heartbeat.create|yes|otel.opsgenie.heartbeat.create=yes is invalid: expected true or false",
        "heartbeat.name|{route}-hb|otel.opsgenie.heartbeat.name={route}-hb is invalid: expected a heartbeat name with no placeholders but {service_id} and {env} ({route} is not one)",
      })
  void badValueIsNamedWithKeyValueAndExpectedForm(String key, String value, String message) {
    assertThat(rejection(key, value))
        .startsWith("Invalid otel-opsgenie configuration: ")
        .contains(message);
  }

  @Test
  void nameOverOpsgeniesLimitOnceResolvedIsRejected() {
    // 190 + "-" + "checkout" = 199 characters once resolved: accepted
    String name = "x".repeat(190) + "-{service_id}";
    assertThat(TestSettings.of("heartbeat.name", name).heartbeatName).hasSize(199);
    assertThat(TestSettings.of("heartbeat.name", "x" + name).heartbeatName).hasSize(200);
    assertThat(rejection("heartbeat.name", "xx" + name))
        .contains(
            "otel.opsgenie.heartbeat.name=xx"
                + name
                + " is invalid: expected a heartbeat name of at most 200 characters, Opsgenie's"
                + " limit (it is 201 once its placeholders are filled in)");
  }

  @Test
  void controlCharactersAreRejected() {
    assertThat(rejection("heartbeat.name", "a\tb"))
        .contains("expected a heartbeat name on one line, without control characters");
  }

  @Test
  void builderSettersReachTheSettingsAndTheirChecks() {
    assertThatThrownBy(
            () ->
                AlertingSpanProcessor.builder()
                    .setSetting("heartbeat.name", "hb")
                    .setSetting("heartbeat.interval", "10ms")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining(
            "otel.opsgenie.heartbeat.interval=10ms is invalid: expected a duration of at least 1s");
  }

  @Test
  void declarativeConfigurationNeedsTheServiceIdForItsPlaceholder() {
    assertThatThrownBy(
            () -> OpsgenieSettings.fromDeclarative(yaml("heartbeat_name: '{service_id}-hb'\n")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("heartbeat_name={service_id}-hb is invalid without service_id");
    assertThatThrownBy(() -> OpsgenieSettings.fromDeclarative(yaml("heartbeat_name: 'a-{env}'\n")))
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("{env} has no value");
    OpsgenieSettings s =
        OpsgenieSettings.fromDeclarative(
            yaml("heartbeat_name: '{service_id}-hb'\nservice_id: pay\nheartbeat_interval: 30s\n"));
    assertThat(s.heartbeatName).isEqualTo("pay-hb");
    assertThat(s.heartbeatInterval).isEqualTo(Duration.ofSeconds(30));
  }

  private static DeclarativeConfigProperties yaml(String text) {
    return DeclarativeConfiguration.toConfigProperties(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
