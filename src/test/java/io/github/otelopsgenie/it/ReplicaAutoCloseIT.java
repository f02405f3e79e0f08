/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
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
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 14's headline, under the real agent: two replicas of one service share an alias, against
 * the stand-in that keeps alert state as Opsgenie does. One recovers while the other keeps failing:
 * no close, and exactly one alert was ever opened (the failing replica's creates only count into it
 * and keep its {@code lastOccurredAt} fresh). Then both recover: the alert is closed, once, after
 * the quiet period, and no second alert is opened.
 */
@Timeout(180)
class ReplicaAutoCloseIT {

  private static final String KEY = "it-replica-key";
  private static final String SERVICE_ID = "replica-shop";
  private static final String ALIAS = SERVICE_ID + "-response-status-alert";
  private static final Duration COOLDOWN = Duration.ofSeconds(1);
  private static final Duration AUTO_CLOSE = Duration.ofSeconds(4);

  /**
   * Longer than two auto-close periods and their checks: the recovered replica looked, at least
   * once.
   */
  private static final Duration STILL_FAILING = Duration.ofSeconds(12);

  private static OpsgenieStandIn standIn;
  private static ServiceProcess recovering;
  private static ServiceProcess failing;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    recovering = replica("replica-a");
    failing = replica("replica-b");
  }

  private static ServiceProcess replica(String name) throws Exception {
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "503");
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", COOLDOWN.toMillis() + "ms");
    env.put("OTEL_OPSGENIE_ALERT_AUTO_CLOSE", AUTO_CLOSE.toSeconds() + "s");
    return E2e.underAgent(name, E2e.plainJar()).env(env).arg("--port=0").start(E2e.START_TIMEOUT);
  }

  private static List<ReceivedAction> notes() {
    return standIn.actions().stream().filter(ReceivedAction::isNote).collect(Collectors.toList());
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
  void aReplicaThatRecoversDoesNotCloseWhatAnotherStillSeesFailing() throws Exception {
    // 1. both replicas fail: one alert, counted twice
    assertThat(get(recovering.baseUrl(), "/status/503", null).status()).isEqualTo(503);
    assertThat(get(failing.baseUrl(), "/status/503", null).status()).isEqualTo(503);
    await().atMost(E2e.ALERT_TIMEOUT).until(() -> standIn.alerts().size() >= 2);
    assertThat(standIn.book().withAlias(ALIAS)).hasSize(1);

    // 2. replica A recovers; replica B goes on failing, a request every 100 ms or so
    Instant until = Instant.now().plus(STILL_FAILING);
    int failures = 2;
    Instant lastFailure = Instant.now();
    // the longest time between the start of one of B's failures and the end of the next: an upper
    // bound of the time between their spans' ends
    Duration longestGap = Duration.ZERO;
    Instant previousStart = null;
    while (Instant.now().isBefore(until)) {
      lastFailure = Instant.now();
      assertThat(get(failing.baseUrl(), "/status/503", null).status()).isEqualTo(503);
      if (previousStart != null) {
        Duration gap = Duration.between(previousStart, Instant.now());
        longestGap = gap.compareTo(longestGap) > 0 ? gap : longestGap;
      }
      previousStart = lastFailure;
      failures++;
      assertThat(get(recovering.baseUrl(), "/status/200", null).status()).isEqualTo(200);
      Thread.sleep(100);
    }
    assertThat(standIn.closes()).as("nothing is closed while a replica still fails").isEmpty();
    assertThat(standIn.book().withAlias(ALIAS)).as("exactly one alert was opened").hasSize(1);
    assertThat(standIn.book().open(ALIAS)).isNotNull();
    assertThat(standIn.actions())
        .filteredOn(ReceivedAction::isGet)
        .as("the recovered replica read the alert before deciding")
        .isNotEmpty()
        .allSatisfy(
            read -> {
              assertThat(read.alias()).isEqualTo(ALIAS);
              assertThat(read.problems()).isEmpty();
            });

    // 3. both recover: closed after the quiet period that followed the last failure, once
    await()
        .atMost(AUTO_CLOSE.multipliedBy(4))
        .pollInterval(Duration.ofMillis(100))
        .until(() -> standIn.book().open(ALIAS) == null);
    List<ReceivedClose> closes = standIn.closes();
    assertThat(closes).isNotEmpty();
    // quiet since the last occurrence Opsgenie saw: the last failure, or up to a cooldown before it
    // when the failure only counted in storm control
    assertThat(closes.get(0).receivedAt())
        .isAfterOrEqualTo(lastFailure.plus(AUTO_CLOSE).minus(COOLDOWN));
    for (ReceivedClose close : closes) {
      assertThat(close.problems()).isEmpty();
      assertThat(close.alias()).isEqualTo(ALIAS);
    }
    // 4. replica B's storm ended: its last cooldown window's count reached Opsgenie as exactly one
    //    note; with the alerts and the counts they carried, every failure is accounted for exactly
    //    once. B failed at least once a cooldown until the end, so no storm ended before: a gap of
    //    a cooldown would have been one, with a note of its own.
    assertThat(longestGap)
        .as("the test's premise: B failed at least once per cooldown")
        .isLessThan(COOLDOWN);
    await().atMost(Duration.ofSeconds(10)).until(() -> !notes().isEmpty());
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(notes()).as("roll-up notes").hasSize(1);
    ReceivedAction note = notes().get(0);
    assertThat(note.problems()).isEmpty();
    assertThat(note.alias()).isEqualTo(ALIAS);
    Matcher count =
        Pattern.compile("otel-opsgenie: (\\d+) more occurrence\\(s\\)").matcher(note.note());
    assertThat(count.find()).as(note.note()).isTrue();
    long carried =
        standIn.alerts().stream()
            .mapToLong(a -> Long.parseLong(a.details().getOrDefault("suppressed_count", "0")))
            .sum();
    assertThat(Long.parseLong(count.group(1)))
        .as(
            "the note's count: %d failures, %d creates, %d carried by later alerts",
            failures, standIn.alerts().size(), carried)
        .isEqualTo(failures - standIn.alerts().size() - carried)
        .isPositive();
    assertThat(standIn.book().withAlias(ALIAS).get(0).notes())
        .as("the note is on the one alert")
        .hasSize(1);

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
