/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.startup.AgentVersionCheck;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/** The GitHub Actions workflow is valid YAML and runs the repository's own CI scripts. */
class CiWorkflowTest {

  private static final Path WORKFLOW = Path.of(".github", "workflows", "ci.yml");

  @Test
  void workflowRunsCiRunOnJdk17() throws IOException {
    Map<String, Object> build = job("build");

    assertThat(runs(build)).contains("bash .ci/run");
    assertThat(javaVersions(build)).isEqualTo("17");
  }

  @Test
  void workflowRunsTheEndToEndTestsWithTheServicesOnJdk25() throws IOException {
    Map<String, Object> job = job("services-on-jdk25");

    assertThat(javaVersions(job)).contains("25").contains("17");
    assertThat(runs(job))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn -B verify")
                    .contains("-Dit.service.java=\"$JAVA_HOME_25_X64/bin/java\""));
  }

  @Test
  void workflowRunsTheEndToEndTestsUnderTheOldestSupportedAgent() throws IOException {
    assertThat(runs(job("oldest-agent")))
        .anySatisfy(
            run ->
                assertThat(run)
                    .contains("mvn -B verify")
                    .contains("-Dit.agent.version=" + AgentVersionCheck.OLDEST_SUPPORTED));
    String pom = Files.readString(Path.of("pom.xml"));
    String readme = Files.readString(Path.of("README.md"));
    java.util.regex.Matcher latest =
        java.util.regex.Pattern.compile("<otel.agent.version>([^<]+)<").matcher(pom);
    assertThat(latest.find()).isTrue();
    assertThat(readme)
        .as("README names the supported range and both tested agents")
        .contains("## Agent versions")
        .contains(AgentVersionCheck.OLDEST_SUPPORTED)
        .contains(latest.group(1));
  }

  @Test
  void workflowChecksReproducibleBuilds() throws IOException {
    assertThat(runs(job("reproducible"))).contains("bash .ci/reproducible");
  }

  @Test
  void ciRunIsExactlyTheReadmeCommand() throws IOException {
    List<String> commands =
        Files.readAllLines(Path.of(".ci", "run")).stream()
            .filter(
                l ->
                    !l.isBlank()
                        && !l.startsWith("#")
                        && !l.startsWith("set ")
                        && !l.startsWith("cd "))
            .toList();
    assertThat(commands).containsExactly("mvn -B verify");
    assertThat(Files.readString(Path.of("README.md"))).contains("mvn -B verify");
  }

  private static Map<String, Object> job(String name) throws IOException {
    Map<String, Object> workflow;
    try (Reader in = Files.newBufferedReader(WORKFLOW)) {
      workflow = map(new Yaml().load(in));
    }
    assertThat(workflow).containsKey("jobs");
    Map<String, Object> jobs = map(workflow.get("jobs"));
    assertThat(jobs).containsKey(name);
    return map(jobs.get(name));
  }

  private static List<String> runs(Map<String, Object> job) {
    List<String> runs = new ArrayList<>();
    for (Object step : (List<?>) job.get("steps")) {
      Object run = map(step).get("run");
      if (run != null) {
        runs.add(run.toString().trim());
      }
    }
    return runs;
  }

  private static String javaVersions(Map<String, Object> job) {
    for (Object step : (List<?>) job.get("steps")) {
      Map<String, Object> s = map(step);
      if (String.valueOf(s.get("uses")).startsWith("actions/setup-java@")) {
        return String.valueOf(map(s.get("with")).get("java-version")).trim();
      }
    }
    throw new AssertionError("no actions/setup-java step");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }
}
