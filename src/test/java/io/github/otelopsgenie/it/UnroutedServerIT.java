/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
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
 * hit on 2,000 distinct failing paths, twice each, with {@code {route}} in the status alias and the
 * error-rate rule on. At most the alias budget plus one alert is opened, and no alias carries a
 * path.
 */
@Timeout(300)
class UnroutedServerIT {

  private static final String KEY = "it-unrouted-key";
  private static final String SERVICE_ID = "unrouted-shop";
  private static final int PATHS = 2_000;
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
    env.put("OTEL_OPSGENIE_ALERT_AUTO_CLOSE", "10m");
    env.put("OTEL_OPSGENIE_MONITORED_ENDPOINTS", "/status/.*");
    service =
        E2e.underAgent("unrouted-service", E2e.plainJar())
            .env(env)
            .systemProperty("otel.instrumentation.java-http-server.enabled", "false")
            .systemProperty("example.manual.spans", "true")
            .systemProperty("example.manual.spans.route", "false")
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.stop(standIn, service);
  }

  @Test
  void twoThousandFailingPathsOpenAtMostTheBudgetPlusOneAlert() throws Exception {
    for (int i = 0; i < PATHS; i++) {
      // a distinct path under /status/ each time: /status/<i>/503 answers 503
      assertThat(get(service.baseUrl(), "/status/" + i + "/503", null).status()).isEqualTo(503);
      assertThat(get(service.baseUrl(), "/status/" + i + "/503", null).status()).isEqualTo(503);
    }

    Set<String> aliases =
        standIn.alerts().stream().map(ReceivedAlert::alias).collect(Collectors.toSet());
    assertThat(aliases)
        .as("aliases opened")
        .hasSizeLessThanOrEqualTo(BUDGET + 1)
        .contains(SERVICE_ID + "-unrouted-503")
        .allSatisfy(alias -> assertThat(alias).doesNotContain("/status/"));
    assertThat(standIn.alerts()).allSatisfy(a -> assertThat(a.problems()).isEmpty());

    // the maps' bounds are asserted in process, through the processor's test hooks
    // (WindowedRulesTest#memoryStaysBoundedWithManyDistinctPathsOnAnUnroutedServer): under the
    // agent, nothing it logs during the JVM's shutdown reaches the output
  }
}
