/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import java.io.IOException;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What the end-to-end tests share: the paths the build hands over (the agent, our jars, the built
 * examples, the Opsgenie contract), a launcher preset for "example under the agent with our
 * extension", and plain HTTP calls that carry a fresh W3C trace so alerts can be matched to them.
 */
final class E2e {

  static final Duration START_TIMEOUT = Duration.ofSeconds(120);

  /**
   * The tag of end-to-end tests that need an agent newer than the oldest supported one, 2.26.1
   * (README, "Agent versions"): CI's oldest-agent job leaves them out with {@code
   * -Dit.excluded.groups=recent-agent}.
   */
  static final String RECENT_AGENT = "recent-agent";

  static final Duration ALERT_TIMEOUT = Duration.ofSeconds(20);

  /** How long to wait before concluding that no alert is coming. */
  static final Duration QUIET = Duration.ofMillis(1500);

  private static final SecureRandom random = new SecureRandom();
  private static final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private E2e() {}

  /** The last 1.x agent, which the extension does not support (OldAgentIT). */
  static Path oldAgentJar() {
    return file("otel.old.agent.jar", "the OpenTelemetry Java agent 1.x (copied at package)");
  }

  static Path agentJar() {
    return file(
        "otel.agent.jar",
        "the OpenTelemetry Java agent (maven-dependency-plugin copies it at package)");
  }

  static Path extensionJar() {
    return file("opsgenie.extension.jar", "the shaded -extension.jar (mvn package)");
  }

  static Path apiJar() {
    return file("opsgenie.api.jar", "the helper -api.jar (mvn package)");
  }

  /**
   * The java executable that runs the example services: {@code -Dit.service.java} (CI runs the
   * services on another JDK than the build), else the one running the tests.
   */
  static Path serviceJava() {
    String configured = System.getProperty("it.service.java", "");
    Path java =
        configured.isBlank()
            ? Path.of(System.getProperty("java.home"), "bin", "java")
            : Path.of(configured);
    if (!Files.isExecutable(java)) {
      throw new IllegalStateException("it.service.java is not an executable java: " + java);
    }
    return java;
  }

  static Path springJar() {
    return example("spring-boot-service/target/spring-boot-service.jar");
  }

  static Path grpcJar() {
    return example("grpc-service/target/grpc-service.jar");
  }

  static Path starterJar() {
    return example("spring-boot-starter-service/target/spring-boot-starter-service.jar");
  }

  static Path plainJar() {
    return example("plain-httpserver-service/target/plain-httpserver-service.jar");
  }

  static Path plainLibDir() {
    return example("plain-httpserver-service/target/lib");
  }

  static Path otelConfig(String name) {
    Path file = Path.of(property("otel.config.dir")).resolve(name);
    if (!Files.isRegularFile(file)) {
      throw new IllegalStateException("missing " + file);
    }
    return file;
  }

  static Path logFile(String name) {
    return Path.of(property("it.logs.dir")).resolve(name + ".log");
  }

  static OpsgenieStandIn standIn(String key) throws IOException {
    return OpsgenieStandIn.start(key);
  }

  /**
   * An example under the agent with our extension, spans not exported, configured (for
   * otel-opsgenie) by the environment only.
   */
  static ServiceProcess.Builder underAgent(String serviceName, Path jar) {
    return ServiceProcess.builder(serviceName)
        .java(serviceJava())
        .agent(agentJar())
        .extension(extensionJar())
        .env("OTEL_SERVICE_NAME", serviceName)
        .systemProperty("otel.traces.exporter", "none")
        .systemProperty("otel.metrics.exporter", "none")
        .systemProperty("otel.logs.exporter", "none")
        .jar(jar)
        .logFile(logFile(serviceName));
  }

