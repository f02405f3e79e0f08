/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ReceivedClose;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 6 end to end: the windowed rules, auto-close and trace links of the plain JDK {@code
 * HttpServer} example under the real agent, configured by {@code OTEL_OPSGENIE_*} only, as the
 * Opsgenie stand-in sees them. One service, one scenario (the steps share the auto-close clock): a
 * route whose status alert needs three failures within the window, fails, then recovers and is
 * closed by alias once, after the quiet period; a second route breaches the 50% error rate over
 * four requests, is not closed while its rate stays high, and is closed once it is healthy.
 */
@Timeout(120)
class WindowedRulesIT {

  private static final String KEY = "it-windows-key";
  private static final String SERVICE_ID = "windows-shop";
  private static final Duration AUTO_CLOSE = Duration.ofSeconds(3);
  private static final int MIN_OCCURRENCES = 3;

  /** The auto-close thread checks every quarter of the period, at least every second. */
  private static final Duration CHECK_PERIOD = Duration.ofSeconds(1);

  private static final Duration CLOSE_TIMEOUT = AUTO_CLOSE.plus(Duration.ofSeconds(10));
  private static final String TRACE_URL = "http://traces.example/trace/";

  /** {@code {service_id}-{route}-{status_code}}: the JDK server's route is the context path. */
  private static final String STATUS_ALIAS = SERVICE_ID + "-/status/-502";

