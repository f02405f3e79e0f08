/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * The CycloneDX SBOM beside the extension jar lists exactly the libraries the jar bundles, at the
 * versions bundled, and none of the OpenTelemetry artifacts the agent or application provides.
 */
class SbomIT {

  @Test
  void sbomListsWhatTheExtensionJarBundles() throws IOException {
    assertThat(sbomComponents()).isEqualTo(bundledLibraries());
  }

  @Test
  void sbomDescribesTheExtensionAndLeavesTheProvidedSdkOut() throws IOException {
    JsonNode sbom = new ObjectMapper().readTree(sbom().toFile());

    assertThat(sbom.path("bomFormat").asText()).isEqualTo("CycloneDX");
    assertThat(sbom.path("metadata").path("component").path("purl").asText())
        .startsWith("pkg:maven/io.github.otelopsgenie/otel-opsgenie@");
    assertThat(sbomComponents()).noneMatch(c -> c.startsWith("io.opentelemetry:"));
  }

  private static Path sbom() {
    String jar = E2e.extensionJar().toString();
    Path sbom = Path.of(jar.substring(0, jar.length() - ".jar".length()) + ".cdx.json");
    assertThat(sbom).as("the SBOM written at package").isRegularFile();
    return sbom;
  }

  /** group:artifact:version of every component in the SBOM. */
  private static Set<String> sbomComponents() throws IOException {
    Set<String> components = new TreeSet<>();
    for (JsonNode c : new ObjectMapper().readTree(sbom().toFile()).path("components")) {
      components.add(
          c.path("group").asText()
              + ":"
              + c.path("name").asText()
              + ":"
              + c.path("version").asText());
    }
    return components;
  }

  /**
   * group:artifact:version of every library in the jar: those that carry their Maven coordinates
   * (META-INF/maven), and semconv, recognised by its relocated package and given the version the
   * build used.
   */
  private static Set<String> bundledLibraries() throws IOException {
    Set<String> libraries = new TreeSet<>();
    boolean semconv = false;
    try (JarFile jar = new JarFile(E2e.extensionJar().toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        String name = e.getName();
        if (name.startsWith("META-INF/maven/") && name.endsWith("/pom.properties")) {
          Properties p = new Properties();
          try (InputStream in = jar.getInputStream(e)) {
            p.load(in);
          }
          if (!"io.github.otelopsgenie".equals(p.getProperty("groupId"))) {
            libraries.add(
                p.getProperty("groupId")
                    + ":"
                    + p.getProperty("artifactId")
                    + ":"
                    + p.getProperty("version"));
          }
        }
        semconv |= name.startsWith("io/github/otelopsgenie/shaded/semconv/");
      }
    }
    if (semconv) {
      libraries.add("io.opentelemetry.semconv:opentelemetry-semconv:" + semconvVersion());
    }
    return libraries;
  }

  private static String semconvVersion() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    int start = pom.indexOf("<semconv.version>") + "<semconv.version>".length();
    return pom.substring(start, pom.indexOf("</semconv.version>", start));
  }
}