  /** The OTEL_OPSGENIE_* variables that send to the stand-in. */
  static Map<String, String> sendTo(OpsgenieStandIn standIn, String key) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_OPSGENIE_TOKEN", key);
    env.put("OTEL_OPSGENIE_API_BASE", standIn.baseUrl());
    return env;
  }

  /** A W3C trace context for one request. */
  record Trace(String traceId, String spanId, boolean sampled) {
    static Trace fresh() {
      return new Trace(hex(16), hex(8), true);
    }

    static Trace unsampled() {
      return new Trace(hex(16), hex(8), false);
    }

    String traceparent() {
      return "00-" + traceId + "-" + spanId + (sampled ? "-01" : "-00");
    }
  }

  /** The answer to one call; status -1 when the connection failed (as for a handler that threw). */
  record Response(int status, String body, String failure) {}

  static Response get(String baseUrl, String path, Trace trace, Map<String, String> headers)
      throws InterruptedException {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(15)).GET();
    if (trace != null) {
      request.header("traceparent", trace.traceparent());
    }
    headers.forEach(request::header);
    try {
      HttpResponse<String> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), null);
    } catch (IOException e) {
      return new Response(-1, "", e.toString());
    }
  }

  /** A POST without a body (the examples' switches: make a job fail, a dependency fail). */
  static Response post(String baseUrl, String path) throws InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(baseUrl + path))
            .timeout(Duration.ofSeconds(15))
            .POST(HttpRequest.BodyPublishers.noBody())
            .build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return new Response(response.statusCode(), response.body(), null);
    } catch (IOException e) {
      return new Response(-1, "", e.toString());
    }
  }

  /**
   * One GET on a socket of its own, never retried (the JDK HttpClient silently retries a GET once
   * when the server closes the connection without an answer, which would make two requests).
   */
  static Response getOnce(int port, String path, Trace trace) {
    try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
      socket.setSoTimeout(15_000);
      String request =
          "GET "
              + path
              + " HTTP/1.1\r\nHost: 127.0.0.1:"
              + port
              + "\r\n"
              + (trace == null ? "" : "traceparent: " + trace.traceparent() + "\r\n")
              + "Connection: close\r\n\r\n";
      socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
      socket.getOutputStream().flush();
      String answer = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!answer.startsWith("HTTP/1.1 ")) {
        return new Response(-1, answer, "no HTTP answer");
      }
      return new Response(Integer.parseInt(answer.substring(9, 12)), answer, null);
    } catch (IOException e) {
      return new Response(-1, "", e.toString());
    }
  }

  static Response get(String baseUrl, String path, Trace trace) throws InterruptedException {
    return get(baseUrl, path, trace, Map.of());
  }

  /** Waits for the alerts of one trace. */
  static List<ReceivedAlert> alertsOf(OpsgenieStandIn standIn, Trace trace, int count)
      throws InterruptedException {
    return standIn.await(a -> trace.traceId().equals(a.traceId()), count, ALERT_TIMEOUT);
  }

  /**
   * The one alert of a trace: waits for it, then a little longer to be sure no second one comes.
   */
  static ReceivedAlert onlyAlertOf(OpsgenieStandIn standIn, Trace trace)
      throws InterruptedException {
    List<ReceivedAlert> first = alertsOf(standIn, trace, 1);
    if (first.isEmpty()) {
      throw new AssertionError(
          "no alert with trace_id "
              + trace.traceId()
              + " arrived within "
              + ALERT_TIMEOUT
              + "; the stand-in received: "
              + standIn.alerts());
    }
    Thread.sleep(300);
    List<ReceivedAlert> all =
        standIn.await(a -> trace.traceId().equals(a.traceId()), 2, Duration.ZERO);
    if (all.size() != 1) {
      throw new AssertionError("expected one alert for trace " + trace.traceId() + ", got " + all);
    }
    return all.get(0);
  }

  /**
   * The extension's SEVERE and ERROR lines, once the first of them is there (up to {@link
   * #ALERT_TIMEOUT}): under the agent the settings are checked on {@code otel-opsgenie-start}, a
   * moment after the agent's premain (or at the first span), so a rejection's line may follow the
   * service's start by a moment.
   */
  static List<String> extensionErrors(ServiceProcess service) throws InterruptedException {
    // the agent's log prints JUL's SEVERE as ERROR
    Predicate<String> error =
        l -> l.contains("io.github.otelopsgenie") && (l.contains("SEVERE") || l.contains("ERROR"));
    service.awaitLine(error, ALERT_TIMEOUT);
    return service.lines(error);
  }

  /**
   * Ends a test class that starts one service: every alert the stand-in received must meet the
   * Opsgenie contract, carry the key and belong to a request expected to alert; nothing else
   * reached the stand-in and the extension logged no error. Then stops the service and the
   * stand-in.
   */
  static void checkAlertsAndStop(
      OpsgenieStandIn standIn,
      ServiceProcess service,
      String key,
      java.util.Set<String> alertingTraces)
      throws Exception {
    try {
      if (service != null) {
        // anything still queued would arrive now
        Thread.sleep(500);
        List<ReceivedAlert> unexpected = new java.util.ArrayList<>();
        for (ReceivedAlert alert : standIn.alerts()) {
          org.assertj.core.api.Assertions.assertThat(alert.problems())
              .as("Opsgenie contract problems of %s", alert.alias())
              .isEmpty();
          org.assertj.core.api.Assertions.assertThat(alert.header("Authorization"))
              .isEqualTo("GenieKey " + key);
          if (!alertingTraces.contains(alert.traceId())) {
            unexpected.add(alert);
          }
        }
        org.assertj.core.api.Assertions.assertThat(unexpected)
            .as("alerts for requests that should not alert")
            .isEmpty();
        org.assertj.core.api.Assertions.assertThat(standIn.otherRequests()).isEmpty();
        org.assertj.core.api.Assertions.assertThat(
                service.lines(
                    l ->
                        l.contains("io.github.otelopsgenie")
                            && (l.contains("SEVERE") || l.contains("ERROR"))))
            .as("errors logged by the extension")
            .isEmpty();
      }
    } finally {
      stop(standIn, service);
    }
  }

  /**
   * Ends a test class whose alerts are checked by its tests: every alert the stand-in received must
   * meet the Opsgenie contract. Then stops the service and the stand-in.
   */
  static void checkContractAndStop(OpsgenieStandIn standIn, ServiceProcess service) {
    try {
      if (standIn != null) {
        for (ReceivedAlert alert : standIn.alerts()) {
          org.assertj.core.api.Assertions.assertThat(alert.problems())
              .as("Opsgenie contract problems of %s", alert.alias())
              .isEmpty();
        }
      }
    } finally {
      stop(standIn, service);
    }
  }

  /** Stops the service, then the stand-in; either may be null (its start failed). */
  static void stop(OpsgenieStandIn standIn, ServiceProcess service) {
    try {
      if (service != null) {
        service.close();
      }
    } finally {
      if (standIn != null) {
        standIn.close();
      }
    }
  }

  /**
   * The {@code otel.opsgenie.*} long points of one metrics export the agent logged as OTLP JSON
   * ({@code otel.metrics.exporter=logging-otlp}), keyed {@code name} or {@code name{map=x}}.
   */
  static Map<String, Long> selfMetrics(String exportLine) {
    Map<String, Long> values = new java.util.TreeMap<>();
    try {
      com.fasterxml.jackson.databind.JsonNode root =
          new com.fasterxml.jackson.databind.ObjectMapper()
              .readTree(exportLine.substring(exportLine.indexOf('{')));
      for (com.fasterxml.jackson.databind.JsonNode metric : root.findValues("metrics")) {
        for (com.fasterxml.jackson.databind.JsonNode m : metric) {
          String name = m.path("name").asText();
          if (!name.startsWith("otel.opsgenie.")) {
            continue;
          }
          com.fasterxml.jackson.databind.JsonNode data =
              m.has("sum") ? m.get("sum") : m.get("gauge");
          for (com.fasterxml.jackson.databind.JsonNode point : data.path("dataPoints")) {
            String map = null;
            for (com.fasterxml.jackson.databind.JsonNode a : point.path("attributes")) {
              if ("map".equals(a.path("key").asText())) {
                map = a.path("value").path("stringValue").asText();
              }
            }
            values.put(
                name + (map == null ? "" : "{map=" + map + "}"),
                Long.parseLong(point.path("asInt").asText("0")));
          }
        }
      }
    } catch (IOException e) {
      throw new AssertionError("not an OTLP JSON metrics export: " + exportLine, e);
    }
    return values;
  }

  private static Path example(String relative) {
    Path path = Path.of(property("examples.dir")).resolve(relative);
    if (!Files.exists(path)) {
      throw new IllegalStateException(
          "missing "
              + path
              + ": the examples are built by maven-invoker-plugin in pre-integration-test");
    }
    return path;
  }

  private static Path file(String property, String what) {
    Path path = Path.of(property(property));
    if (!Files.isRegularFile(path)) {
      throw new IllegalStateException("missing " + what + ": " + path);
    }
    return path;
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null) {
      throw new IllegalStateException(
          "system property "
              + name
              + " is not set: run the end-to-end tests with mvn verify (failsafe sets it)");
    }
    return value;
  }

  private static String hex(int bytes) {
    byte[] b = new byte[bytes];
    random.nextBytes(b);
    StringBuilder sb = new StringBuilder();
    for (byte x : b) {
      sb.append(String.format("%02x", x));
    }
    return sb.toString();
  }
}
