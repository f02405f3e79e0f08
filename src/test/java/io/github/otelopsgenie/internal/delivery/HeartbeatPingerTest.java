/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.net.ConnectException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heartbeat's schedule on a fake clock, and its independence from the alert traffic. */
class HeartbeatPingerTest {

  private static final String KEY = "heartbeat-test-key";
  private static final Duration INTERVAL = Duration.ofSeconds(2);
  private static final long I = INTERVAL.toNanos();

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private AlertSender sender;

  @AfterEach
  void tearDown() {
    opsgenie.release();
    if (sender != null) {
      sender.shutdown().join(10, TimeUnit.SECONDS);
    }
    opsgenie.close();
  }

  private static OpsgenieResponse accepted() {
    return new OpsgenieResponse(
        202, null, 0, java.util.Collections.<String, String>emptyMap(), null, 0, null, true);
  }

  /** Runs a pinger on this thread over {@code time} until {@code pings} pings were made. */
  private static List<Long> run(FakeTime time, int pings, Failure failure) {
    List<Long> at = new ArrayList<>();
    HeartbeatPinger[] pinger = new HeartbeatPinger[1];
    pinger[0] =
        new HeartbeatPinger(
            "hb",
            INTERVAL,
            () -> {
              at.add(time.getAsLong());
              if (at.size() >= pings) {
                pinger[0].stop();
              }
              return failure.ping(at.size(), time);
            },
            () -> {},
            time,
            time);
    pinger[0].run();
    return at;
  }

  interface Failure {
    OpsgenieResponse ping(int n, FakeTime time) throws IOException;
  }

  @Test
  void pingsAtOnceThenEveryInterval() {
    FakeTime time = new FakeTime();
    time.advance(Duration.ofMillis(1234));
    long start = time.getAsLong();
    List<Long> at = run(time, 5, (n, t) -> accepted());
    assertThat(at).containsExactly(start, start + I, start + 2 * I, start + 3 * I, start + 4 * I);
    assertThat(time.sleeps()).allSatisfy(d -> assertThat(d).isEqualTo(INTERVAL));
  }

  @Test
  void aSlowPingDoesNotShiftTheSchedule() {
    FakeTime time = new FakeTime();
    // each ping takes 0.6 of an interval: the next still starts on its tick
    List<Long> at =
        run(
            time,
            4,
            (n, t) -> {
              t.advance(INTERVAL.multipliedBy(6).dividedBy(10));
              return accepted();
            });
    assertThat(at).containsExactly(0L, I, 2 * I, 3 * I);
  }

  @Test
  void noBurstAfterOpsgenieWasUnreachableForSeveralIntervals() {
    FakeTime time = new FakeTime();
    // ping 2 hangs for 3.5 intervals (a name lookup, a black-holed connect) and fails; ping 3 and
    // 4 are refused at once; then Opsgenie answers again
    List<Long> at =
        run(
            time,
            7,
            (n, t) -> {
              if (n == 2) {
                t.advance(INTERVAL.multipliedBy(7).dividedBy(2));
                throw new IOException("connect timed out");
              }
              if (n == 3 || n == 4) {
                throw new ConnectException("Connection refused");
              }
              return accepted();
            });
    // the ticks at 2I, 3I and 4I passed while ping 2 hung: skipped, not caught up
    assertThat(at).containsExactly(0L, I, 5 * I, 6 * I, 7 * I, 8 * I, 9 * I);
    for (int i = 1; i < at.size(); i++) {
      assertThat(at.get(i) - at.get(i - 1)).isGreaterThanOrEqualTo(I);
    }
  }

  @Test
  void failuresAreCountedNotRetried() {
    FakeTime time = new FakeTime();
    AtomicInteger calls = new AtomicInteger();
    HeartbeatPinger[] pinger = new HeartbeatPinger[1];
    pinger[0] =
        new HeartbeatPinger(
            "hb",
            INTERVAL,
            () -> {
              if (calls.incrementAndGet() == 4) {
                pinger[0].stop();
                return accepted();
              }
              return new OpsgenieResponse(
                  503,
                  "down",
                  0,
                  java.util.Collections.<String, String>emptyMap(),
                  null,
                  0,
                  null,
                  true);
            },
            () -> {},
            time,
            time);
    pinger[0].run();
    assertThat(calls.get()).isEqualTo(4);
    assertThat(time.getAsLong()).isEqualTo(3 * I);
    assertThat(pinger[0].failed()).isEqualTo(3);
    assertThat(pinger[0].sent()).isEqualTo(1);
    assertThat(pinger[0].summary()).isEqualTo("heartbeat \"hb\" every 2s (pings sent=1, failed=3)");
  }

  @Test
  void nextDueSkipsTheTicksAPingRanOver() {
    assertThat(HeartbeatPinger.nextDue(0, 1, 10)).isEqualTo(10);
    assertThat(HeartbeatPinger.nextDue(0, 10, 10)).isEqualTo(20);
    assertThat(HeartbeatPinger.nextDue(0, 35, 10)).isEqualTo(40);
    assertThat(HeartbeatPinger.nextDue(Long.MAX_VALUE - 5, Long.MAX_VALUE - 4, 10))
        .isEqualTo(Long.MAX_VALUE + 5);
  }

