/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The release workflow (.github/workflows/release.yml) publishes exactly the files the build makes:
 * every name it gives, with this build's version, is a file in target/, and every published
 * artifact in target/ (the jars with a classifier and the SBOM) is in the release.
 */
class ReleaseFilesIT {

  private static final Pattern RELEASED = Pattern.compile("otel-opsgenie-\\$\\{VERSION}([\\w.-]+)");

  @Test
  void theReleaseNamesEveryFileTheBuildPublishesAndNothingElse() throws IOException {
    Path target = E2e.extensionJar().getParent();
    String name = E2e.extensionJar().getFileName().toString();
    String version =
        name.substring("otel-opsgenie-".length(), name.length() - "-extension.jar".length());

    Set<String> named = new TreeSet<>();
    Matcher m = RELEASED.matcher(Files.readString(Path.of(".github", "workflows", "release.yml")));
    while (m.find()) {
      if (!m.group(1).endsWith(".sha256")) { // made by the workflow itself
        named.add("otel-opsgenie-" + version + m.group(1));
      }
    }
    Set<String> built = new TreeSet<>();
    try (Stream<Path> files = Files.list(target)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(f -> f.startsWith("otel-opsgenie-" + version + "-"))
          .filter(f -> f.endsWith(".jar") || f.endsWith(".cdx.json"))
          .forEach(built::add);
    }
    assertThat(built)
        .contains(
            "otel-opsgenie-" + version + "-extension.jar",
            "otel-opsgenie-" + version + "-api.jar",
            "otel-opsgenie-" + version + "-sources.jar",
            "otel-opsgenie-" + version + "-javadoc.jar",
            "otel-opsgenie-" + version + "-extension.cdx.json");
    assertThat(named).as("the files release.yml publishes, against target/").isEqualTo(built);
  }
}
