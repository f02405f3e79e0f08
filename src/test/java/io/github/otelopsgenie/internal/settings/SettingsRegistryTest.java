/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.LogCapture;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The registry itself, and each reader held to it. */
class SettingsRegistryTest {

  static List<Setting<?>> settings() {
    return SettingsRegistry.all();
  }

  @Test
  void keysAreUniqueInEveryForm() {
    Set<String> flat = new HashSet<>();
    Set<String> yaml = new HashSet<>();
    Set<String> env = new HashSet<>();
    for (Setting<?> s : SettingsRegistry.all()) {
      assertThat(flat.add(s.property())).as(s.property()).isTrue();
      assertThat(yaml.add(s.yamlKey())).as(s.yamlKey()).isTrue();
      assertThat(env.add(s.environmentVariable())).as(s.environmentVariable()).isTrue();
      assertThat(s.doc()).as(s + " documentation").isNotBlank();
      assertThat(s.defaultDoc()).as(s + " default").isNotBlank();
    }
    assertThat(SettingsRegistry.find("alert.status.codes"))
        .isSameAs(RequestRuleSettings.ALERT_STATUS_CODES);
  }

  /** Each documented example is accepted as a flat value (checks of pairs of settings aside). */
  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void flatExampleIsAccepted(Setting<?> setting) {
    List<String> problems =
        problemsOf(
            SettingsSource.of(
                DefaultConfigProperties.createFromMap(
                    java.util.Collections.singletonMap(setting.property(), setting.example()))));
    assertThat(problems)
        .as(setting + "=" + setting.example())
        .allSatisfy(p -> assertThat(p).contains("invalid without"));
  }

  /**
   * Each key, written in YAML with its documented type, is read without the SDK logging a type
   * warning and gives the value its flat example gives.
   */
  @ParameterizedTest(name = "{0}")
  @MethodSource("settings")
  void yamlValueOfTheDocumentedTypeLogsNoTypeWarning(Setting<?> setting) {
    String yaml = setting.yamlKey() + ": " + SettingsDocs.yamlExample(setting) + "\n";
    LogCapture sdkLogs = LogCapture.ofNames("io.opentelemetry");
    List<String> problems;
    try {
      problems = problemsOf(SettingsSource.of(yaml(yaml)));
    } finally {
      sdkLogs.close();
    }
    assertThat(sdkLogs.records).as("SDK log lines for " + yaml).isEmpty();
    assertThat(problems).as(yaml).allSatisfy(p -> assertThat(p).contains("invalid without"));
    String flat =
        String.join(
            ",",
            SettingsSource.of(
                    DefaultConfigProperties.createFromMap(
                        java.util.Collections.singletonMap(setting.property(), setting.example())))
                .list(setting.key()));
    String fromYaml =
        setting.yamlType() == Setting.YamlType.STRING_MAP
                || setting.yamlType() == Setting.YamlType.NUMBER_MAP
            ? mapText(SettingsSource.of(yaml(yaml)).map(setting.key()))
            : String.join(",", SettingsSource.of(yaml(yaml)).list(setting.key()));
    assertThat(fromYaml).as(yaml).isEqualTo(flat);
  }

  private static String mapText(Map<String, String> map) {
    List<String> pairs = new ArrayList<>();
    map.forEach((k, v) -> pairs.add(k + "=" + v));
    return String.join(",", pairs);
  }

  private static List<String> problemsOf(SettingsSource source) {
    try {
      OpsgenieSettings.parse(source, TestSettings.RESOURCE);
      return java.util.Collections.emptyList();
    } catch (InvalidSettingsException e) {
      return e.problems();
    }
  }

  private static DeclarativeConfigProperties yaml(String text) {
    return DeclarativeConfiguration.toConfigProperties(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
