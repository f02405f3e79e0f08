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
import com.example.opsgenie.standin.ServiceProcess;
import java.time.Duration;
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
 * Issue 14, bounded by design, under the real agent: a server whose spans carry no {@code
 * http.route} (the plain example's own server spans, the agent's JDK server instrumentation off) is
 * hit on 2,000 distinct failing paths, twice each, with {@code {route}} and {@code {status_code}}
 * in the status alias and the error-rate rule on. The paths answer 100 different 5xx codes, so that
 * 100 distinct aliases (and the error-rate one) reach the alias budget of 50: exactly the budget
 * plus the one budget alert are opened, and no alias carries a path. The processor's maps are read
 * from its self-metrics, which the agent exports (OTLP JSON in the log, once a second): each within
 * its bound, none forgot anything, and each holds what this traffic calls for.
 */
@Timeout(300)
class UnroutedServerIT {

  private static final String KEY = "it-unrouted-key";
  private static final String SERVICE_ID = "unrouted-shop";
  private static final int PATHS = 2_000;
  private static final int CODES = 100;
  private static final int BUDGET = 50;

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CLASSES", "5XX");
    env.put("OTEL_OPSGENIE_ALERT_STATUS_ALIAS", "{service_id}-{route}-{status_code}");
    env.put("OTEL_OPSGENIE_ALERT_MIN_OCCURRENCES", "2");
    env.put("OTEL_OPSGENIE_ALERT_ERROR_RATE", "50%");
    env.put("OTEL_OPSGENIE_ALERT_ALIAS_BUDGET", Integer.toString(BUDGET));
    // one window, one cooldown and no auto-close for the whole test: every count below is exact
    env.put("OTEL_OPSGENIE_ALERT_WINDOW", "10m");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "5m");
    env.put("OTEL_OPSGENIE_ALERT_AUTO_CLOSE", "10m");
    env.put("OTEL_OPSGENIE_MONITORED_ENDPOINTS", "/status/.*");
    service =
        E2e.underAgent("unrouted-service", E2e.plainJar())
            .env(env)
            .systemProperty("otel.instrumentation.java-http-server.enabled", "false")
            .systemProperty("example.manual.spans", "true")
            .systemProperty("example.manual.spans.route", "false")
            .systemProperty("otel.metrics.exporter", "logging-otlp")
            .systemProperty("otel.metric.export.interval", "1000")
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.stop(standIn, service);
  }

  @Test
  void twoThousandFailingPathsOpenTheBudgetPlusOneAlertAndEveryMapStaysBounded() throws Exception {
    for (int i = 0; i < PATHS; i++) {
      // a distinct path under /status/ each time, answering one of 100 codes: /status/<i>/5nn
      String path = "/status/" + i + "/" + (500 + i % CODES);
      assertThat(get(service.baseUrl(), path, null).status()).isEqualTo(500 + i % CODES);
      assertThat(get(service.baseUrl(), path, null).status()).isEqualTo(500 + i % CODES);
    }

    String budgetAlias = SERVICE_ID + "-otel-opsgenie-alias-budget-alert";
    await().atMost(E2e.ALERT_TIMEOUT).until(() -> aliases().contains(budgetAlias));
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(aliases())
        .as("aliases opened")
        .hasSize(BUDGET + 1)
        .contains(budgetAlias, SERVICE_ID + "-unrouted-500")
        .allSatisfy(alias -> assertThat(alias).doesNotContain("/status/"))
        .anySatisfy(alias -> assertThat(alias).contains("error-rate"));
    assertThat(standIn.alerts()).as("one create per alias: the cooldown holds").hasSize(BUDGET + 1);
    assertThat(standIn.book().all())
        .as("alerts in Opsgenie")
        .hasSize(BUDGET + 1)
        .allSatisfy(a -> assertThat(a.isOpen()).isTrue());
    assertThat(standIn.alerts()).allSatisfy(a -> assertThat(a.problems()).isEmpty());

    Map<String, Long> metrics = selfMetricsAfter(service.output().size());
    for (String map :
        List.of(
            "route_matcher",
            "route_windows",
            "occurrence_gate",
            "open_alerts",
            "alias_budget",
            "storm_control")) {
      assertThat(metrics)
          .as("%s in %s", map, metrics)
          .containsKey(entries(map))
          .containsKey(limit(map));
      assertThat(metrics.get(entries(map))).as(map).isLessThanOrEqualTo(metrics.get(limit(map)));
      assertThat(metrics.getOrDefault("otel.opsgenie.state.evicted{map=" + map + "}", 0L))
          .as("%s forgot nothing", map)
          .isZero();
    }
    assertThat(metrics)
        .as("the maps hold what the traffic calls for, whatever the number of paths")
        .containsEntry(limit("route_matcher"), 4096L)
        .containsEntry(entries("route_windows"), 0L) // route-less spans share one window
        .containsEntry(entries("occurrence_gate"), (long) CODES)
        .containsEntry(entries("alias_budget"), CODES + 1L) // 100 status aliases, 1 error-rate
        .containsEntry(limit("alias_budget"), BUDGET + 1000L)
        .containsEntry(entries("open_alerts"), BUDGET + 1L)
        .containsEntry(entries("storm_control"), BUDGET + 1L)
        // 51 codes over the budget; of each code's 40 failures the first is held by the gate
        .containsEntry("otel.opsgenie.alerts.over_budget", (CODES + 1L - BUDGET) * 39)
        .containsEntry("otel.opsgenie.alerts.sent", BUDGET + 1L)
        .containsEntry("otel.opsgenie.alerts.dropped", 0L);
    // the matcher decides a route-less span by its path (the endpoint regexes match paths): each
    // path once, within its two generations of 2,048
    assertThat(metrics.get(entries("route_matcher"))).isEqualTo((long) PATHS);
  }

  private static Set<String> aliases() {
    return standIn.alerts().stream().map(ReceivedAlert::alias).collect(Collectors.toSet());
  }

  private static String entries(String map) {
    return "otel.opsgenie.state.entries{map=" + map + "}";
  }

  private static String limit(String map) {
    return "otel.opsgenie.state.limit{map=" + map + "}";
  }

  /**
   * The otel-opsgenie metrics of the second export the agent logs after line {@code from} of the
   * service's output (the first may have been collected before the last alert was sent).
   */
  private static Map<String, Long> selfMetricsAfter(int from) {
    List<String> exports = new ArrayList<>();
    await()
        .atMost(Duration.ofSeconds(30))
        .until(
            () -> {
              exports.clear();
              List<String> output = service.output();
              for (String line : output.subList(from, output.size())) {
                if (line.contains("\"otel.opsgenie.state.entries\"")) {
                  exports.add(line);
                }
              }
              return exports.size() >= 2;
            });
    return E2e.selfMetrics(exports.get(1));
  }
}
