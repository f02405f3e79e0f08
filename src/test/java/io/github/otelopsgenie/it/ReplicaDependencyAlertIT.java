/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static io.github.otelopsgenie.it.E2e.post;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.opsgenie.standin.AlertBook;
import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAction;
import com.example.opsgenie.standin.ReceivedClose;
import com.example.opsgenie.standin.ServiceProcess;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 27, item 2, under the real agent: two replicas of the Spring Boot example share a
 * failing-dependency alert (the agent's peer-service mapping names their payment providers alike,
 * so both count calls to {@code payment-provider}). One stops calling the dependency while the
 * other keeps failing: one alert is opened, and nothing is closed while one replica still fails
 * (the failing one sends the alert again every {@code alert.auto.close}/2, keeping its
 * lastOccurredAt fresh for the other's read). Once both recovered: one close, no second alert.
 * Before the change the dependency alert fired once per breach, and the replica that stopped closed
 * it under the failing one.
 */
@Timeout(180)
class ReplicaDependencyAlertIT {

  private static final String KEY = "it-replica-dependency-key";
  private static final String SERVICE_ID = "replica-payments";
  private static final String ALIAS = SERVICE_ID + "-dependency-payment-provider-alert";
  private static final Duration AUTO_CLOSE = Duration.ofSeconds(4);
  private static final Duration WINDOW = Duration.ofSeconds(4);
  private static final int MIN_CALLS = 3;

  /** Three auto-close periods: the stopped replica's close was due and looked at more than once. */
  private static final Duration STILL_FAILING = Duration.ofSeconds(14);

  private static OpsgenieStandIn standIn;
  private static ServiceProcess stopping;
  private static ServiceProcess failing;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    stopping = replica("replica-dependency-a");
    failing = replica("replica-dependency-b");
  }

  private static ServiceProcess replica(String name) throws Exception {
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "1s");
    env.put("OTEL_OPSGENIE_ALERT_WINDOW", WINDOW.toSeconds() + "s");
    env.put("OTEL_OPSGENIE_ALERT_AUTO_CLOSE", AUTO_CLOSE.toSeconds() + "s");
    env.put("OTEL_OPSGENIE_DEPENDENCY_ERROR_RATE", "50%");
    env.put("OTEL_OPSGENIE_DEPENDENCY_MIN_REQUESTS", Integer.toString(MIN_CALLS));
    // each replica's provider listens on its own port: named as one dependency, as a shared
    // service would be
    env.put("OTEL_INSTRUMENTATION_COMMON_PEER_SERVICE_MAPPING", "127.0.0.1=payment-provider");
    ServiceProcess service =
        E2e.underAgent(name, E2e.springJar())
            .env(env)
            .arg("--server.port=0")
            .start(E2e.START_TIMEOUT);
    assertThat(post(service.baseUrl(), "/payment-provider/failing?on=true").status())
        .isEqualTo(200);
    return service;
  }

  @AfterAll
  static void stop() {
    try {
      E2e.stop(null, stopping);
    } finally {
      E2e.stop(standIn, failing);
    }
  }

  private static void pay(ServiceProcess replica, String order) throws InterruptedException {
    assertThat(get(replica.baseUrl(), "/pay/" + order, null).body())
        .contains("provider answered 503");
  }

  @Test
  void aReplicaThatStopsCallingDoesNotCloseWhatAnotherStillSeesFailing() throws Exception {
    // 1. both replicas' calls fail: one alert
    for (int i = 0; i < MIN_CALLS; i++) {
      pay(stopping, "a-" + i);
      pay(failing, "b-" + i);
    }
    await().atMost(E2e.ALERT_TIMEOUT).until(() -> standIn.alerts().size() >= 2);
    assertThat(standIn.alerts()).allSatisfy(a -> assertThat(a.alias()).isEqualTo(ALIAS));
    assertThat(standIn.book().withAlias(ALIAS)).hasSize(1);

    // 2. replica A stops calling the dependency; replica B goes on failing, a call every 200 ms
    Instant until = Instant.now().plus(STILL_FAILING);
    Instant lastFailure = Instant.now();
    int calls = 0;
    while (Instant.now().isBefore(until)) {
      lastFailure = Instant.now();
      pay(failing, "b-more-" + calls++);
      Thread.sleep(200);
    }
    assertThat(standIn.closes()).as("nothing is closed while a replica still fails").isEmpty();
    assertThat(standIn.book().withAlias(ALIAS)).as("exactly one alert was opened").hasSize(1);
    assertThat(standIn.book().open(ALIAS)).isNotNull();
    assertThat(standIn.alerts().size())
        .as("the failing replica sent the alert again while it failed")
        .isGreaterThanOrEqualTo(2 + (int) (STILL_FAILING.toSeconds() / AUTO_CLOSE.toSeconds()));
    assertThat(standIn.actions())
        .filteredOn(ReceivedAction::isGet)
        .as("the replica that stopped read the alert before deciding")
        .isNotEmpty()
        .allSatisfy(
            read -> {
              assertThat(read.alias()).isEqualTo(ALIAS);
              assertThat(read.problems()).isEmpty();
            });

    // 3. B stops too: closed once, after the quiet period that followed the last failure
    await()
        .atMost(AUTO_CLOSE.multipliedBy(5))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> standIn.book().open(ALIAS) == null);
    List<ReceivedClose> closes = standIn.closes();
    assertThat(closes).isNotEmpty();
    // quiet since the last occurrence Opsgenie saw: B's last failure, or up to a refresh period
    // before it when that failure only counted in B's window
    assertThat(closes.get(0).receivedAt())
        .isAfterOrEqualTo(lastFailure.plus(AUTO_CLOSE).minus(AUTO_CLOSE.dividedBy(2)));
    for (ReceivedClose close : closes) {
      assertThat(close.problems()).isEmpty();
      assertThat(close.alias()).isEqualTo(ALIAS);
    }
    // later checks close nothing again and open nothing new
    await()
        .during(AUTO_CLOSE)
        .atMost(AUTO_CLOSE.multipliedBy(2))
        .pollInterval(Duration.ofMillis(200))
        .until(
            () -> {
              List<AlertBook.Alert> alerts = standIn.book().withAlias(ALIAS);
              return alerts.size() == 1 && !alerts.get(0).isOpen();
            });
    assertThat(standIn.alerts()).allSatisfy(a -> assertThat(a.problems()).isEmpty());
    assertThat(standIn.otherRequests()).isEmpty();
  }
}
