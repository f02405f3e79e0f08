/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otelopsgenie.LogCapture;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.delivery.AlertSenderBuilder;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.delivery.CloseOutcome;
import io.github.otelopsgenie.internal.delivery.FakeTime;
import io.github.otelopsgenie.internal.delivery.MetricPoints;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Recorded;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Reply;
import io.github.otelopsgenie.internal.delivery.TestSenders;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Storm control before a real sender (moved here from the sender's test with storm control): the
 * cooldown per alias, the count carried by the next alert, the roll-up note of a storm that ended
 * (on the sender's thread), the counts given back for an alert the queue dropped, an alias
 * forgotten on auto-close, and the counts and maps reported with the sender's. Against a real HTTP
 * server on 127.0.0.1, with time injected ({@link FakeTime}); the API key appears in no log record.
 */
@Timeout(60)
class StormGateTest {

  private static final String KEY = "s3cr3t-4f1c-genie-key-0a9e";
  private static final String DELIVERY = AlertSender.class.getPackage().getName();
  private static final Logger SENDER_LOGGER = Logger.getLogger(DELIVERY);

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private final FakeTime time = new FakeTime();
  private final List<AlertSender> senders = new ArrayList<>();
  private LogCapture logs;
  private Level savedLevel;

  @BeforeEach
  void captureLogs() {
    logs = LogCapture.ofNames(DELIVERY, StormGate.class.getName());
    savedLevel = SENDER_LOGGER.getLevel();
    SENDER_LOGGER.setLevel(Level.ALL);
    SENDER_LOGGER.setUseParentHandlers(false);
  }

  @AfterEach
  void stopAndCheckTheKeyNeverLeaked() {
    for (AlertSender sender : senders) {
      sender.shutdown().join(10, TimeUnit.SECONDS);
    }
    opsgenie.close();
    logs.close();
    SENDER_LOGGER.setLevel(savedLevel);
    SENDER_LOGGER.setUseParentHandlers(true);
    for (LogRecord r : logs.records) {
      assertThat(String.valueOf(r.getMessage())).doesNotContain(KEY);
    }
  }

  private AlertSenderBuilder builder() {
    return TestSenders.onTime(opsgenie.base(), KEY, time);
  }

  private AlertSender start(AlertSenderBuilder builder) {
    AlertSender sender = builder.build();
    senders.add(sender);
    return sender;
  }

  /** Storm control before {@code sender}, with its cooldown, on the test's clocks. */
  private StormGate gate(AlertSender sender) {
    return StormGate.before(
        sender, sender.cooldown(), StormControl.DEFAULT_MAX_ALIASES, time, time);
  }

  static OpsgenieAlert alert(String alias) {
    return OpsgenieAlert.builder(AlertType.STATUS)
        .setMessage("checkout: GET /orders answered 500")
        .setAlias(alias)
        .putDetail("alert_type", "status")
        .putDetail("status_code", "500")
        .build();
  }

  /**
   * What admission does with an occurrence: storm control (counting {@code route} when held back),
   * then the sink, the alert built on the sender's thread. True when queued or held back.
   */
  private static boolean offer(
      StormGate gate, String alias, String route, Supplier<OpsgenieAlert> build) {
    StormReport report = gate.admit(alias, route);
    return report == null || gate.enqueue(alias, report, build);
  }

  private static boolean offer(StormGate gate, String alias) {
    return offer(gate, alias, null, () -> alert(alias));
  }

  private static void flush(AlertSender sender) {
    assertThat(sender.forceFlush().join(20, TimeUnit.SECONDS).isSuccess()).isTrue();
  }

  private List<String> lines(Level level, String containing) {
    List<String> out = new ArrayList<>();
    for (String line : logs.at(level)) {
      if (line.contains(containing)) {
        out.add(line);
      }
    }
    return out;
  }

  @Test
  void aStormThatEndsGetsExactlyOneRollUpNoteWithItsCountAndRoutes() {
    AlertSender sender = start(builder());
    StormGate gate = gate(sender);
    String alias = "checkout-response-status-alert";
    offer(gate, alias, "/orders/{id}", () -> alert(alias));
    for (int i = 0; i < 30; i++) {
      time.advance(Duration.ofSeconds(1));
      offer(gate, alias, i % 3 == 0 ? "/cart" : "/orders/{id}", () -> alert(alias));
    }
    flush(sender);
    assertThat(opsgenie.requests()).hasSize(1);

    // the window closes at 60 s; a whole cooldown later without an occurrence, the storm has ended
    time.advance(Duration.ofSeconds(90));
    flush(sender);
    time.advance(Duration.ofSeconds(300));
    flush(sender);

    List<Recorded> requests = opsgenie.requests();
    assertThat(requests).hasSize(2);
    Recorded note = requests.get(1);
    assertThat(note.method).isEqualTo("POST");
    assertThat(note.path).isEqualTo("/v2/alerts/" + alias + "/notes");
    assertThat(note.query).isEqualTo("identifierType=alias");
    assertThat(note.json().get("note").asText())
        .startsWith(
            "otel-opsgenie: 30 more occurrence(s) of this alert between 2025-01-01T00:00:01Z and"
                + " 2025-01-01T00:00:30Z were held back by the cooldown (60000ms)")
        .endsWith("Routes seen most often: /orders/{id} (20), /cart (10).");
    assertThat(TestSenders.noted(sender)).isEqualTo(1);
  }

  @Test
  void aRollUpNoteIsNotRetriedAfterATimeout() {
    AlertSender sender = start(TestSenders.maxAttempts(builder(), 5));
    StormGate gate = gate(sender);
    opsgenie.then(Reply.accepted(), Reply.status(500, "{}"));
    String alias = "a";
    offer(gate, alias, "/x", () -> alert(alias));
    time.advance(Duration.ofSeconds(1));
    offer(gate, alias, "/x", () -> alert(alias));
    time.advance(Duration.ofSeconds(200));
    flush(sender);
    // the 500 says nothing was done: retried once, accepted (a timeout is not retried: the
    // sender's test, aNoteIsRetriedOnlyWhenNothingWasDone)
    assertThat(opsgenie.requests())
        .extracting(r -> r.path)
        .containsExactly("/v2/alerts", "/v2/alerts/a/notes", "/v2/alerts/a/notes");
  }

  @Test
  void stormOfFiftyThousandOnOneAliasCostsAFewCallsAndCarriesTheCount() {
    AlertSender sender = start(builder());
    StormGate gate = gate(sender);

    // 50,000 failures, one every 6 ms: five minutes of simulated time
    for (int i = 0; i < 50_000; i++) {
      assertThat(offer(gate, "checkout-response-status-alert")).isTrue();
      time.advance(Duration.ofMillis(6));
    }
    flush(sender);

    List<Recorded> requests = opsgenie.requests();
    assertThat(requests).hasSize(5);
    assertThat(requests.get(0).json().get("details").has(StormReport.SUPPRESSED_COUNT)).isFalse();
    JsonNode second = requests.get(1).json().get("details");
    assertThat(second.get("suppressed_count").asText()).isEqualTo("9999");
    assertThat(second.get("first_seen").asText()).isEqualTo("2025-01-01T00:00:00.006Z");
    assertThat(second.get("last_seen").asText()).isEqualTo("2025-01-01T00:00:59.994Z");
    assertThat(second.get("status_code").asText()).isEqualTo("500");
    long reported = 0;
    for (Recorded r : requests) {
      reported += r.json().get("details").path("suppressed_count").asLong(0);
      assertThat(ScriptedOpsgenie.violations(r.json())).isEmpty();
    }
    assertThat(reported).isEqualTo(4 * 9_999);
    assertThat(TestSenders.suppressed(sender)).isEqualTo(50_000 - 5);
    assertThat(TestSenders.dropped(sender)).isZero();

    sender.shutdown().join(10, TimeUnit.SECONDS);
    assertThat(lines(Level.INFO, "otel-opsgenie sender stopped"))
        .containsExactly(
            "otel-opsgenie sender stopped: sent=5, failed=0, dropped=0, suppressed=49995, retried=0"
                + " (9999 suppressed occurrence(s) had no later alert to report them)");
  }

  @Test
  void concurrentStormOnOneAliasIsSentOnce() throws Exception {
    AlertSender sender = start(TestSenders.real(opsgenie.base(), KEY));
    StormGate gate = StormGate.before(sender);
    CountDownLatch go = new CountDownLatch(1);
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 8; t++) {
      Thread thread =
          new Thread(
              () -> {
                try {
                  go.await();
                } catch (InterruptedException e) {
                  return;
                }
                for (int i = 0; i < 6_250; i++) {
                  offer(gate, "checkout-response-status-alert");
                }
              });
      thread.start();
      threads.add(thread);
    }
    go.countDown();
    for (Thread thread : threads) {
      thread.join();
    }
    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(1);
    assertThat(TestSenders.suppressed(sender)).isEqualTo(49_999);
  }

  @Test
  void anAlertHeldBackByTheCooldownIsNeverBuilt() {
    AlertSender sender = start(builder());
    StormGate gate = gate(sender);
    AtomicInteger built = new AtomicInteger();

    for (int i = 0; i < 100; i++) {
      assertThat(
              offer(
                  gate,
                  "storm-alias",
                  null,
                  () -> {
                    built.incrementAndGet();
                    return alert("storm-alias");
                  }))
          .isTrue();
    }
    flush(sender);

    assertThat(built).hasValue(1);
    assertThat(opsgenie.count()).isEqualTo(1);
    assertThat(TestSenders.suppressed(sender)).isEqualTo(99);
  }

  @Test
  void zeroCooldownSendsEveryOccurrence() {
    AlertSender sender = start(builder().setCooldown(Duration.ZERO));
    StormGate gate = gate(sender);

    for (int i = 0; i < 5; i++) {
      offer(gate, "same");
    }
    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(5);
    assertThat(TestSenders.suppressed(sender)).isZero();
    assertThat(gate.summary()).isEmpty();
  }

  @Test
  void cooldownRemembersAtMostTenThousandAliases() {
    AlertSender sender = start(builder().setQueueSize(1));
    StormGate gate = gate(sender);

    for (int i = 0; i < 25_000; i++) {
      offer(gate, "alias-" + i);
    }

    assertThat(gate.size()).isEqualTo(StormControl.DEFAULT_MAX_ALIASES);
    assertThat(gate.summary()).isEqualTo("storm-control aliases=10000 (at most 10000)");
  }

  @Test
  void anAlertTheQueueDropsGivesItsCountBackForTheNext() {
    opsgenie.stall();
    AlertSender sender = start(builder().setQueueSize(1));
    StormGate gate = gate(sender);
    offer(gate, "a");
    await().atMost(Duration.ofSeconds(10)).until(() -> opsgenie.count() == 1);
    time.advance(Duration.ofSeconds(1));
    offer(gate, "a");
    time.advance(Duration.ofSeconds(1));
    offer(gate, "a");
    assertThat(offer(gate, "other")).as("fills the queue").isTrue();

    // the cooldown is over: let through with the two held back, but the queue is full
    time.advance(Duration.ofSeconds(59));
    assertThat(offer(gate, "a")).isFalse();
    assertThat(TestSenders.dropped(sender)).isEqualTo(1);
    opsgenie.release();
    flush(sender);
    // the counts went back, and the window is open again: the next one carries them
    time.advance(Duration.ofSeconds(1));
    assertThat(offer(gate, "a")).isTrue();
    flush(sender);

    List<Recorded> requests = opsgenie.requests();
    assertThat(requests)
        .extracting(r -> r.json().get("alias").asText())
        .containsExactly("a", "other", "a");
    JsonNode details = requests.get(2).json().get("details");
    assertThat(details.get("suppressed_count").asText()).isEqualTo("2");
    assertThat(details.get("first_seen").asText()).isEqualTo("2025-01-01T00:00:01Z");
    assertThat(details.get("last_seen").asText()).isEqualTo("2025-01-01T00:00:02Z");
    assertThat(TestSenders.suppressed(sender)).isEqualTo(2);
  }

  @Test
  void anAutoCloseEndsTheCooldownSoARecurrenceIsSentAtOnce() {
    AlertSender sender = start(builder());
    StormGate gate = gate(sender);
    OpenAlerts open = new OpenAlerts(TimeUnit.SECONDS.toNanos(1));
    AutoCloser closer = new AutoCloser(open, sender, gate, sdkClock(), TimeUnit.SECONDS.toNanos(1));

    offer(gate, "a");
    open.opened("a", sdkClock().now(), null, "status");
    time.advance(Duration.ofSeconds(1));
    closer.closeRecovered();
    time.advance(Duration.ofSeconds(1));
    offer(gate, "a");
    flush(sender);

    assertThat(opsgenie.requests())
        .extracting(r -> r.path)
        .containsExactly("/v2/alerts", "/v2/alerts/a/close", "/v2/alerts");
    assertThat(TestSenders.suppressed(sender)).isZero();
  }

  /** The test's wall clock as the SDK's, for auto-close. */
  private io.opentelemetry.sdk.common.Clock sdkClock() {
    return new io.opentelemetry.sdk.common.Clock() {
      @Override
      public long now() {
        return TimeUnit.SECONDS.toNanos(time.instant().getEpochSecond()) + time.instant().getNano();
      }

      @Override
      public long nanoTime() {
        return time.getAsLong();
      }
    };
  }

  @Test
  void aSpanThatJustEndedIsDecidedOnItsEndTimeWithoutReadingTheClock() {
    AtomicInteger reads = new AtomicInteger();
    LongSupplier counted =
        () -> {
          reads.incrementAndGet();
          return time.getAsLong();
        };
    List<Supplier<OpsgenieAlert>> kept = new ArrayList<>();
    StormGate gate =
        StormGate.before(
            new KeepingSink(kept),
            Duration.ofSeconds(60),
            StormControl.DEFAULT_MAX_ALIASES,
            counted,
            time);
    long start = TimeUnit.MILLISECONDS.toNanos(FakeTime.START.toEpochMilli());
    reads.set(0);

    assertThat(gate.admit("a", null, start)).isSameAs(StormReport.NONE);
    assertThat(gate.admit("a", "/x", start + TimeUnit.SECONDS.toNanos(1))).isNull();
    assertThat(gate.admit("a", "/x", start + TimeUnit.SECONDS.toNanos(2))).isNull();
    assertThat(reads).as("span end times near the last reading: no clock read").hasValue(0);

    // a span ended with a time of its own an hour ago: the clock is read instead
    assertThat(gate.admit("b", null, start - TimeUnit.HOURS.toNanos(1))).isSameAs(StormReport.NONE);
    assertThat(reads).hasValue(1);

    // the sender's tick reads both clocks again; a minute later "a" is let through with its count
    time.advance(Duration.ofSeconds(61));
    gate.tick();
    reads.set(0);
    StormReport report = gate.admit("a", null, start + TimeUnit.SECONDS.toNanos(61));
    assertThat(reads).hasValue(0);
    assertThat(report.suppressed).isEqualTo(2);
    assertThat(report.firstMillis).isEqualTo(FakeTime.START.toEpochMilli() + 1_000);
    assertThat(report.lastMillis).isEqualTo(FakeTime.START.toEpochMilli() + 2_000);
    assertThat(gate.enqueue("a", report, () -> alert("a"))).isTrue();
    assertThat(kept.get(0).get().getDetails())
        .containsEntry(StormReport.SUPPRESSED_COUNT, "2")
        .containsEntry(StormReport.FIRST_SEEN, "2025-01-01T00:00:01Z")
        .containsEntry(StormReport.LAST_SEEN, "2025-01-01T00:00:02Z");
    assertThat(gate.heldBack()).isEqualTo(2);
  }

  /** Keeps what it is handed, unbuilt; has no thread of its own. */
  private static final class KeepingSink implements AlertSink {
    private final List<Supplier<OpsgenieAlert>> kept;

    KeepingSink(List<Supplier<OpsgenieAlert>> kept) {
      this.kept = kept;
    }

    @Override
    public boolean enqueue(String alias, Supplier<OpsgenieAlert> build) {
      return kept.add(build);
    }

    @Override
    public boolean close(String alias, String note, CloseOutcome outcome) {
      return true;
    }

    @Override
    public boolean note(String alias, String text) {
      return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  // --- metrics --------------------------------------------------------------------------------

  @Test
  void countersAreMetricsWhenAGlobalMeterProviderIsSet() {
    GlobalOpenTelemetry.resetForTest();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setMeterProvider(meters).build());
    try {
      AlertSender sender = start(builder());
      StormGate gate = gate(sender);
      offer(gate, "a");
      offer(gate, "a");
      flush(sender);

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () -> {
                List<String> points = new ArrayList<>();
                for (MetricData metric : reader.collectAllMetrics()) {
                  metric
                      .getLongSumData()
                      .getPoints()
                      .forEach(p -> points.add(metric.getName() + "=" + p.getValue()));
                }
                assertThat(points)
                    .contains(
                        "otel.opsgenie.alerts.sent=1",
                        "otel.opsgenie.alerts.suppressed=1",
                        "otel.opsgenie.alerts.failed=0",
                        "otel.opsgenie.alerts.dropped=0",
                        "otel.opsgenie.alerts.retried=0");
              });
    } finally {
      GlobalOpenTelemetry.resetForTest();
      meters.close();
    }
  }

  @Test
  void rollUpsAndStormControlAreMetricsToo() {
    GlobalOpenTelemetry.resetForTest();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setMeterProvider(meters).build());
    try {
      AlertSender sender = start(builder().setAutoClose(Duration.ofMinutes(10)));
      StormGate gate = gate(sender);
      // a storm that ends: one roll-up note
      offer(gate, "storm", "/x", () -> alert("storm"));
      time.advance(Duration.ofSeconds(1));
      offer(gate, "storm", "/x", () -> alert("storm"));
      time.advance(Duration.ofSeconds(200));
      flush(sender);
      assertThat(opsgenie.requests())
          .extracting(r -> r.method + " " + r.path)
          .containsExactly("POST /v2/alerts", "POST /v2/alerts/storm/notes");

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(MetricPoints.of(reader))
                      .contains(
                          "otel.opsgenie.alerts.noted=1",
                          "otel.opsgenie.state.entries{map=storm_control}=" + gate.size(),
                          "otel.opsgenie.state.limit{map=storm_control}=10000",
                          "otel.opsgenie.state.evicted{map=storm_control}=0"));
    } finally {
      GlobalOpenTelemetry.resetForTest();
      meters.close();
    }
  }
}
