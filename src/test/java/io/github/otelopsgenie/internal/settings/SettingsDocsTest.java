/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

/**
 * The configuration tables of README.md and docs/configuration.md are the registry's, row for row.
 * After changing a setting, run {@code mvn test -Dtest=SettingsDocsTest
 * -Dotel.opsgenie.docs.update=true} to rewrite both tables.
 */
class SettingsDocsTest {

  static final String BEGIN =
      "<!-- settings table: generated from SettingsRegistry by SettingsDocsTest -->\n";
  static final String END = "<!-- end of settings table -->\n";
  static final String POLICY_BEGIN =
      "<!-- policy settings table: generated from PolicySettings by SettingsDocsTest -->\n";
  static final String POLICY_END = "<!-- end of policy settings table -->\n";

  @Test
  void readmeTableIsTheRegistrys() throws IOException {
    check(Paths.get("README.md"), SettingsDocs.readmeTable());
  }

  @Test
  void configurationReferenceTableIsTheRegistrys() throws IOException {
    check(Paths.get("docs", "configuration.md"), SettingsDocs.yamlTable());
  }

  @Test
  void readmePolicyTableIsPolicySettings() throws IOException {
    check(Paths.get("README.md"), SettingsDocs.policyTable(), POLICY_BEGIN, POLICY_END);
  }

  @Test
  void configurationReferencePolicyTableIsPolicySettings() throws IOException {
    check(
        Paths.get("docs", "configuration.md"),
        SettingsDocs.policyTable(),
        POLICY_BEGIN,
        POLICY_END);
  }

  private static void check(Path file, String table) throws IOException {
    check(file, table, BEGIN, END);
  }

  private static void check(Path file, String table, String beginMarker, String endMarker)
      throws IOException {
    String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
    int begin = text.indexOf(beginMarker);
    int end = text.indexOf(endMarker);
    assertThat(begin).as(file + " has the marker " + beginMarker.trim()).isGreaterThanOrEqualTo(0);
    assertThat(end).as(file + " has the marker " + endMarker.trim()).isGreaterThan(begin);
    String expected = text.substring(0, begin + beginMarker.length()) + table + text.substring(end);
    if (Boolean.getBoolean("otel.opsgenie.docs.update")) {
      Files.write(file, expected.getBytes(StandardCharsets.UTF_8));
      text = expected;
    }
    assertThat(text)
        .as(
            file
                + " disagrees with SettingsRegistry: run mvn test -Dtest=SettingsDocsTest"
                + " -Dotel.opsgenie.docs.update=true")
        .isEqualTo(expected);
  }
}
