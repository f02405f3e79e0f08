/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.settings.SettingsRegistry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.logging.Level;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenTelemetry Operator files in otel-config/kubernetes: the Instrumentation names only real
 * settings, takes the API key from the Secret beside it, and loads the extension from the directory
 * the Dockerfile fills.
 */
class KubernetesFilesTest {

  private static final Path DIR = Path.of("otel-config", "kubernetes");
  private static final String ENV_PREFIX = "OTEL_OPSGENIE_";

  /** The flat keys of every otel-opsgenie setting, without the {@code otel.opsgenie.} prefix. */
  private static Set<String> knownSettings() {
    return SettingsRegistry.keys();
  }

  @Test
  void instrumentationNamesOnlyKnownSettings() throws IOException {
    List<String> names = opsgenieVariables();

    assertThat(names).isNotEmpty().contains("OTEL_OPSGENIE_TOKEN");
    assertThat(names)
        .allSatisfy(
            name -> assertThat(knownSettings()).as("the setting of %s", name).contains(flat(name)));
    assertThat(names).doesNotHaveDuplicates();
  }

  @Test
  void settingsOfTheInstrumentationAreAcceptedAtStartup() throws IOException {
    Map<String, String> props = new HashMap<>();
    for (Map<String, Object> e : env(load("instrumentation.yaml"))) {
      String name = (String) e.get("name");
      if (name.startsWith(ENV_PREFIX)) {
        Object value = e.containsKey("value") ? e.get("value") : "key-from-the-secret";
        props.put("otel.opsgenie." + flat(name), String.valueOf(value));
      }
    }
    assertThat(URI.create(props.get("otel.opsgenie.api.base")).getScheme()).isEqualTo("https");
    // nothing leaves the machine: no span is made, and a rejection's alert would go to loopback
    props.put("otel.opsgenie.api.base", "http://127.0.0.1:9");
    // and no key check: it would only warn that loopback port 9 does not answer
    props.put("otel.opsgenie.startup.check", "false");
    props.put("otel.service.name", "checkout");
    props.put("otel.traces.exporter", "none");
    props.put("otel.metrics.exporter", "none");
    props.put("otel.logs.exporter", "none");

    try (LogCapture logs = LogCapture.ofNames("io.github.otelopsgenie");
        OpenTelemetrySdk sdk =
            AutoConfiguredOpenTelemetrySdk.builder()
                .addPropertiesSupplier(() -> props)
                .disableShutdownHook()
                .build()
                .getOpenTelemetrySdk()) {
      assertThat(logs.at(Level.SEVERE)).isEmpty();
      // the heartbeat pings at once, from its own thread: at most its one warning that loopback
      // port 9 does not answer
      assertThat(logs.at(Level.WARNING))
          .allMatch(
              l ->
                  l.startsWith("otel-opsgenie heartbeat \"checkout-heartbeat\": a ping failed")
                      && l.contains("ConnectException"));
      assertThat(logs.at(Level.INFO))
          .anyMatch(l -> l.startsWith("otel-opsgenie alerting is on for service checkout"))
          .anyMatch(l -> l.endsWith(", pinging heartbeat checkout-heartbeat every 60s"));
    }
  }

  @Test
  void envFormOfAKeyMapsBackToTheKey() {
    assertThat(flat("OTEL_OPSGENIE_ALERT_STATUS_CLASSES")).isEqualTo("alert.status.classes");
    assertThat(knownSettings()).doesNotContain(flat("OTEL_OPSGENIE_ALERT_STATUS_CLASS"));
  }

  @Test
  void instrumentationIsAnOperatorInstrumentationWithOurExtension() throws IOException {
    Map<String, Object> instrumentation = load("instrumentation.yaml");

    assertThat(instrumentation)
        .containsEntry("apiVersion", "opentelemetry.io/v1alpha1")
        .containsEntry("kind", "Instrumentation");
    List<Map<String, Object>> extensions = list(java(instrumentation).get("extensions"));
    assertThat(extensions).hasSize(1);
    assertThat(extensions.get(0)).containsKeys("image", "dir");
    assertThat(extensions.get(0).get("dir")).isEqualTo(dockerfileExtensionDir());
  }

  @Test
  void tokenComesFromTheSecretBesideIt() throws IOException {
    Map<String, Object> token =
        env(load("instrumentation.yaml")).stream()
            .filter(e -> "OTEL_OPSGENIE_TOKEN".equals(e.get("name")))
            .findFirst()
            .orElseThrow();
    assertThat(token).doesNotContainKey("value");
    Map<String, Object> ref = map(map(token.get("valueFrom")).get("secretKeyRef"));

    Map<String, Object> secret = load("secret.yaml");
    assertThat(secret).containsEntry("kind", "Secret");
    assertThat(map(secret.get("metadata"))).containsEntry("name", ref.get("name"));
    assertThat(map(secret.get("stringData"))).containsOnlyKeys((String) ref.get("key"));
    assertThat(map(secret.get("stringData")).get(ref.get("key")))
        .asString()
        .startsWith("REPLACE-WITH-");
  }

  @Test
  void noOtherVariableCarriesALiteralSecret() throws IOException {
    for (Map<String, Object> e : env(load("instrumentation.yaml"))) {
      String name = (String) e.get("name");
      if (name.contains("TOKEN") || (name.contains("KEY") && !name.endsWith("_KEYS"))) {
        assertThat(e).as(name).doesNotContainKey("value");
      }
    }
  }

  private static String flat(String envName) {
    assertThat(envName).startsWith(ENV_PREFIX);
    return envName.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT).replace('_', '.');
  }

  private static List<String> opsgenieVariables() throws IOException {
    return env(load("instrumentation.yaml")).stream()
        .map(e -> (String) e.get("name"))
        .filter(name -> name.startsWith(ENV_PREFIX))
        .collect(Collectors.toList());
  }

  /** The agent's variables: spec.java.env and spec.env. */
  private static List<Map<String, Object>> env(Map<String, Object> instrumentation) {
    List<Map<String, Object>> env = new ArrayList<>(list(java(instrumentation).get("env")));
    env.addAll(list(map(instrumentation.get("spec")).get("env")));
    return env;
  }

  private static Map<String, Object> java(Map<String, Object> instrumentation) {
    return map(map(instrumentation.get("spec")).get("java"));
  }

  /** Where the Dockerfile copies the extension jar. */
  private static String dockerfileExtensionDir() throws IOException {
    String dockerfile = Files.readString(DIR.resolve("Dockerfile"));
    Matcher copy =
        Pattern.compile("(?m)^COPY\\s+\\S+-extension\\.jar\\s+(/\\S+)/[^/\\s]+\\.jar\\s*$")
            .matcher(dockerfile);
    assertThat(copy.find()).as("a COPY of the -extension.jar in the Dockerfile").isTrue();
    return copy.group(1);
  }

  private static Map<String, Object> load(String file) throws IOException {
    try (Reader in = Files.newBufferedReader(DIR.resolve(file))) {
      return map(new Yaml().load(in));
    }
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object value) {
    assertThat(value).isInstanceOf(Map.class);
    return (Map<String, Object>) value;
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> list(Object value) {
    if (value == null) {
      return List.of();
    }
    assertThat(value).isInstanceOf(List.class);
    return (List<Map<String, Object>>) value;
  }
}
