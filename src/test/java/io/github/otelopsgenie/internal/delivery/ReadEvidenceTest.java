/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.LogCapture;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Recorded;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Reply;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * A close reads the alert first and decides on evidence only: an API counts as without reads only
 * on a definite answer (405, or a 404 that is not Opsgenie's JSON) seen twice in a row; anything
 * else that is not an alert read keeps the close due and reads again later; nothing is closed on
 * what could not be read. Without reads the alert is left open for a person unless {@code
 * alert.auto.close.unread}.
 */
@Timeout(60)
class ReadEvidenceTest {

  private static final String KEY = "evidence-key";
  private static final String ALIAS = "shop-response-status-alert";
  private static final Duration QUIET = Duration.ofMinutes(10);
  private static final String OPSGENIE_BODY = ",\"took\":0.002,\"requestId\":\"r-1\"}";

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private final LogCapture logs = LogCapture.of(AliasReads.class, DeliveryLog.class);
  private AlertSender sender;

  @AfterEach
  void tearDown() {
    if (sender != null) {
      sender.shutdown().join(10, TimeUnit.SECONDS);
    }
    logs.close();
    opsgenie.close();
  }

  private AlertSender sender(boolean closeUnread) {
    sender =
        AlertSender.builder()
            .setApiBase(opsgenie.base("/jsm/ops/integration"))
            .setApiKey(KEY)
            .setCooldown(Duration.ZERO)
            .setAutoClose(QUIET)
            .setAutoCloseUnread(closeUnread)
            .setMaxAttempts(3)
            .setInitialBackoff(Duration.ofMillis(1))
            .setMaxBackoff(Duration.ofMillis(1))
            .build();
    return sender;
  }

  static final class Outcome implements CloseOutcome {
    volatile int closed;
    volatile int notClosed;
    volatile int leftOpen;

    @Override
    public void closed() {
      closed++;
    }

    @Override
    public void notClosed() {
      notClosed++;
    }

    @Override
    public void leftOpen() {
      leftOpen++;
    }
  }

  private Outcome close() {
    Outcome outcome = new Outcome();
    assertThat(sender.close(ALIAS, "recovered", outcome)).isTrue();
    assertThat(sender.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    return outcome;
  }

  private List<Recorded> closes() {
    return opsgenie.requests().stream()
        .filter(r -> r.method.equals("POST") && r.path.endsWith("/close"))
        .collect(Collectors.toList());
  }

  private List<Recorded> reads() {
    return opsgenie.requests().stream()
        .filter(r -> r.method.equals("GET"))
        .collect(Collectors.toList());
  }

  private static Reply alert(String lastOccurredAt) {
    return Reply.status(
        200,
        "{\"data\":{\"alias\":\""
            + ALIAS
            + "\",\"status\":\"open\""
            + (lastOccurredAt == null ? "" : ",\"lastOccurredAt\":\"" + lastOccurredAt + "\"")
            + "}"
            + OPSGENIE_BODY);
  }

  private static String quietSince() {
    return Instant.now().minus(QUIET).minusSeconds(60).toString();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "a redirect|302|<html>moved</html>",
        "a transient 400|400|{\"message\":\"Bad request\"" + OPSGENIE_BODY,
        "a 404 of Opsgenie's for another reason|404|{\"message\":\"Not found here\""
            + OPSGENIE_BODY,
        "a 402|402|{\"message\":\"plan\"" + OPSGENIE_BODY,
        "a 5xx|503|<html>busy</html>",
        "a 429|429|{\"message\":\"You are making too many requests!\"" + OPSGENIE_BODY,
        "a proxy's 200 page|200|<html><body>portal</body></html>",
        "a 200 cut short|200|{\"data\":{\"status\":\"open\",\"lastOccurredAt\":\"2026-12-07T1",
        "a 200 without lastOccurredAt|200|{\"data\":{\"status\":\"open\"}" + OPSGENIE_BODY,
        "an unreadable lastOccurredAt|200|{\"data\":{\"status\":\"open\",\"lastOccurredAt\":\"yesterday\"}"
            + OPSGENIE_BODY,
      })
  void whatCouldNotBeReadIsNotClosedAndIsReadAgainLater(String what, int status, String body) {
    sender(false);
    opsgenie.then(Reply.status(status, body), Reply.status(status, body));
    Outcome first = close();
    Outcome second = close();
    assertThat(closes()).as("nothing closed on what could not be read").isEmpty();
    assertThat(first.notClosed).isEqualTo(1);
    assertThat(second.notClosed).isEqualTo(1);
    assertThat(first.closed + first.leftOpen + second.closed + second.leftOpen).isZero();

    // reads are not given up on: once the alert reads as quiet, it is closed
    opsgenie.then(alert(quietSince()));
    Outcome third = close();
    assertThat(third.closed).isEqualTo(1);
    assertThat(closes()).hasSize(1);
    assertThat(reads()).as("one read per close, never retried at once").hasSize(3);
    assertThat(logs.at(Level.SEVERE)).isEmpty();
  }

  @Test
  void aTimedOutReadIsNotClosedAndIsReadAgainLater() {
    sender =
        AlertSender.builder()
            .setApiBase(opsgenie.base())
            .setApiKey(KEY)
            .setCooldown(Duration.ZERO)
            .setAutoClose(QUIET)
            .setTimeout(Duration.ofMillis(300))
            .build();
    opsgenie.stall();
    Outcome first = close();
    opsgenie.release();
    assertThat(first.notClosed).isEqualTo(1);
    assertThat(closes()).isEmpty();
    assertThat(reads()).as("the read is not retried at once").hasSize(1);

    // (an answer for every request: the stalled one may still take a scripted reply)
    opsgenie.answer(r -> r.method.equals("GET") ? alert(quietSince()) : Reply.accepted());
    assertThat(close().closed).isEqualTo(1);
    assertThat(reads()).hasSize(2);
    assertThat(closes()).hasSize(1);
  }

  @Test
  void aKeyThatMayNotReadIsOneWarningAndCreatesGoOn() {
    sender(false);
    String forbidden =
        "{\"code\":40301,\"message\":\"You are not authorized to read alerts\"" + OPSGENIE_BODY;
    opsgenie.then(Reply.status(403, forbidden), Reply.status(403, forbidden));
    Outcome first = close();
    Outcome second = close();
    assertThat(first.notClosed + second.notClosed).isEqualTo(2);
    assertThat(closes()).isEmpty();
    sender.offer(AlertSenderTest.alert(ALIAS));
    assertThat(sender.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(opsgenie.requests()).last().satisfies(r -> assertThat(r.path).endsWith("/alerts"));
    assertThat(sender.metrics().sent).hasValue(1);

    assertThat(logs.at(Level.SEVERE)).isEmpty();
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("key may not read alerts", "HTTP 403", "closes nothing it could not read")
        .contains("Alerts are created as usual")
        .doesNotContain(KEY);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      value = {
        "405|405|{\"message\":\"Request method 'GET' not supported\"}",
        "a 404 that is not Opsgenie's JSON|404|<html><h1>Not Found</h1></html>",
        "a gateway's 404 JSON|404|{\"errorMessages\":[\"Not Found\"]}",
      })
  void withoutReadsOnTwoDefiniteAnswersTheAlertIsLeftOpenForAPerson(
      String what, int status, String body) {
    sender(false);
    opsgenie.replyAlways(Reply.status(status, body));
    Outcome first = close();
    assertThat(first.notClosed).as("one answer is not evidence enough").isEqualTo(1);
    assertThat(logs.at(Level.WARNING)).isEmpty();

    Outcome second = close();
    assertThat(second.leftOpen).isEqualTo(1);
    Outcome third = close();
    assertThat(third.leftOpen).isEqualTo(1);
    assertThat(closes()).as("never closed unread by default").isEmpty();
    assertThat(reads()).as("no more reads once known").hasSize(2);
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("cannot read alerts by alias", "HTTP " + status, "Jira Service Management")
        .contains("left open for a person", "otel.opsgenie.alert.auto.close.unread=true")
        .contains(opsgenie.base("/jsm/ops/integration").toString());
  }

  @Test
  void withoutReadsAndCloseUnreadTheAlertIsClosedUnreadAndSaysSoOnce() {
    sender(true);
    opsgenie.answer(
        r ->
            r.method.equals("GET")
                ? Reply.status(404, "<html>Not Found</html>")
                : Reply.accepted());
    Outcome first = close();
    assertThat(first.notClosed).isEqualTo(1);
    Outcome second = close();
    Outcome third = close();
    assertThat(second.closed + third.closed).isEqualTo(2);
    assertThat(closes()).hasSize(2);
    assertThat(reads()).hasSize(2);
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("closes unread", "single instance");
  }

  @Test
  void anAlertReadBetweenTwoDefiniteAnswersStartsTheCountAgain() {
    sender(false);
    opsgenie.then(
        Reply.status(405, "{}"),
        alert(Instant.now().toString()),
        Reply.status(405, "{}"),
        alert(Instant.now().toString()));
    assertThat(close().notClosed).isEqualTo(1);
    assertThat(close().notClosed).as("still occurring").isEqualTo(1);
    assertThat(close().notClosed).as("a first answer again").isEqualTo(1);
    assertThat(close().notClosed).isEqualTo(1);
    assertThat(reads()).hasSize(4);
    assertThat(logs.at(Level.WARNING)).isEmpty();
  }

  @Test
  void opsgeniesNoSuchAlertIsNothingToClose() {
    sender(false);
    opsgenie.then(Reply.status(404, "{\"message\":\"Alert does not exist\"" + OPSGENIE_BODY));
    assertThat(close().closed).isEqualTo(1);
    assertThat(closes()).isEmpty();
  }
}
