/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static io.github.otelopsgenie.it.E2e.onlyAlertOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The same -extension.jar on the plain class path of an application that uses the SDK autoconfigure
 * module, no agent: the plain example makes its own SERVER spans through opentelemetry-api, and
 * {@code GlobalOpenTelemetry} autoconfigures the SDK, which finds our customizer by SPI.
 */
@Timeout(300)
class SdkAutoconfigureIT {

  private static final String KEY = "it-sdk-key";
  private static final String SERVICE = "sdk-service";

  /** The SDK and autoconfigure jars of the test class path; the example brings the API itself. */
  private static final Pattern SDK_JAR =
      Pattern.compile(
          "opentelemetry-sdk(-common|-trace|-metrics|-logs|-extension-autoconfigure(-spi)?)?-[0-9][^/]*\\.jar");

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_SERVICE_NAME", SERVICE);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    service =
        ServiceProcess.builder(SERVICE)
            .java(E2e.serviceJava())
            .systemProperty("otel.java.global-autoconfigure.enabled", "true")
            .systemProperty("example.manual.spans", "true")
            .systemProperty("otel.traces.exporter", "none")
            .systemProperty("otel.metrics.exporter", "none")
            .systemProperty("otel.logs.exporter", "none")
            .env(env)
            .classpath(classpath(), "com.example.opsgenie.plain.PlainHttpServerApp")
            .arg("--port=0")
            .logFile(E2e.logFile(SERVICE))
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.checkContractAndStop(standIn, service);
  }

  static String classpath() throws IOException {
    List<String> entries = new ArrayList<>();
    entries.add(E2e.plainJar().toString());
    try (Stream<Path> lib = Files.list(E2e.plainLibDir())) {
      lib.map(Path::toString).sorted().forEach(entries::add);
    }
    entries.add(E2e.extensionJar().toString());
    String testClasspath =
        System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    for (String entry : testClasspath.split(File.pathSeparator)) {
      if (SDK_JAR.matcher(Path.of(entry).getFileName().toString()).matches()) {
        entries.add(entry);
      }
    }
    assertThat(entries).anyMatch(e -> e.contains("opentelemetry-sdk-extension-autoconfigure-"));
    return String.join(File.pathSeparator, entries);
  }

  @Test
  void customizerIsFoundOnTheClassPath() {
    assertThat(
            service.lines(l -> l.contains("otel-opsgenie alerting is on for service " + SERVICE)))
        .hasSize(1);
    assertThat(service.lines(l -> l.contains("javaagent"))).isEmpty();
  }

  @Test
  void fiveHundredRaisesStatusAlert() throws Exception {
    Trace trace = Trace.fresh();
    assertThat(get(service.baseUrl(), "/status/500", trace).status()).isEqualTo(500);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("status");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-response-status-alert");
    assertThat(alert.details())
        .containsEntry("route", "/status/")
        .containsEntry("status_code", "500");
  }

  @Test
  void unsampledRequestStillAlerts() throws Exception {
    Trace trace = Trace.unsampled();
    get(service.baseUrl(), "/status/500", trace);

    assertThat(onlyAlertOf(standIn, trace).type()).isEqualTo("status");
  }

  @Test
  void helperMarkedExceptionRaisesHandledExceptionAlert() throws Exception {
    Trace trace = Trace.fresh();
    assertThat(get(service.baseUrl(), "/handled-helper", trace).status()).isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("handled_exception");
    assertThat(alert.alias())
        .isEqualTo(SERVICE + "-chargeCard-PaymentDeclinedException-exception-alert");
    assertThat(alert.priority()).isEqualTo("P2");
  }
}
