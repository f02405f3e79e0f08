/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.otelopsgenie.LogCapture;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Recorded;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Reply;
import io.github.otelopsgenie.internal.delivery.json.RequestBodies;
import io.github.otelopsgenie.internal.delivery.json.RequestBodiesTest;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The faults of issue 4, each against a real HTTP server on 127.0.0.1, with time injected: the
 * sender's clock and sleeper are a {@link FakeTime}, so a 60 s rate-limit wait takes no time and is
 * asserted exactly. Every test also checks that the API key appears in no log record.
 */
@Timeout(60)
class AlertSenderTest {

  static final String KEY = "s3cr3t-4f1c-genie-key-0a9e";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The package's logger: its level is the sender's classes' level. */
  private static final Logger SENDER_LOGGER =
      Logger.getLogger(AlertSender.class.getPackage().getName());

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private final FakeTime time = new FakeTime();
  private final List<AlertSender> senders = new ArrayList<>();
  private LogCapture logs;
  private Level savedLevel;

  @BeforeEach
  void captureLogs() {
    logs =
        LogCapture.of(
            AlertSender.class,
            DeliveryLog.class,
            HttpOpsgenieClient.class,
            LoggingOpsgenieClient.class,
            SenderMetrics.class);
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
      assertThat(render(r)).doesNotContain(KEY);
    }
  }

  private AlertSenderBuilder builder() {
    return AlertSender.builder()
        .setApiBase(opsgenie.base())
        .setApiKey(KEY)
        .setNanoTime(time)
        .setClock(time)
        .setSleeper(time)
        .setJitter(() -> 0);
  }

  private AlertSender start(AlertSenderBuilder builder) {
    AlertSender sender = builder.build();
    senders.add(sender);
    return sender;
  }

  static OpsgenieAlert alert(String alias) {
    return OpsgenieAlert.builder(AlertType.STATUS)
        .setMessage("checkout: GET /orders answered 500")
        .setAlias(alias)
        .putDetail("alert_type", "status")
        .putDetail("status_code", "500")
        .build();
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

  // --- Opsgenie's answers ---------------------------------------------------------------------

  @Test
  void serverErrorThenAcceptedIsDeliveredOnce() {
    opsgenie.then(Reply.status(500, "{\"message\":\"Internal Server Error\"}"), Reply.accepted());
    AlertSender sender = start(builder());

    assertThat(sender.offer(alert("checkout-response-status-alert"))).isTrue();
    flush(sender);

    List<Recorded> requests = opsgenie.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(1).body).isEqualTo(requests.get(0).body);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(sender.metrics().sent).hasValue(1);
    assertThat(sender.metrics().retried).hasValue(1);
    assertThat(sender.metrics().failed).hasValue(0);
    assertThat(logs.at(Level.WARNING)).isEmpty();
  }

  @Test
  void tooManyRequestsWaitsForTheRateLimitPeriodThenDelivers() {
    opsgenie.then(
        Reply.status(
                429,
                "{\"message\":\"You are making too many requests!\",\"took\":0.001,\"requestId\":\"r-1\"}")
            .header("X-RateLimit-State", "THROTTLED")
            .header("X-RateLimit-Reason", "ACCOUNT")
            .header("X-RateLimit-Period-In-Sec", "60"),
        Reply.accepted());
    AlertSender sender = start(builder());

    sender.offer(alert("checkout-response-status-alert"));
    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(2);
    // at least the period, although the first backoff is 1 s and the maximum 30 s
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(60));
    assertThat(sender.metrics().sent).hasValue(1);
    assertThat(sender.metrics().retried).hasValue(1);
  }

  @Test
  void unauthorizedIsLoggedOnceClearlyAndNotRetried() {
    opsgenie.replyAlways(
        Reply.status(
            401,
            "{\"message\":\"Could not authenticate\",\"took\":0.002,\"requestId\":\"r-401\"}"));
    AlertSender sender = start(builder());

    sender.offer(alert("a-1"));
    sender.offer(alert("a-2"));
    sender.offer(alert("a-3"));
    flush(sender);

    assertThat(opsgenie.count()).as("one request per alert, no retries").isEqualTo(3);
    assertThat(time.sleeps()).isEmpty();
    assertThat(sender.metrics().failed).hasValue(3);
    assertThat(sender.metrics().retried).hasValue(0);
    assertThat(logs.at(Level.SEVERE))
        .containsExactly(
            "otel-opsgenie cannot deliver alerts: Opsgenie did not accept the key in otel.opsgenie.token"
                + " (HTTP 401): it is wrong, its integration is"
                + " disabled, or it belongs to another region than "
                + opsgenie.base()
                + " (EU accounts use https://api.eu.opsgenie.com), or it is not an API integration key."
                + " Alerts are not being delivered; they are not retried, and this is logged once.");
    assertThat(logs.at(Level.WARNING)).isEmpty();
  }

  @Test
  void forbiddenForAKeyThatIsNotAnApiIntegrationKeySaysSo() {
    opsgenie.replyAlways(
        Reply.status(
            403,
            "{\"code\":40301,\"message\":\"To perform this action, use an API"
                + " key from an API integration.\",\"took\":0.001,\"requestId\":\"r-403\"}"));
    AlertSender sender = start(builder());

    sender.offer(alert("a-1"));
    sender.offer(alert("a-2"));
    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(2);
    assertThat(logs.at(Level.SEVERE)).hasSize(1);
    assertThat(logs.at(Level.SEVERE).get(0))
        .startsWith(
            "otel-opsgenie cannot deliver alerts: the key in otel.opsgenie.token is not an API integration key")
        .contains("code 40301");
  }

  @Test
  void unprocessableLogsOpsgeniesMessageAndErrorsWithoutRetrying() {
    opsgenie.then(
        Reply.status(
            422,
            "{\"message\":\"Request body is not processable. Please check the errors.\","
                + "\"errors\":{\"priority\":\"should be one of [ P1, P2, P3, P4, P5 ]\"},\"took\":0.002,\"requestId\":\"r-422\"}"));
    AlertSender sender = start(builder());

    sender.offer(alert("checkout-response-status-alert"));
    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(1);
    assertThat(time.sleeps()).isEmpty();
    assertThat(logs.at(Level.WARNING))
        .containsExactly(
            "otel-opsgenie alert checkout-response-status-alert rejected by Opsgenie as not processable:"
                + " HTTP 422 \"Request body is not processable. Please check the errors.\""
                + " errors {priority=should be one of [ P1, P2, P3, P4, P5 ]} (requestId r-422)");
    assertThat(sender.metrics().failed).hasValue(1);
  }

  @Test
  void wrongBasePathIsNamedInTheLog() {
    opsgenie.then(Reply.status(405, "{\"message\":\"Request method 'POST' not supported\"}"));
    AlertSender sender = start(builder());

    sender.offer(alert("a"));
    flush(sender);

    assertThat(lines(Level.WARNING, "check otel.opsgenie.api.base")).hasSize(1);
  }

  @Test
  void serverErrorsAreRetriedWithExponentialBackoffUpToMaxAttempts() {
    opsgenie.replyAlways(Reply.status(503, ""));
    AlertSender sender =
        start(builder().setMaxAttempts(4).setInitialBackoff(Duration.ofMillis(500)));

    sender.offer(alert("checkout-response-status-alert"));
    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(4);
    assertThat(time.sleeps())
        .containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2));
    assertThat(logs.at(Level.WARNING))
        .containsExactly(
            "otel-opsgenie gave up on alert checkout-response-status-alert after 4 attempt(s) to "
                + opsgenie.base()
                + "/v2/alerts: HTTP 503");
  }

  // --- the network ----------------------------------------------------------------------------

  @Test
  void connectionRefusedIsRetriedThenReported() throws Exception {
    URI closed = URI.create("http://127.0.0.1:" + HttpOpsgenieClientTest.freePort());
    AlertSender sender = start(builder().setApiBase(closed));

    assertThat(sender.offer(alert("checkout-response-status-alert"))).isTrue();
    flush(sender);

    assertThat(time.sleeps())
        .containsExactly(
            Duration.ofSeconds(1),
            Duration.ofSeconds(2),
            Duration.ofSeconds(4),
            Duration.ofSeconds(8));
    assertThat(sender.metrics().retried).hasValue(4);
    assertThat(sender.metrics().failed).hasValue(1);
    assertThat(logs.at(Level.WARNING)).hasSize(1);
    assertThat(logs.at(Level.WARNING).get(0))
        .startsWith(
            "otel-opsgenie gave up on alert checkout-response-status-alert after 5 attempt(s) to "
                + closed
                + "/v2/alerts: java.net.ConnectException");
  }

  @Test
  void stalledServerDoesNotSlowTheRequestThread() {
    opsgenie.stall();
    AlertSender sender =
        start(
            AlertSender.builder()
                .setApiBase(opsgenie.base())
                .setApiKey(KEY)
                .setTimeout(Duration.ofSeconds(60))
                .setShutdownTimeout(Duration.ofMillis(200)));
    sender.offer(alert("first"));
    await().atMost(Duration.ofSeconds(10)).until(() -> opsgenie.count() == 1);

    // the worker now waits on an answer that does not come; the request threads must not
    int n = 20_000;
    long[] nanos = new long[n];
    for (int i = 0; i < n; i++) {
      long start = System.nanoTime();
      sender.offer(alert("alias-" + (i % 5_000)));
      nanos[i] = System.nanoTime() - start;
    }

    // bounds far below the stall (60 s) yet loose enough for a busy CI machine's scheduler
    Arrays.sort(nanos);
    assertThat(Duration.ofNanos(nanos[n / 2]))
        .as("median offer()")
        .isLessThan(Duration.ofMillis(1));
    assertThat(Duration.ofNanos(nanos[n * 99 / 100]))
        .as("p99 of offer()")
        .isLessThan(Duration.ofMillis(5));
    assertThat(Duration.ofNanos(nanos[n - 1]))
        .as("slowest offer()")
        .isLessThan(Duration.ofMillis(500));
    assertThat(opsgenie.count()).as("the stalled request is still the only one").isEqualTo(1);
    assertThat(sender.metrics().sent).hasValue(0);
    assertThat(sender.queued()).isEqualTo(1024);
    assertThat(sender.metrics().dropped.get() + sender.metrics().suppressed() + 1024).isEqualTo(n);
  }

  // --- the queue ------------------------------------------------------------------------------

  @Test
  void fullQueueDropsAreCountedAndLoggedOnce() {
    opsgenie.stall();
    AlertSender sender = start(builder().setQueueSize(2));
    sender.offer(alert("q-0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> opsgenie.count() == 1);

    List<Boolean> accepted = new ArrayList<>();
    for (int i = 1; i <= 9; i++) {
      accepted.add(sender.offer(alert("q-" + i)));
    }

    assertThat(accepted)
        .containsExactly(true, true, false, false, false, false, false, false, false);
    assertThat(sender.metrics().dropped).hasValue(7);
    opsgenie.release();
    flush(sender);
    assertThat(opsgenie.count()).isEqualTo(3);
    assertThat(logs.at(Level.WARNING))
        .containsExactly(
            "otel-opsgenie dropped 7 alert(s) because its queue of 2 was full (7 dropped in all); raise"
                + " otel.opsgenie.queue.size or otel.opsgenie.alert.cooldown if this repeats");
  }

  // --- notes ----------------------------------------------------------------------------------

  @Test
  void aNoteIsRetriedOnlyWhenNothingWasDone() {
    AlertSender sender = start(builder().setMaxAttempts(5));
    opsgenie.then(Reply.status(500, "{}"));
    assertThat(sender.note("a", "otel-opsgenie: a storm ended")).isTrue();
    flush(sender);
    // the 500 says nothing was done: retried once, accepted
    assertThat(opsgenie.requests())
        .extracting(r -> r.path)
        .containsExactly("/v2/alerts/a/notes", "/v2/alerts/a/notes");
    assertThat(opsgenie.requests().get(1).json().get("note").asText())
        .isEqualTo("otel-opsgenie: a storm ended");
    assertThat(sender.metrics().noted).hasValue(1);
    assertThat(
            new NoteItem("a", "n", null)
                .mayRetryAfter(new java.net.SocketTimeoutException("read timed out")))
        .isFalse();
    assertThat(new NoteItem("a", "n", null).mayRetryAfter(new java.net.ConnectException("refused")))
        .isTrue();
  }

  // --- shutdown and flush ---------------------------------------------------------------------

  @Test
  void shutdownWithAnAnswerThatNeverComesEndsInBoundedTimeAndReportsWhatWasNotSent() {
    opsgenie.stall();
    AlertSender sender =
        start(
            AlertSender.builder()
                .setApiBase(opsgenie.base())
                .setApiKey(KEY)
                .setTimeout(Duration.ofSeconds(60))
                .setShutdownTimeout(Duration.ofMillis(500)));
    sender.offer(alert("in-flight"));
    await().atMost(Duration.ofSeconds(10)).until(() -> opsgenie.count() == 1);
    sender.offer(alert("queued-1"));
    sender.offer(alert("queued-2"));

    long start = System.nanoTime();
    CompletableResultCode result = sender.shutdown().join(10, TimeUnit.SECONDS);
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(result.isDone()).isTrue();
    assertThat(result.isSuccess()).isFalse();
    assertThat(took).isLessThan(Duration.ofSeconds(3));
    await().atMost(Duration.ofSeconds(2)).until(() -> !sender.worker().isAlive());
    assertThat(lines(Level.WARNING, "gave up on alert in-flight")).hasSize(1);
    assertThat(lines(Level.WARNING, "shut down with 2 alert(s) still queued and not sent"))
        .hasSize(1);
    assertThat(lines(Level.INFO, "otel-opsgenie sender stopped"))
        .containsExactly(
            "otel-opsgenie sender stopped: sent=0, failed=1, dropped=2, suppressed=0, retried=0");

    // nothing after shutdown, even once the server answers again
    assertThat(sender.offer(alert("late"))).isFalse();
    opsgenie.release();
    await()
        .during(Duration.ofMillis(300))
        .atMost(Duration.ofSeconds(2))
        .until(() -> opsgenie.count() == 1);
  }

  @Test
  void shutdownDuringARateLimitWaitGivesUpInsteadOfWaiting() {
    opsgenie.replyAlways(Reply.status(429, "{}").header("X-RateLimit-Period-In-Sec", "60"));
    AlertSender sender =
        start(
            AlertSender.builder()
                .setApiBase(opsgenie.base())
                .setApiKey(KEY)
                .setShutdownTimeout(Duration.ofSeconds(2)));
    sender.offer(alert("throttled"));
    await().atMost(Duration.ofSeconds(10)).until(() -> opsgenie.count() == 1);

    long start = System.nanoTime();
    CompletableResultCode result = sender.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
    assertThat(result.isSuccess()).isFalse();
    assertThat(opsgenie.count()).isEqualTo(1);
    assertThat(
            lines(
                Level.WARNING,
                "gave up on alert throttled: shutting down, no time left to retry after HTTP 429"))
        .hasSize(1);
  }

  @RepeatedTest(10) // shutdown races the worker's drain
  void shutdownSendsWhatIsQueued() {
    AlertSender sender = start(AlertSender.builder().setApiBase(opsgenie.base()).setApiKey(KEY));
    for (int i = 0; i < 20; i++) {
      sender.offer(alert("alias-" + i));
    }

    CompletableResultCode result = sender.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(result.isSuccess()).isTrue();
    assertThat(opsgenie.count()).isEqualTo(20);
    assertThat(sender.offer(alert("late"))).isFalse();
    assertThat(sender.metrics().dropped).hasValue(1);
  }

  @Test
  void forceFlushWaitsForEverythingQueuedBeforeIt() {
    AlertSender sender = start(builder());
    for (int i = 0; i < 10; i++) {
      sender.offer(alert("alias-" + i));
    }

    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(10);
    assertThat(sender.worker().isAlive()).isTrue();
  }

  @Test
  void shutdownIsIdempotent() {
    AlertSender sender = start(builder());

    CompletableResultCode first = sender.shutdown();
    CompletableResultCode second = sender.shutdown();

    assertThat(second).isSameAs(first);
    assertThat(first.join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(sender.forceFlush().isSuccess()).isTrue();
    assertThat(lines(Level.INFO, "otel-opsgenie sender stopped")).hasSize(1);
    assertThat(sender.worker().getName()).isEqualTo("otel-opsgenie-sender");
    assertThat(sender.worker().isDaemon()).isTrue();
  }

  // --- safety -----------------------------------------------------------------------------------

  @Test
  void anExceptionOnTheWorkerIsCountedAndTheWorkerGoesOn() {
    opsgenie.then(Reply.status(500, ""));
    AlertSender sender =
        start(
            builder()
                .setSleeper(
                    nanos -> {
                      throw new IllegalStateException("sleeper broke");
                    }));

    sender.offer(alert("first"));
    sender.offer(alert("second"));
    flush(sender);

    assertThat(sender.metrics().failed).hasValue(1);
    assertThat(sender.metrics().sent).hasValue(1);
    assertThat(opsgenie.requests().get(1).json().get("alias").asText()).isEqualTo("second");
    LogRecord warning =
        logs.records.stream().filter(r -> r.getLevel() == Level.WARNING).findFirst().get();
    assertThat(warning.getThrown()).hasMessage("sleeper broke");
  }

  @Test
  void offerNeverThrows() {
    AlertSender sender = start(builder());

    assertThat(sender.offer(null)).isFalse();
    sender.shutdown().join(10, TimeUnit.SECONDS);
    assertThat(sender.offer(alert("after"))).isFalse();
  }

  @Test
  void toStringShowsTheConfigurationWithTheKeyRedacted() {
    AlertSender sender =
        start(
            AlertSender.builder()
                .setApiBase(URI.create("https://api.eu.opsgenie.com"))
                .setApiKey(KEY));

    assertThat(sender.toString())
        .isEqualTo(
            "AlertSender{apiBase=https://api.eu.opsgenie.com, auth=GenieKey ****,"
                + " timeout=PT10S, queueSize=1024, maxAttempts=5, initialBackoff=PT1S, maxBackoff=PT30S, cooldown=PT1M,"
                + " shutdownTimeout=PT5S}");
  }

  @Test
  void builderRejectsBadOptionsWithoutQuotingTheKey() {
    assertThatThrownBy(() -> AlertSender.builder().setApiKey("abc-secret\n").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Opsgenie API base is required, e.g. https://api.opsgenie.com");
    assertThatThrownBy(() -> AlertSender.builder().setQueueSize(0))
        .hasMessage("queueSize must be at least 1, was 0");
    assertThatThrownBy(() -> AlertSender.builder().setCooldown(Duration.ofSeconds(-1)))
        .hasMessage("cooldown must be zero (off) or positive, was PT-1S");
    assertThatThrownBy(
            () ->
                AlertSender.builder()
                    .setApiBase(opsgenie.base())
                    .setInitialBackoff(Duration.ofSeconds(5))
                    .setMaxBackoff(Duration.ofSeconds(1))
                    .build())
        .hasMessage("maxBackoff (PT1S) must not be shorter than initialBackoff (PT5S)");
  }

  // --- without a key ----------------------------------------------------------------------------

  @Test
  void withoutAKeyEachAlertIsLoggedAsOneJsonLineAndNothingIsSent() throws Exception {
    AlertSender sender = start(builder().setApiKey("  "));
    OpsgenieAlert alert =
        RequestBodiesTest.fullAlert().toBuilder().setDescription("line one\nline two").build();

    sender.offer(alert);
    sender.offer(alert("other"));
    flush(sender);

    List<String> lines = lines(Level.INFO, AlertSender.LOG_MODE_PREFIX);
    assertThat(lines).hasSize(2);
    assertThat(lines.get(0)).startsWith(AlertSender.LOG_MODE_PREFIX).doesNotContain("\n");
    assertThat(JSON.readTree(lines.get(0).substring(AlertSender.LOG_MODE_PREFIX.length())))
        .isEqualTo(RequestBodiesTest.parse(RequestBodies.createBody(alert)));
    assertThat(opsgenie.count()).isZero();
    assertThat(sender.client()).isInstanceOf(LoggingOpsgenieClient.class);
    assertThat(sender.metrics().logged).hasValue(2);
    assertThat(sender.toString()).contains("auth=none (alerts are logged, not sent)");
  }

  // --- auto-close -----------------------------------------------------------------------------

  @Test
  void closeIsSentByAliasBehindWhatWasQueuedBefore() throws Exception {
    AlertSender sender = start(builder().setSource("web-1"));

    sender.offer(alert("checkout /orders"));
    assertThat(
            sender.close("checkout /orders", "recovered: no failure for 5m", CloseOutcome.IGNORED))
        .isTrue();
    flush(sender);

    List<Recorded> requests = opsgenie.requests();
    assertThat(requests).hasSize(2);
    assertThat(requests.get(0).path).isEqualTo("/v2/alerts");
    assertThat(requests.get(1).path).isEqualTo("/v2/alerts/checkout%20%2Forders/close");
    assertThat(requests.get(1).query).isEqualTo("identifierType=alias");
    assertThat(requests.get(1).header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(requests.get(1).json())
        .isEqualTo(
            JSON.readTree("{\"note\":\"recovered: no failure for 5m\",\"source\":\"web-1\"}"));
    assertThat(sender.metrics().closed).hasValue(1);
    assertThat(sender.metrics().sent).hasValue(1);
  }

  @Test
  void aCloseIsRetriedLikeACreateAndAMissingAlertIsNoWarning() {
    opsgenie.then(
        Reply.status(503, ""),
        Reply.accepted(),
        Reply.status(404, "{\"message\":\"Alert does not exist\"}"));
    AlertSender sender = start(builder());

    sender.close("a", "recovered", CloseOutcome.IGNORED);
    sender.close("b", "recovered", CloseOutcome.IGNORED);
    flush(sender);

    assertThat(opsgenie.count()).isEqualTo(3);
    assertThat(time.sleeps()).containsExactly(Duration.ofSeconds(1));
    assertThat(sender.metrics().closed).hasValue(1);
    assertThat(sender.metrics().failed).hasValue(0);
    assertThat(logs.at(Level.WARNING)).isEmpty();
    assertThat(lines(Level.FINE, "close of alert b: no such open alert")).hasSize(1);
  }

  @Test
  void withoutAKeyACloseIsLoggedAsOneLine() {
    AlertSender sender = start(builder().setApiKey(null));

    sender.close("a", "recovered", CloseOutcome.IGNORED);
    flush(sender);

    assertThat(lines(Level.INFO, LoggingOpsgenieClient.CLOSE_PREFIX))
        .containsExactly(
            LoggingOpsgenieClient.CLOSE_PREFIX + "{\"alias\":\"a\",\"note\":\"recovered\"}");
    assertThat(opsgenie.count()).isZero();
  }

  @Test
  void aCloseThatCannotBeQueuedReturnsFalse() {
    AlertSender sender = start(builder());

    assertThat(sender.close(null, "x", CloseOutcome.IGNORED)).isFalse();
    assertThat(sender.close("", "x", CloseOutcome.IGNORED)).isFalse();
    sender.shutdown().join(10, TimeUnit.SECONDS);
    assertThat(sender.close("a", "x", CloseOutcome.IGNORED)).isFalse();
  }

  @Test
  void aCloseIsQueuedWhenAlertsFilledTheQueue() {
    opsgenie.stall();
    AlertSender sender = start(builder().setQueueSize(2));
    sender.offer(alert("q-0"));
    await().atMost(Duration.ofSeconds(10)).until(() -> opsgenie.count() == 1);
    assertThat(sender.offer(alert("q-1"))).isTrue();
    assertThat(sender.offer(alert("q-2"))).isTrue();
    assertThat(sender.offer(alert("q-3"))).as("the alerts' room is full").isFalse();

    assertThat(sender.close("q-0", "recovered", CloseOutcome.IGNORED))
        .as("a close has room of its own")
        .isTrue();
    opsgenie.release();
    flush(sender);
    assertThat(opsgenie.requests())
        .extracting(r -> r.path)
        .containsExactly("/v2/alerts", "/v2/alerts", "/v2/alerts", "/v2/alerts/q-0/close");
  }

  @Test
  void aDeadSenderThreadIsNoticedAndReplaced() {
    AlertSender sender = start(builder());
    Thread first = sender.worker();
    first.interrupt();
    await().atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());

    assertThat(sender.forceFlush().join(5, TimeUnit.SECONDS).isSuccess())
        .as("nobody drains the queue: a flush cannot succeed")
        .isFalse();
    assertThat(sender.offer(alert("after-death")))
        .as("the offer that noticed is refused")
        .isFalse();
    assertThat(sender.metrics().dropped).hasValue(1);
    assertThat(sender.metrics().droppedNoWorker).hasValue(1);
    assertThat(lines(Level.SEVERE, "sender thread stopped unexpectedly")).hasSize(1);

    assertThat(sender.offer(alert("after-replacement"))).isTrue();
    flush(sender);
    assertThat(sender.worker()).isNotSameAs(first);
    assertThat(sender.worker().isDaemon()).isTrue();
    assertThat(opsgenie.requests()).hasSize(1);
    assertThat(opsgenie.requests().get(0).json().get("alias").asText())
        .isEqualTo("after-replacement");
  }

  // --- metrics --------------------------------------------------------------------------------

  @Test
  void notesDeferredClosesAndReplacedThreadsAreMetricsToo() {
    GlobalOpenTelemetry.resetForTest();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setMeterProvider(meters).build());
    try {
      AlertSender sender = start(builder().setAutoClose(Duration.ofMinutes(10)));
      // an alert and a note on it (a storm's roll-up: StormGateTest)
      sender.offer(alert("storm"));
      sender.note("storm", "otel-opsgenie: a storm ended");
      flush(sender);
      // a close whose read finds the alert still occurring (another replica): deferred
      opsgenie.then(
          Reply.status(
              200,
              "{\"data\":{\"status\":\"open\",\"lastOccurredAt\":\"" + time.instant() + "\"}}"));
      assertThat(sender.close("elsewhere", "recovered", CloseOutcome.IGNORED)).isTrue();
      flush(sender);
      // a dead sender thread: the offer that finds it is refused, the thread replaced
      Thread first = sender.worker();
      first.interrupt();
      await().atMost(Duration.ofSeconds(10)).until(() -> !first.isAlive());
      assertThat(sender.offer(alert("after-death"))).isFalse();
      assertThat(sender.offer(alert("after-replacement"))).isTrue();
      flush(sender);
      assertThat(opsgenie.requests())
          .extracting(r -> r.method + " " + r.path)
          .containsExactly(
              "POST /v2/alerts",
              "POST /v2/alerts/storm/notes",
              "GET /v2/alerts/elsewhere",
              "POST /v2/alerts");

      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(MetricPoints.of(reader))
                      .contains(
                          "otel.opsgenie.alerts.noted=1",
                          "otel.opsgenie.alerts.close_deferred=1",
                          "otel.opsgenie.alerts.dropped=1",
                          "otel.opsgenie.sender.replaced=1"));
    } finally {
      GlobalOpenTelemetry.resetForTest();
      meters.close();
    }
  }

  @Test
  void aGlobalMeterProviderSetAfterTheSenderStartedStillGetsTheCounters() {
    GlobalOpenTelemetry.resetForTest();
    InMemoryMetricReader reader = InMemoryMetricReader.create();
    SdkMeterProvider meters = SdkMeterProvider.builder().registerMetricReader(reader).build();
    try {
      AlertSender sender = start(builder());
      sender.offer(alert("before"));
      flush(sender);
      assertThat(GlobalOpenTelemetry.isSet())
          .as("the sender did not fix the global to a no-op")
          .isFalse();

      // as the agent or the application does, later
      GlobalOpenTelemetry.set(OpenTelemetrySdk.builder().setMeterProvider(meters).build());
      sender.offer(alert("after"));
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
                assertThat(points).contains("otel.opsgenie.alerts.sent=2");
              });
    } finally {
      GlobalOpenTelemetry.resetForTest();
      meters.close();
    }
  }

  @Test
  void noGlobalIsAskedForBeforeOneIsSet() {
    GlobalOpenTelemetry.resetForTest();
    AlertSender sender = start(builder());
    sender.offer(alert("a"));
    flush(sender);
    sender.shutdown().join(10, TimeUnit.SECONDS);

    // the agent sets the global after our sender exists: that must still work
    assertThat(GlobalOpenTelemetry.isSet()).isFalse();
    GlobalOpenTelemetry.resetForTest();
  }

  private static String render(LogRecord r) {
    StringBuilder out = new StringBuilder(String.valueOf(r.getMessage()));
    if (r.getParameters() != null) {
      for (Object p : r.getParameters()) {
        out.append(' ').append(p);
      }
    }
    for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
      out.append(' ').append(t);
    }
    return out.toString();
  }
}
