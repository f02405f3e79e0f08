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
import io.github.otelopsgenie.it.E2e.Response;
import io.github.otelopsgenie.it.E2e.Trace;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The plain JDK {@code HttpServer} example under the real agent: {@code http.route} is the context
 * path, a handler that throws leaves no status code. Also configures a service id and aliases, and
 * logs every class the JVM loads to show where our classes and relocated semconv come from.
 */
@Timeout(300)
class PlainHttpServerIT {

  private static final String KEY = "it-plain-key";
  private static final String SERVICE_ID = "plain-shop";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;
  private static Path classLoadLog;
  private static final Set<String> alerting = ConcurrentHashMap.newKeySet();

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    classLoadLog = E2e.logFile("plain-class-load");
    Files.createDirectories(classLoadLog.getParent());
    Files.deleteIfExists(classLoadLog);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CLASSES", "5XX");
    env.put("OTEL_OPSGENIE_IGNORED_ENDPOINTS", "/health");
    env.put("OTEL_OPSGENIE_THRESHOLD_RESPONSE_TIME", "400");
    env.put("OTEL_OPSGENIE_RESPONSE_TIME_MONITORED_ENDPOINTS", "/res_slow/");
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_ALIAS", "{service_id}-http-{status_code}");
    env.put("OTEL_OPSGENIE_ALERT_EXCEPTION_ALIAS", "crash");
    env.put("OTEL_OPSGENIE_FORWARDED_HEADER_KEYS", "X-Request-Id");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    service =
        E2e.underAgent("plain-service", E2e.plainJar())
            .jvmArg("-Xlog:class+load=debug:file=" + classLoadLog)
            .env(env)
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
    // the first request initializes the web stack; keep that cost out of the latency checks
    assertThat(get(service.baseUrl(), "/ok", null).status()).isEqualTo(200);
  }

  @AfterAll
  static void stop() throws Exception {
    E2e.checkAlertsAndStop(standIn, service, KEY, alerting);
  }

  private static Trace alertingTrace() {
    Trace trace = Trace.fresh();
    alerting.add(trace.traceId());
    return trace;
  }

  @Test
  void fiveHundredThreeUnderFiveXxClassRaisesStatusAlertWithConfiguredAlias() throws Exception {
    Trace trace = alertingTrace();
    assertThat(
            get(service.baseUrl(), "/status/503", trace, Map.of("X-Request-Id", "plain-req-1"))
                .status())
        .isEqualTo(503);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("status");
    assertThat(alert.alias()).isEqualTo(SERVICE_ID + "-http-503");
    assertThat(alert.details())
        .containsEntry("route", "/status/")
        .containsEntry("endpoint", "/status/503")
        .containsEntry("status_class", "5XX")
        .containsEntry("service_id", SERVICE_ID)
        .containsEntry("X-Request-Id", "plain-req-1");
    assertThat(alert.priority()).isEqualTo("P4");
  }

  @Test
  void fourOhFourHealthyAndIgnoredRequestsRaiseNoAlert() throws Exception {
    List<Trace> quiet = new ArrayList<>();
    for (String path : List.of("/ok", "/status/404", "/health?status=503", "/res_slow/?ms=0")) {
      Trace trace = Trace.fresh();
      quiet.add(trace);
      assertThat(get(service.baseUrl(), path, trace).status()).isPositive();
    }
    Trace barrier = alertingTrace();
    get(service.baseUrl(), "/status/500", barrier);
    onlyAlertOf(standIn, barrier);
    Thread.sleep(E2e.QUIET.toMillis());
    for (Trace trace : quiet) {
      assertThat(standIn.await(a -> trace.traceId().equals(a.traceId()), 1, Duration.ZERO))
          .isEmpty();
    }
  }

  @Test
  void slowRequestOnContextRouteRaisesLatencyAlert() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/res_slow/?ms=600", trace).status()).isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("latency");
    assertThat(alert.alias()).isEqualTo(SERVICE_ID + "-response-latency-alert");
    assertThat(alert.details())
        .containsEntry("route", "/res_slow/")
        .containsEntry("threshold_ms", "400");
  }

  @Test
  void handlerThrowingBeforeHeadersRaisesExceptionAlertWithoutStatusCode() throws Exception {
    Trace trace = alertingTrace();
    Response response = E2e.getOnce(service.port(), "/boom", trace);
    // the JDK server closes the connection without an answer
    assertThat(response.status()).isEqualTo(-1);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    assertThat(alert.alias()).isEqualTo(SERVICE_ID + "-IllegalStateException-crash");
    assertThat(alert.details())
        .containsEntry("exception_type", "java.lang.IllegalStateException")
        .containsEntry("route", "/boom")
        .doesNotContainKey("status_code");
  }

  @Test
  void exceptionMarkedWithPlainRecordExceptionRaisesExceptionAlert() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/handled", trace).status()).isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    assertThat(alert.alias()).isEqualTo(SERVICE_ID + "-InventoryException-crash");
  }

  @Test
  void exceptionMarkedWithHelperCarriesFunctionExtraDetailsAndPriority() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/handled-helper", trace).status()).isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("handled_exception");
    // the exception alias setting names unhandled exceptions only; handled ones fall back to
    // alert.alias
    assertThat(alert.alias())
        .isEqualTo(SERVICE_ID + "-chargeCard-PaymentDeclinedException-exception-alert");
    assertThat(alert.priority()).isEqualTo("P2");
    assertThat(alert.details())
        .containsEntry("order_id", "order-2002")
        .containsEntry("function", "chargeCard");
  }

  @Test
  void failingWatchedRunnableRaisesAlertAfterTheResponse() throws Exception {
    Trace trace = alertingTrace();
    assertThat(get(service.baseUrl(), "/background?ms=300", trace).status()).isEqualTo(202);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.alias())
        .isEqualTo(SERVICE_ID + "-nightlyReport-ReportFailedException-exception-alert");
    assertThat(alert.type()).isEqualTo("handled_exception");
  }

  @Test
  void extensionClassesAreNotVisibleToTheApplication() throws Exception {
    Response response = get(service.baseUrl(), "/leak-check", null);
    assertThat(response.body())
        .contains("io.github.otelopsgenie.AlertingSpanProcessor=ClassNotFoundException")
        .contains("io.github.otelopsgenie.shaded.semconv.HttpAttributes=ClassNotFoundException")
        .contains("io.opentelemetry.sdk.trace.SdkTracerProvider=ClassNotFoundException")
        .contains("AutoConfigurationCustomizerProvider=none")
        .containsPattern(
            "io\\.github\\.otelopsgenie\\.api\\.OpsgenieAlerts=visible from \\S*/lib/otel-opsgenie-[^/]*-api\\.jar");
  }

  /**
   * The agent loads extensions parent-first: a bundled library left under its own name would be
   * silently replaced by the agent's copy. The JVM's class-load log names the class loader of every
   * class: our processor, our JSON writer (the extension bundles no JSON library; the agent carries
   * jackson) and our relocated semconv are defined by the agent's ExtensionClassLoader, and no
   * jackson class is.
   */
  @Test
  void ourJsonWriterAndRelocatedSemconvAreLoadedFromTheExtension() throws Exception {
    // at least one alert has been serialized by now
    Trace trace = alertingTrace();
    get(service.baseUrl(), "/status/500", trace);
    onlyAlertOf(standIn, trace);

    List<String> lines = Files.readAllLines(classLoadLog);
    for (String ours :
        List.of(
            "io.github.otelopsgenie.AlertingSpanProcessor",
            "io.github.otelopsgenie.internal.delivery.json.JsonWriter",
            "io.github.otelopsgenie.shaded.semconv.HttpAttributes")) {
      assertThat(loaderOf(lines, ours))
          .as(ours)
          .contains("io/opentelemetry/javaagent/tooling/ExtensionClassLoader");
    }
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).contains("jackson.")) {
        assertThat(lines.get(i + 1)).as(lines.get(i)).doesNotContain("ExtensionClassLoader");
      }
    }
  }

  /** The "loader:" part of the debug line that follows a class's load line. */
  private static String loaderOf(List<String> lines, String className) {
    for (int i = 0; i + 1 < lines.size(); i++) {
      if (lines.get(i).contains("[class,load] " + className + " source:")) {
        String next = lines.get(i + 1);
        int at = next.indexOf("loader:");
        return at < 0 ? next : next.substring(at);
      }
    }
    throw new AssertionError("the class-load log has no line for " + className);
  }
}
