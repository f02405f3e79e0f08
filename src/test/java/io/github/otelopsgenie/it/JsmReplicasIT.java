/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAction;
import com.example.opsgenie.standin.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 27's JSM case, under the real agent: two replicas of one service with status alerts on a
 * Jira Service Management Operations-style base ({@code .../jsm/ops/integration}) whose alert reads
 * answer a gateway's 404. One page; no close while one replica still fails; and, with {@code
 * alert.auto.close.unread} unset, none after both recovered either: the alert is left open for a
 * person, and the replicas say so once.
 */
@Timeout(180)
class JsmReplicasIT {

  private static final String KEY = "it-jsm-key";
  private static final String SERVICE_ID = "jsm-shop";
  private static final String ALIAS = SERVICE_ID + "-response-status-alert";
  private static final Duration COOLDOWN = Duration.ofSeconds(1);
  private static final Duration AUTO_CLOSE = Duration.ofSeconds(4);
  private static final Duration STILL_FAILING = Duration.ofSeconds(12);
  private static final String LEFT_OPEN = "left open for a person";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess recovering;
  private static ServiceProcess failing;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    standIn.actAsJsm();
    recovering = replica("jsm-replica-a");
    failing = replica("jsm-replica-b");
  }

  private static ServiceProcess replica(String name) throws Exception {
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_API_BASE", standIn.baseUrl() + OpsgenieStandIn.JSM_PREFIX);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "503");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", COOLDOWN.toMillis() + "ms");
    env.put("OTEL_OPSGENIE_ALERT_AUTO_CLOSE", AUTO_CLOSE.toSeconds() + "s");
    return E2e.underAgent(name, E2e.plainJar()).env(env).arg("--port=0").start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    try {
      E2e.stop(null, recovering);
    } finally {
      E2e.stop(standIn, failing);
    }
  }

  @Test
  void onePageNoCloseWhileAReplicaFailsAndNoneUnreadAfter() throws Exception {
    // 1. both replicas fail: one alert
    assertThat(get(recovering.baseUrl(), "/status/503", null).status()).isEqualTo(503);
    assertThat(get(failing.baseUrl(), "/status/503", null).status()).isEqualTo(503);
    await().atMost(E2e.ALERT_TIMEOUT).until(() -> standIn.alerts().size() >= 2);
    assertThat(standIn.book().withAlias(ALIAS)).hasSize(1);

    // 2. replica A recovers, B goes on failing
    Instant until = Instant.now().plus(STILL_FAILING);
    while (Instant.now().isBefore(until)) {
      assertThat(get(failing.baseUrl(), "/status/503", null).status()).isEqualTo(503);
      assertThat(get(recovering.baseUrl(), "/status/200", null).status()).isEqualTo(200);
      Thread.sleep(100);
    }
    assertThat(standIn.closes()).as("nothing is closed while a replica still fails").isEmpty();
    assertThat(standIn.actions())
        .filteredOn(ReceivedAction::isGet)
        .as("the recovered replica tried to read the alert, twice at most: then it knew")
        .hasSizeBetween(1, 2)
        .allSatisfy(read -> assertThat(read.answeredStatus()).isEqualTo(404));
    assertThat(recovering.lines(l -> l.contains(LEFT_OPEN)))
        .as("the recovered replica says once that it leaves the alert open")
        .singleElement()
        .asString()
        .contains("cannot read alerts by alias", "otel.opsgenie.alert.auto.close.unread");

    // 3. both recovered: with auto.close.unread unset, nothing is closed unread, ever
    Thread.sleep(AUTO_CLOSE.multipliedBy(3).toMillis());
    assertThat(standIn.closes()).as("no close unread").isEmpty();
    assertThat(standIn.book().withAlias(ALIAS)).as("still the one alert").hasSize(1);
    assertThat(standIn.book().open(ALIAS)).as("left open for a person").isNotNull();
    assertThat(failing.lines(l -> l.contains(LEFT_OPEN))).hasSize(1);
    assertThat(standIn.actions())
        .filteredOn(ReceivedAction::isGet)
        .as("no more reads once each replica knew: two each at most")
        .hasSizeBetween(2, 4);
    assertThat(standIn.alerts()).allSatisfy(a -> assertThat(a.problems()).isEmpty());
    assertThat(standIn.otherRequests()).as("everything went under the JSM path").isEmpty();
    for (ServiceProcess replica : new ServiceProcess[] {recovering, failing}) {
      assertThat(
              replica.lines(
                  l ->
                      l.contains("io.github.otelopsgenie")
                          && (l.contains("SEVERE") || l.contains("ERROR"))))
          .as("errors logged by %s", replica.name())
          .isEmpty();
    }
  }
}
