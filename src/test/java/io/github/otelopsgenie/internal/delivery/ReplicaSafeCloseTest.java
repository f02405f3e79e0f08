/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.AlertBook;
import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAction;
import io.github.otelopsgenie.LogCapture;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Auto-close when replicas share an alias, against the stand-in that keeps alert state as Opsgenie
 * does: a close reads the alert first and closes it only when no replica made it occur within the
 * quiet period; otherwise it stays due. Closes have queue room that alerts cannot take.
 */
@Timeout(60)
class ReplicaSafeCloseTest {

  private static final String KEY = "replica-key";
  private static final String ALIAS = "shop-response-status-alert";
  private static final Duration QUIET = Duration.ofSeconds(30);

  private OpsgenieStandIn standIn;
  private final List<AlertSender> senders = new ArrayList<>();
  private LogCapture logs;

  @BeforeEach
  void start() throws Exception {
    standIn = OpsgenieStandIn.start(KEY);
    logs = LogCapture.of(AliasReads.class, DeliveryLog.class);
  }

  @AfterEach
  void stop() {
    for (AlertSender sender : senders) {
      sender.shutdown().join(10, TimeUnit.SECONDS);
    }
    standIn.close();
    logs.close();
  }

  private AlertSender sender(Clock clock) {
    AlertSender sender =
        AlertSender.builder()
            .setApiBase(URI.create(standIn.baseUrl()))
            .setApiKey(KEY)
            .setCooldown(Duration.ZERO)
            .setAutoClose(QUIET)
            .setClock(clock)
            .build();
    senders.add(sender);
    return sender;
  }

  private static Clock at(Instant instant) {
    return Clock.fixed(instant, ZoneOffset.UTC);
  }

  private static final class Outcome implements CloseOutcome {
    volatile int closed;
    volatile int notClosed;

    @Override
    public void closed() {
      closed++;
    }

    @Override
    public void notClosed() {
      notClosed++;
    }
  }

  @Test
  void anAlertAnotherReplicaStillRefreshesIsNotClosedAndStaysDue() {
    AlertSender failing = sender(Clock.systemUTC());
    AlertSender recovered = sender(Clock.systemUTC());
    failing.offer(AlertSenderTest.alert(ALIAS));
    flush(failing);
    recovered.offer(AlertSenderTest.alert(ALIAS));
    flush(recovered);
    assertThat(standIn.book().withAlias(ALIAS)).hasSize(1);
    assertThat(standIn.book().open(ALIAS).count()).isEqualTo(2);

    Outcome outcome = new Outcome();
    assertThat(recovered.close(ALIAS, "recovered", outcome)).isTrue();
    flush(recovered);

    assertThat(outcome.notClosed).isEqualTo(1);
    assertThat(outcome.closed).isZero();
    assertThat(standIn.closes()).isEmpty();
    assertThat(standIn.book().open(ALIAS)).isNotNull();
    assertThat(recovered.metrics().closeDeferred).hasValue(1);
    assertThat(standIn.actions())
        .singleElement()
        .satisfies(
            get -> {
              assertThat(get.isGet()).isTrue();
              assertThat(get.alias()).isEqualTo(ALIAS);
              assertThat(get.problems()).isEmpty();
            });
  }

  @Test
  void anAlertQuietForThePeriodEverywhereIsClosedOnce() {
    AlertSender first = sender(Clock.systemUTC());
    first.offer(AlertSenderTest.alert(ALIAS));
    flush(first);
    // a replica whose clock says the quiet period has passed since the alert last occurred
    AlertSender later = sender(at(Instant.now().plus(QUIET).plusSeconds(1)));

    Outcome outcome = new Outcome();
    later.close(ALIAS, "recovered", outcome);
    flush(later);
    assertThat(outcome.closed).isEqualTo(1);
    assertThat(standIn.closes()).hasSize(1);
    assertThat(standIn.book().open(ALIAS)).isNull();

    // closed already: the next close reads it closed and sends nothing
    later.close(ALIAS, "recovered", outcome);
    flush(later);
    assertThat(outcome.closed).isEqualTo(2);
    assertThat(standIn.closes()).hasSize(1);
    assertThat(standIn.actions()).allSatisfy(a -> assertThat(a.problems()).isEmpty());
  }

  @Test
  void aCreateAfterTheCloseOpensANewAlertAsOpsgenieDoes() {
    AlertSender sender = sender(at(Instant.now().plus(QUIET).plusSeconds(1)));
    sender.offer(AlertSenderTest.alert(ALIAS));
    flush(sender);
    sender.close(ALIAS, "recovered", CloseOutcome.IGNORED);
    flush(sender);
    sender.offer(AlertSenderTest.alert(ALIAS));
    flush(sender);
    List<AlertBook.Alert> alerts = standIn.book().withAlias(ALIAS);
    assertThat(alerts).hasSize(2);
    assertThat(alerts.get(0).isOpen()).isFalse();
    assertThat(alerts.get(1).isOpen()).isTrue();
  }

  @Test
  void withoutReadsTheAlertIsLeftOpenForAPersonAndSaysSoOnce() {
    standIn.answerReadsWith(405);
    AlertSender sender = sender(Clock.systemUTC());
    sender.offer(AlertSenderTest.alert(ALIAS));
    flush(sender);
    Outcome outcome = new Outcome();
    for (int i = 0; i < 3; i++) {
      sender.close(ALIAS, "recovered", outcome);
      flush(sender);
    }

    assertThat(outcome.notClosed).as("one answer is not evidence enough").isEqualTo(1);
    assertThat(outcome.closed).as("left open (told as done)").isEqualTo(2);
    assertThat(standIn.closes()).isEmpty();
    assertThat(standIn.book().open(ALIAS)).isNotNull();
    assertThat(standIn.actions()).hasSize(2);
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("cannot read alerts by alias", "HTTP 405", "left open for a person")
        .contains("otel.opsgenie.alert.auto.close.unread");
  }

  @Test
  void aMissingAlertIsNothingToClose() {
    AlertSender sender = sender(Clock.systemUTC());
    Outcome outcome = new Outcome();
    sender.close("never-created", "recovered", outcome);
    flush(sender);
    assertThat(outcome.closed).isEqualTo(1);
    assertThat(standIn.closes()).isEmpty();
    assertThat(standIn.actions()).extracting(ReceivedAction::answeredStatus).containsExactly(404);
  }

  @Test
  void aCloseThatFailsStaysDue() {
    AlertSender sender =
        AlertSender.builder()
            .setApiBase(URI.create("http://127.0.0.1:1"))
            .setApiKey(KEY)
            .setMaxAttempts(1)
            .setAutoClose(QUIET)
            .build();
    senders.add(sender);
    Outcome outcome = new Outcome();
    assertThat(sender.close(ALIAS, "recovered", outcome)).isTrue();
    sender.forceFlush().join(10, TimeUnit.SECONDS);
    assertThat(outcome.notClosed).isEqualTo(1);
    assertThat(outcome.closed).isZero();
  }

  private static void flush(AlertSender sender) {
    assertThat(sender.forceFlush().join(10, TimeUnit.SECONDS).isSuccess()).isTrue();
  }
}
