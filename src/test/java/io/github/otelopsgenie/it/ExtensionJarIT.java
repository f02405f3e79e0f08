/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;

/**
 * What the packaged jars contain. The agent loads extensions parent-first, so any bundled class
 * outside our own package would be shadowed by the agent's copy: everything bundled is relocated
 * under io.github.otelopsgenie.shaded, and the OpenTelemetry API/SDK are left to the agent.
 */
class ExtensionJarIT {

  @Test
  void extensionJarHoldsOnlyOurPackageWithSemconvRelocatedAndNoJsonLibrary() throws IOException {
    List<String> classes = classes(E2e.extensionJar());
    assertThat(classes)
        .isNotEmpty()
        .allMatch(c -> c.startsWith("io/github/otelopsgenie/"), "in io/github/otelopsgenie/");
    assertThat(classes)
        .contains("io/github/otelopsgenie/shaded/semconv/HttpAttributes.class")
        .contains("io/github/otelopsgenie/internal/delivery/json/JsonWriter.class")
        .noneMatch(c -> c.contains("jackson") || c.startsWith("com/fasterxml/"))
        .noneMatch(c -> c.startsWith("io/opentelemetry/"));
  }

  @Test
  void extensionJarRegistersBothProvidersAndOnlyRelocatedServiceFiles() throws IOException {
    try (JarFile jar = new JarFile(E2e.extensionJar().toFile())) {
      assertThat(
              text(
                  jar,
                  "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider"))
          .contains("io.github.otelopsgenie.OpsgenieCustomizerProvider");
      assertThat(
              text(
                  jar,
                  "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider"))
          .contains("io.github.otelopsgenie.OpsgenieComponentProvider");
      List<String> services = new ArrayList<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        if (e.getName().startsWith("META-INF/services/") && !e.isDirectory()) {
          services.add(e.getName());
        }
      }
      assertThat(services).noneMatch(s -> s.contains("com.fasterxml"));
    }
  }

  @Test
  void bothJarsCarryTheLicense() throws IOException {
    for (Path jarPath : List.of(E2e.extensionJar(), E2e.apiJar())) {
      try (JarFile jar = new JarFile(jarPath.toFile())) {
        assertThat(jar.getEntry("META-INF/LICENSE")).as(jarPath + "!META-INF/LICENSE").isNotNull();
        assertThat(text(jar, "META-INF/LICENSE"))
            .contains("Apache License", "Version 2.0, January 2004");
      }
    }
  }

  @Test
  void noDeadMultiReleaseEntriesAndNoBundledLibraryButSemconv() throws IOException {
    try (JarFile jar = new JarFile(E2e.extensionJar().toFile())) {
      List<String> libraries = new ArrayList<>();
      for (JarEntry e : Collections.list(jar.entries())) {
        assertThat(e.getName())
            .as("a dead entry of a multi-release jar")
            .doesNotStartWith("META-INF/versions/");
        if (e.getName().startsWith("META-INF/maven/")
            && e.getName().endsWith("/pom.properties")
            && !e.getName().startsWith("META-INF/maven/io.github.otelopsgenie/")) {
          libraries.add(e.getName());
        }
      }
      // semconv carries no Maven metadata; any other library would
      assertThat(libraries).as("bundled libraries with Maven metadata").isEmpty();
    }
  }

  @Test
  void extensionAndApiClassesAreJava8Bytecode() throws IOException {
    for (Path jarPath : List.of(E2e.extensionJar(), E2e.apiJar())) {
      try (JarFile jar = new JarFile(jarPath.toFile())) {
        for (JarEntry e : Collections.list(jar.entries())) {
          if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/versions/")) {
            assertThat(majorVersion(jar, e))
                .as(jarPath.getFileName() + "!" + e.getName())
                .isLessThanOrEqualTo(52);
          }
        }
      }
    }
  }

  @Test
  void apiJarHoldsOnlyTheHelperPackage() throws IOException {
    assertThat(classes(E2e.apiJar()))
        .contains("io/github/otelopsgenie/api/OpsgenieAlerts.class")
        .allMatch(
            c -> c.startsWith("io/github/otelopsgenie/api/"), "in io/github/otelopsgenie/api/");
  }

  private static List<String> classes(Path jarPath) throws IOException {
    List<String> out = new ArrayList<>();
    try (JarFile jar = new JarFile(jarPath.toFile())) {
      for (JarEntry e : Collections.list(jar.entries())) {
        if (e.getName().endsWith(".class") && !e.getName().startsWith("META-INF/")) {
          out.add(e.getName());
        }
      }
    }
    return out;
  }

  private static String text(JarFile jar, String name) throws IOException {
    JarEntry entry = jar.getJarEntry(name);
    assertThat(entry).as(name).isNotNull();
    try (InputStream in = jar.getInputStream(entry)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  private static int majorVersion(JarFile jar, JarEntry entry) throws IOException {
    try (DataInputStream in = new DataInputStream(jar.getInputStream(entry))) {
      in.readInt();
      in.readUnsignedShort();
      return in.readUnsignedShort();
    }
  }
}
