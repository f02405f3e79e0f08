/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.settings.SettingsRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * README's flask-opsgenie migration table names every setting: each is either the counterpart of a
 * flask-opsgenie key or listed as new, so a user coming from flask sees all of them.
 */
class MigrationTableTest {

  @Test
  void everySettingIsInTheMigrationTable() throws IOException {
    String readme = Files.readString(Path.of("README.md"));
    int start = readme.indexOf("## Migrating from flask-opsgenie");
    int end = readme.indexOf("\n## ", start + 1);
    assertThat(start).as("README's migration section").isPositive();
    String table = readme.substring(start, end);

    List<String> missing = new ArrayList<>();
    for (String key : SettingsRegistry.keys()) {
      String group = key.substring(0, key.indexOf('.') + 1) + "*";
      if (!table.contains("`" + key + "`")
          && !table.contains("`otel.opsgenie." + key + "`")
          && !table.contains("`otel.opsgenie." + key + "=")
          && !table.contains("`" + group + "`")) {
        missing.add(key);
      }
    }
    assertThat(missing).as("settings the migration table does not name").isEmpty();
  }
}
