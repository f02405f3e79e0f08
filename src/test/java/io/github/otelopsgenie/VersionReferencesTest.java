/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The version is written in one place, pom.xml. What the documents, the configuration files and the
 * examples say agrees with it: what is built from a checkout ({@code target/...} paths, the
 * Dockerfile's build argument, the examples' dependency) names the pom's version; what a user takes
 * from a release (the downloaded jar, the Maven dependency, the image on the GitHub container
 * registry) names the release version, the pom's without {@code -SNAPSHOT}.
 */
class VersionReferencesTest {

  private static final String V = "(\\d+\\.\\d+\\.\\d+(?:-SNAPSHOT)?)";

  static String pomVersion() throws IOException {
    Matcher m =
        Pattern.compile("<artifactId>otel-opsgenie</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(m.find()).as("the project version in pom.xml").isTrue();
    return m.group(1);
  }

  static String releaseVersion() throws IOException {
    return pomVersion().replace("-SNAPSHOT", "");
  }

  /** Every text a user or a contributor reads a version in, but the changelog (its history). */
  private static List<Path> files() throws IOException {
    List<Path> files = new ArrayList<>();
    files.add(Path.of("README.md"));
    files.add(Path.of("CONTRIBUTING.md"));
    files.add(Path.of("examples", "README.md"));
    for (Path dir : List.of(Path.of("docs"), Path.of("otel-config"))) {
      try (Stream<Path> walk = Files.walk(dir)) {
        walk.filter(Files::isRegularFile).sorted().forEach(files::add);
      }
    }
    try (Stream<Path> examples = Files.list(Path.of("examples"))) {
      examples
          .map(d -> d.resolve("pom.xml"))
          .filter(Files::isRegularFile)
          .sorted()
          .forEach(files::add);
    }
    return files;
  }

  @Test
  void everyVersionReferenceAgreesWithThePom() throws IOException {
    String pom = pomVersion();
    String release = releaseVersion();
    Map<Pattern, Supplier<String>> rules = new LinkedHashMap<>();
    // built from this checkout
    rules.put(Pattern.compile("target/otel-opsgenie-" + V + "-"), () -> pom);
    rules.put(Pattern.compile("VERSION=" + V), () -> pom);
    rules.put(Pattern.compile("<otel-opsgenie.version>" + V + "<"), () -> pom);
    // taken from a release
    rules.put(
        Pattern.compile("(?<!target/)\\botel-opsgenie-" + V + "-(?:extension|api)"), () -> release);
    rules.put(Pattern.compile("otel-opsgenie-extension:" + V), () -> release);
    rules.put(
        Pattern.compile("<artifactId>otel-opsgenie</artifactId>\\s*<version>" + V + "</version>"),
        () -> release);

    // and any snapshot version anywhere (a release commit has none)
    Pattern snapshot = Pattern.compile("\\b(\\d+\\.\\d+\\.\\d+-SNAPSHOT)\\b");
    rules.put(snapshot, () -> pom);

    List<String> wrong = new ArrayList<>();
    Map<Pattern, Integer> seen = new LinkedHashMap<>();
    for (Path file : files()) {
      String text = Files.readString(file);
      for (Map.Entry<Pattern, Supplier<String>> rule : rules.entrySet()) {
        Matcher m = rule.getKey().matcher(text);
        while (m.find()) {
          String found = m.group(1);
          String expected = rule.getValue().get();
          seen.merge(rule.getKey(), 1, Integer::sum);
          if (!found.equals(expected)) {
            int line = text.substring(0, m.start()).split("\n", -1).length;
            wrong.add(file + ":" + line + ": " + m.group() + " (expected " + expected + ")");
          }
        }
      }
    }
    assertThat(wrong).as("version references that disagree with pom.xml's " + pom).isEmpty();
    rules.remove(snapshot);
    assertThat(seen.keySet())
        .as("every kind of reference is checked somewhere")
        .containsAll(rules.keySet());
  }

  @Test
  void readmeSaysWhereAReleaseIsDownloadedFrom() throws IOException {
    Matcher url =
        Pattern.compile("<url>(https://github\\.com/[^<]+)</url>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(url.find()).isTrue();
    assertThat(Files.readString(Path.of("README.md")))
        .contains(url.group(1) + "/releases")
        .contains("otel-opsgenie-" + releaseVersion() + "-extension.jar");
  }

  @Test
  void theOperatorInstrumentationUsesTheReleasedImage() throws IOException {
    Matcher owner =
        Pattern.compile("<url>https://github\\.com/([^/<]+)/[^<]+</url>")
            .matcher(Files.readString(Path.of("pom.xml")));
    assertThat(owner.find()).isTrue();
    assertThat(Files.readString(Path.of("otel-config", "kubernetes", "instrumentation.yaml")))
        .contains(
            "image: ghcr.io/"
                + owner.group(1).toLowerCase(java.util.Locale.ROOT)
                + "/otel-opsgenie-extension:"
                + releaseVersion());
  }
}