  @Test
  void aPingsWholeRequestEndsWithinTheInterval() {
    assertThat(HeartbeatPinger.pingTimeout(Duration.ofSeconds(10), Duration.ofSeconds(1)))
        .isEqualTo(Duration.ofMillis(333));
    assertThat(HeartbeatPinger.pingTimeout(Duration.ofSeconds(10), Duration.ofMinutes(1)))
        .isEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void pingsOnTimeWhileTheAlertQueueIsFullAndOpsgenieStallsAlertCreates() throws Exception {
    opsgenie.stall("/v2/alerts");
    FakeTime time = new FakeTime();
    sender =
        AlertSender.builder()
            .setApiBase(opsgenie.base())
            .setApiKey(KEY)
            .setQueueSize(1)
            .setCooldown(Duration.ZERO)
            .setHeartbeat("shop {prod}/hb", INTERVAL, false, "P2", null)
            .setHeartbeatClock(time, time)
            .build();
    // the worker is held by the first create; the second fills the queue; the third is dropped
    assertThat(sender.offer(alert("a-1"))).isTrue();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> countPath("/v2/alerts") == 1 && sender.queued() == 0);
    assertThat(sender.offer(alert("a-2"))).isTrue();
    assertThat(sender.offer(alert("a-3"))).isFalse();

    int before = pings().size();
    await().atMost(Duration.ofSeconds(30)).until(() -> pings().size() >= before + 5);
    // the alert is still unanswered and the queue still full: the pings did not wait for them
    assertThat(countPath("/v2/alerts")).isEqualTo(1);
    assertThat(sender.queued()).isEqualTo(1);
    // every wait between two pings was exactly one interval of the pinger's clock
    assertThat(time.sleeps().subList(0, 5)).allSatisfy(d -> assertThat(d).isEqualTo(INTERVAL));
    ScriptedOpsgenie.Recorded ping = pings().get(0);
    assertThat(ping.method).isEqualTo("POST");
    assertThat(ping.path).isEqualTo("/v2/heartbeats/shop%20%7Bprod%7D%2Fhb/ping");
    assertThat(ping.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(sender.pinger().thread().getName()).isEqualTo(HeartbeatPinger.NAME);
    assertThat(sender.stateSummary()).contains("heartbeat \"shop {prod}/hb\" every 2s");
  }

  @Test
  void shutdownStopsThePings() throws Exception {
    sender =
        AlertSender.builder()
            .setApiBase(opsgenie.base())
            .setApiKey(KEY)
            .setHeartbeat("hb", Duration.ofSeconds(1), false, "P3", null)
            .build();
    await().atMost(Duration.ofSeconds(20)).until(() -> !pings().isEmpty());
    sender.shutdown().join(10, TimeUnit.SECONDS);
    sender.pinger().thread().join(10_000);
    assertThat(sender.pinger().thread().isAlive()).isFalse();
    int after = pings().size();
    Thread.sleep(1500);
    assertThat(pings()).hasSize(after);
  }

  @Test
  void pingsAreCountedByOutcome() {
    io.opentelemetry.api.GlobalOpenTelemetry.resetForTest();
    io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader reader =
        io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader.create();
    io.opentelemetry.sdk.metrics.SdkMeterProvider meters =
        io.opentelemetry.sdk.metrics.SdkMeterProvider.builder()
            .registerMetricReader(reader)
            .build();
    io.opentelemetry.api.GlobalOpenTelemetry.set(
        io.opentelemetry.sdk.OpenTelemetrySdk.builder().setMeterProvider(meters).build());
    try {
      opsgenie.answerPathsEndingWith("/ping", ScriptedOpsgenie.Reply.status(503, "{}"));
      sender =
          AlertSender.builder()
              .setApiBase(opsgenie.base())
              .setApiKey(KEY)
              .setHeartbeat("hb", Duration.ofSeconds(1), false, "P3", null)
              .build();
      await().atMost(Duration.ofSeconds(20)).until(() -> sender.pinger().failed() >= 2);
      opsgenie.answerPathsEndingWith("/ping", ScriptedOpsgenie.Reply.accepted());
      await().atMost(Duration.ofSeconds(20)).until(() -> sender.pinger().sent() >= 1);
      await()
          .atMost(Duration.ofSeconds(20))
          .untilAsserted(
              () ->
                  assertThat(MetricPoints.of(reader))
                      .anySatisfy(
                          p ->
                              assertThat(p)
                                  .matches(
                                      "otel.opsgenie.heartbeat.pings\\{outcome=sent}=[1-9]\\d*"))
                      .anySatisfy(
                          p ->
                              assertThat(p)
                                  .matches(
                                      "otel.opsgenie.heartbeat.pings\\{outcome=failed}=[2-9]\\d*")));
    } finally {
      io.opentelemetry.api.GlobalOpenTelemetry.resetForTest();
      meters.close();
    }
  }

  @Test
  void noPingsWithoutAKey() {
    sender =
        AlertSender.builder()
            .setApiBase(opsgenie.base())
            .setHeartbeat("hb", Duration.ofSeconds(1), false, "P3", null)
            .build();
    assertThat(sender.pinger()).isNull();
    assertThat(sender.stateSummary()).doesNotContain("heartbeat");
  }

  private List<ScriptedOpsgenie.Recorded> pings() {
    List<ScriptedOpsgenie.Recorded> pings = new CopyOnWriteArrayList<>();
    for (ScriptedOpsgenie.Recorded r : opsgenie.requests()) {
      if (r.path.startsWith("/v2/heartbeats/") && r.path.endsWith("/ping")) {
        pings.add(r);
      }
    }
    return pings;
  }

  private int countPath(String path) {
    int n = 0;
    for (ScriptedOpsgenie.Recorded r : opsgenie.requests()) {
      if (r.path.equals(path)) {
        n++;
      }
    }
    return n;
  }

  private static OpsgenieAlert alert(String alias) {
    return AlertSenderTest.alert(alias);
  }
}