  private static final String STATUS_ALIAS_ENCODED = SERVICE_ID + "-%2Fstatus%2F-502";
  private static final String HEALTH_STATUS_ALIAS = SERVICE_ID + "-/health-503";
  private static final String ERROR_RATE_ALIAS = SERVICE_ID + "-/health-error-rate-alert";
  private static final String ERROR_RATE_ALIAS_ENCODED = SERVICE_ID + "-%2Fhealth-error-rate-alert";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CLASSES", "5XX");
    env.put("OTEL_OPSGENIE_ALERT_STATUS_ALIAS", "{service_id}-{route}-{status_code}");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    env.put("OTEL_OPSGENIE_ALERT_MIN_OCCURRENCES", Integer.toString(MIN_OCCURRENCES));
    env.put("OTEL_OPSGENIE_ALERT_WINDOW", "30s");
    env.put("OTEL_OPSGENIE_ALERT_ERROR_RATE", "50%");
    env.put("OTEL_OPSGENIE_ALERT_ERROR_RATE_MIN_REQUESTS", "4");
    env.put("OTEL_OPSGENIE_ALERT_AUTO_CLOSE", AUTO_CLOSE.toSeconds() + "s");
    env.put("OTEL_OPSGENIE_TRACE_URL_TEMPLATE", TRACE_URL + "{trace_id}");
    service =
        E2e.underAgent("windows-service", E2e.plainJar())
            .env(env)
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.stop(standIn, service);
  }

  @Test
  void failingRoutesAlertByWindowAndCloseOnceWhenRecovered() throws Exception {
    // 1. /health: 2 of 4 requests fail, a 50% error rate over the minimum of 4 requests: one
    //    error-rate alert, tripped by the 4th request. Each 503 also matches the status rule, but
    //    its alias saw 2 of the 3 occurrences the window needs: no status alert.
    List<Trace> health = new ArrayList<>();
    for (String path :
        List.of(
            "/health?status=200",
            "/health?status=200",
            "/health?status=503",
            "/health?status=503")) {
      Trace trace = Trace.fresh();
      health.add(trace);
      assertThat(get(service.baseUrl(), path, trace).status())
          .isEqualTo(path.endsWith("503") ? 503 : 200);
    }
    ReceivedAlert errorRate = onlyCreate(ERROR_RATE_ALIAS);
    assertThat(errorRate.type()).isEqualTo("error_rate");
    assertThat(errorRate.details())
        .containsEntry("route", "/health")
        .containsEntry("service_id", SERVICE_ID);
    assertThat(health.stream().map(Trace::traceId)).contains(errorRate.traceId());
    assertTraceLink(errorRate);

    // 2. /status/: 6 good requests, then MIN_OCCURRENCES 502s (the route's error rate stays under
    //    50%). The first two send nothing; the third sends one status alert, its own trace linked.
    for (int i = 0; i < 6; i++) {
      assertThat(get(service.baseUrl(), "/status/200", null).status()).isEqualTo(200);
    }
    List<Trace> failures = new ArrayList<>();
    Instant lastFailureSent = null;
    for (int i = 0; i < MIN_OCCURRENCES; i++) {
      Trace trace = Trace.fresh();
      failures.add(trace);
      lastFailureSent = Instant.now();
      assertThat(get(service.baseUrl(), "/status/502", trace).status()).isEqualTo(502);
    }
    ReceivedAlert status = onlyCreate(STATUS_ALIAS);
    assertThat(status.type()).isEqualTo("status");
    assertThat(status.traceId())
        .as("the alert is the %dth failure's, not an earlier one's", MIN_OCCURRENCES)
        .isEqualTo(failures.get(MIN_OCCURRENCES - 1).traceId());
    assertThat(status.details())
        .containsEntry("route", "/status/")
        .containsEntry("status_code", "502");
    assertTraceLink(status);

    // 3. The route recovers: good requests only. Its alert is closed by alias once it has been
    //    quiet for the auto-close period, and not before.
    for (int i = 0; i < 3; i++) {
      assertThat(get(service.baseUrl(), "/status/200", null).status()).isEqualTo(200);
    }
    await()
        .atMost(CLOSE_TIMEOUT)
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !closesOf(STATUS_ALIAS).isEmpty());
    ReceivedClose close = closesOf(STATUS_ALIAS).get(0);
    assertThat(close.receivedAt())
        .as("closed after the %s quiet period that followed the last failure", AUTO_CLOSE)
        .isAfterOrEqualTo(lastFailureSent.plus(AUTO_CLOSE));
    assertClosedByAlias(close, STATUS_ALIAS_ENCODED);
    assertThat(close.note()).contains("status");

    // 4. /health has been quiet as long, but its error rate over the window is still 50%: the
    //    check that closed /status/ above looked at it too, and left it open.
    assertThat(closesOf(ERROR_RATE_ALIAS))
        .as("an error-rate alert of a route still at 50%")
        .isEmpty();
    // good requests bring the rate to 2 of 7: the route is healthy, the next check closes its alert
    for (int i = 0; i < 3; i++) {
      assertThat(get(service.baseUrl(), "/health?status=200", null).status()).isEqualTo(200);
    }
    await()
        .atMost(CHECK_PERIOD.multipliedBy(5))
        .pollInterval(Duration.ofMillis(50))
        .until(() -> !closesOf(ERROR_RATE_ALIAS).isEmpty());
    ReceivedClose rateClose = closesOf(ERROR_RATE_ALIAS).get(0);
    assertClosedByAlias(rateClose, ERROR_RATE_ALIAS_ENCODED);
    assertThat(rateClose.note()).contains("error rate of /health");

    // 5. Exactly once: later checks close nothing again, and nothing else was ever sent (the
    //    /status/ failures before the third and the /health 503s stayed below the window's count).
    await()
        .during(CHECK_PERIOD.multipliedBy(2).plusMillis(500))
        .atMost(CHECK_PERIOD.multipliedBy(4))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> standIn.closes().size() == 2 && standIn.alerts().size() == 2);
    assertThat(standIn.closes())
        .extracting(ReceivedClose::alias)
        .containsExactly(STATUS_ALIAS, ERROR_RATE_ALIAS);
    assertThat(standIn.alerts())
        .extracting(ReceivedAlert::alias)
        .containsExactly(ERROR_RATE_ALIAS, STATUS_ALIAS);
    assertThat(standIn.alerts())
        .extracting(ReceivedAlert::alias)
        .doesNotContain(HEALTH_STATUS_ALIAS);
    Set<String> failureTraces = failures.stream().map(Trace::traceId).collect(Collectors.toSet());
    assertThat(standIn.alerts().stream().filter(a -> failureTraces.contains(a.traceId())))
        .hasSize(1);
    for (ReceivedAlert alert : standIn.alerts()) {
      assertThat(alert.problems()).as("Opsgenie contract problems of %s", alert.alias()).isEmpty();
    }
    assertThat(standIn.otherRequests()).isEmpty();
  }

  /** Waits for the create of {@code alias}, then checks that it is the only one so far. */
  private static ReceivedAlert onlyCreate(String alias) throws InterruptedException {
    List<ReceivedAlert> first = standIn.await(a -> alias.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(first)
        .as(
            "alert %s within %s; the stand-in received %s",
            alias, E2e.ALERT_TIMEOUT, standIn.alerts())
        .hasSize(1);
    return first.get(0);
  }

  private static List<ReceivedClose> closesOf(String alias) {
    return standIn.closes().stream()
        .filter(c -> alias.equals(c.alias()))
        .collect(Collectors.toList());
  }

  private static void assertTraceLink(ReceivedAlert alert) {
    assertThat(alert.traceId()).matches("[0-9a-f]{32}");
    assertThat(alert.details()).containsEntry("trace_url", TRACE_URL + alert.traceId());
    assertThat(alert.description()).contains(TRACE_URL + alert.traceId());
  }

  private static void assertClosedByAlias(ReceivedClose close, String encodedAlias) {
    assertThat(close.problems()).as("Opsgenie contract problems of %s", close).isEmpty();
    assertThat(close.aliasWasCreated()).as("an alert with this alias was created before").isTrue();
    assertThat(close.rawPath()).isEqualTo("/v2/alerts/" + encodedAlias + "/close");
    assertThat(close.rawQuery()).isEqualTo("identifierType=alias");
    assertThat(close.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(close.note()).startsWith("Closed by otel-opsgenie").hasSizeLessThanOrEqualTo(25_000);
  }
}
