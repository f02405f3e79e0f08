/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.admission.AutoCloser;
import io.github.otelopsgenie.internal.admission.OpenAlerts;
import io.github.otelopsgenie.internal.admission.StormGate;
import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Reply;
import io.github.otelopsgenie.internal.delivery.Senders;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.sdk.testing.time.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A recovered replica's deferred close backs off: while another replica keeps the alert fresh for
 * ten quiet periods, it reads the alert at most once per quarter of the quiet period, however often
 * its auto-close thread checks (every 30 s for a 10-minute period).
 */
@Timeout(120)
class DeferredCloseBackoffTest {

  private static final String ALIAS = "shop-response-status-alert";
  private static final Duration QUIET = Duration.ofMinutes(10);

  /** How often the auto-close thread checks for this period: a quarter, at most 30 s. */
  private static final Duration CHECK = Duration.ofSeconds(30);

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private AlertSender sender;

  @AfterEach
  void tearDown() {
    if (sender != null) {
      sender.shutdown().join(10, TimeUnit.SECONDS);
    }
    opsgenie.close();
  }

  @Test
  void aRecoveredReplicaReadsAnAlertAnotherKeepsFreshAtMostOncePerQuarterPeriod() {
    // the other replica still fails: the alert always last occurred a moment ago
    opsgenie.answer(
        r ->
            Reply.status(
                200,
                "{\"data\":{\"alias\":\""
                    + ALIAS
                    + "\",\"status\":\"open\",\"lastOccurredAt\":\""
                    + Instant.now().minusSeconds(1)
                    + "\"},\"took\":0.01,\"requestId\":\"r\"}"));
    sender =
        Senders.create(
            TestSettings.of(
                "token",
                "k",
                "api.base",
                opsgenie.base().toString(),
                "alert.cooldown",
                "0",
                "alert.auto.close",
                "10m"));
    TestClock clock = TestClock.create();
    OpenAlerts open = new OpenAlerts(QUIET.toNanos());
    AutoCloser closer =
        new AutoCloser(open, sender, StormGate.before(sender), clock, QUIET.toNanos());
    open.opened(ALIAS, clock.now(), null, "status");

    long checks = 10 * QUIET.toNanos() / CHECK.toNanos();
    for (long i = 0; i < checks; i++) {
      clock.advance(CHECK);
      closer.closeRecovered();
      assertThat(sender.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    }

    // due from the end of the first period on: nine periods of four quarters each, plus the first
    assertThat(opsgenie.requests())
        .filteredOn(r -> r.path.equals("/v2/alerts/" + ALIAS))
        .allSatisfy(r -> assertThat(r.method).isEqualTo("GET"))
        .hasSizeBetween(9 * 4, 9 * 4 + 1);
    assertThat(opsgenie.requests()).noneMatch(r -> r.path.endsWith("/close"));
    assertThat(closer.closedCount()).isZero();
    assertThat(open.size()).isEqualTo(1);
  }
}
