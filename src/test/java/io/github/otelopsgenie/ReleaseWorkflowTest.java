/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The release workflow runs on v* tags, checks the tag against the pom's version, builds with the
 * repository's own CI scripts (every test, then the reproducible build) and publishes the files and
 * the Operator's extension image under that version. That the files it names are the ones the build
 * makes is checked by {@code ReleaseFilesIT}, after {@code package}.
 */
class ReleaseWorkflowTest {

  static final Path WORKFLOW = Path.of(".github", "workflows", "release.yml");

  @Test
  void runsOnVersionTagsOnly() throws IOException {
    Map<String, Object> on = map(workflow().get(yamlOn()));
    assertThat(on).containsOnlyKeys("push");
    assertThat(map(on.get("push"))).containsOnlyKeys("tags");
    assertThat(String.valueOf(map(on.get("push")).get("tags"))).isEqualTo("[v*]");
  }

  @Test
  void checksTheTagThenTestsThenBuildsReproduciblyThenPublishes() throws IOException {
    List<String> runs = runs();
    int tag = indexOf(runs, "GITHUB_REF_NAME#v");
    int test = indexOf(runs, "bash .ci/run");
    int reproducible = indexOf(runs, "bash .ci/reproducible");
    int checksums = indexOf(runs, "sha256sum");
    int release = indexOf(runs, "gh release create");
    int image = indexOf(runs, "docker push");
    assertThat(List.of(tag, test, reproducible, checksums, release, image)).isSorted();
    assertThat(runs.get(tag)).contains("help:evaluate -Dexpression=project.version", "exit 1");
    assertThat(runs.get(release)).contains("--verify-tag");
  }

  @Test
  void pushesTheOperatorImageOfTheRepositoryDockerfileUnderTheVersion() throws IOException {
    String run = runs().get(indexOf(runs(), "docker push"));
    assertThat(run)
        .contains("-f otel-config/kubernetes/Dockerfile")
        .contains("--build-arg VERSION=\"$VERSION\"")
        .contains("ghcr.io/${GITHUB_REPOSITORY_OWNER,,}/otel-opsgenie-extension:${VERSION}");
    assertThat(Files.readString(Path.of("otel-config", "kubernetes", "Dockerfile")))
        .contains("ARG VERSION")
        .contains("target/otel-opsgenie-${VERSION}-extension.jar");
    assertThat(map(workflow().get("permissions")))
        .containsEntry("contents", "write")
        .containsEntry("packages", "write");
  }

  @Test
  void releaseNotesComeFromTheChangelogSectionOfTheVersion() throws IOException {
    assertThat(runs().get(indexOf(runs(), "CHANGELOG.md"))).contains("## \" v");
    String changelog = Files.readString(Path.of("CHANGELOG.md"));
    String version = VersionReferencesTest.pomVersion();
    if (version.endsWith("-SNAPSHOT")) {
      // between releases the entries collect under Unreleased
      assertThat(changelog).containsPattern("(?m)^## Unreleased$");
    } else {
      // a release commit: the section the release notes are made of
      assertThat(changelog).containsPattern("(?m)^## " + version.replace(".", "\\.") + "$");
    }
  }

  /** SnakeYAML (YAML 1.1) reads the key {@code on} as the boolean true. */
  private static Object yamlOn() throws IOException {
    return workflow().containsKey("on") ? "on" : Boolean.TRUE;
  }

  private static int indexOf(List<String> runs, String text) {
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).contains(text)) {
        return i;
      }
    }
    throw new AssertionError("no step of " + WORKFLOW + " runs " + text);
  }

  static Map<String, Object> workflow() throws IOException {
    try (Reader in = Files.newBufferedReader(WORKFLOW)) {
      return map(new Yaml().load(in));
    }
  }

  static List<String> runs() throws IOException {
    Map<String, Object> jobs = map(workflow().get("jobs"));
    assertThat(jobs).containsOnlyKeys("release");
    List<String> runs = new ArrayList<>();
    for (Object step : (List<?>) map(jobs.get("release")).get("steps")) {
      Object run = map(step).get("run");
      if (run != null) {
        runs.add(run.toString());
      }
    }
    return runs;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
