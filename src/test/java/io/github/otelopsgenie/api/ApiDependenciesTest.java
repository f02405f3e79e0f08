/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The helper is what application code calls, next to only {@code opentelemetry-api}: it must not
 * reach the SDK, the extension's own classes or any bundled library.
 */
class ApiDependenciesTest {

  private static final Path API_CLASSES =
      Paths.get("target", "classes", "io", "github", "otelopsgenie", "api");
  private static final Pattern REFERENCE =
      Pattern.compile("L?((?:io|com|org|net)/[A-Za-z0-9_/$]+)");

  @Test
  void helperClassesReferenceOnlyTheApiTheContextAndTheJdk() throws IOException {
    Set<String> references = new TreeSet<>();
    List<Path> classes;
    try (Stream<Path> files = Files.list(API_CLASSES)) {
      classes = files.filter(p -> p.toString().endsWith(".class")).collect(Collectors.toList());
    }
    assertThat(classes).isNotEmpty();
    for (Path file : classes) {
      Matcher m =
          REFERENCE.matcher(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
      while (m.find()) {
        references.add(m.group(1));
      }
    }
    assertThat(references)
        .isNotEmpty()
        .allSatisfy(
            ref ->
                assertThat(ref)
                    .matches("io/opentelemetry/(api|context)/.*|io/github/otelopsgenie/api/.*"));
  }

  @Test
  void helperRunsWithOnlyTheApiOnTheClassPath() throws Exception {
    URL[] urls = {
      Paths.get("target", "classes").toUri().toURL(),
      Span.class.getProtectionDomain().getCodeSource().getLocation(),
      Context.class.getProtectionDomain().getCodeSource().getLocation(),
      io.opentelemetry.common.ComponentLoader.class
          .getProtectionDomain()
          .getCodeSource()
          .getLocation(),
    };
    try (URLClassLoader loader = new URLClassLoader(urls, ClassLoader.getPlatformClassLoader())) {
      Class<?> alerts = loader.loadClass("io.github.otelopsgenie.api.OpsgenieAlerts");
      Method raise =
          alerts.getMethod(
              "raiseExceptionAlert",
              Throwable.class,
              String.class,
              java.util.Map.class,
              String.class);
      raise.invoke(null, new IllegalStateException("x"), "f", Collections.emptyMap(), "P2");
      Method watch = alerts.getMethod("watch", String.class, Runnable.class);
      Runnable watched = (Runnable) watch.invoke(null, "f", (Runnable) () -> {});
      watched.run();
      assertThat(
              loader
                  .loadClass("io.github.otelopsgenie.api.OpsgenieAttributes")
                  .getField("HANDLED")
                  .get(null))
          .isEqualTo("otel.opsgenie.handled");
    }
  }
}
