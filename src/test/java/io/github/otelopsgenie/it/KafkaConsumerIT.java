/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16, message consumers, end to end: the Spring Boot example's {@code @KafkaListener} under
 * the real agent, against the in-process KRaft broker the example starts itself ({@code
 * --example.kafka.embedded=true}). Events it processes raise nothing; the poisoned one raises
 * exactly one consumer alert, as the Opsgenie stand-in sees it.
 */
@Timeout(120)
class KafkaConsumerIT {

  private static final String KEY = "it-kafka-consumer-key";
  private static final String SERVICE_ID = "orders-shop";
  private static final String ALIAS =
      SERVICE_ID + "-order-events-OrderEventRejectedException-consumer-alert";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    service =
        E2e.underAgent("kafka-consumer-service", E2e.springJar())
            .env(env)
            .arg("--server.port=0")
            .arg("--example.kafka.embedded=true")
            // the scheduled job stays quiet: it is BeyondHttpIT's
            .arg("--example.report.interval-ms=600000")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.checkContractAndStop(standIn, service);
  }

  @Test
  void poisonedMessageRaisesExactlyOneConsumerAlert() throws Exception {
    for (String event : List.of("order-1-paid", "order-2-shipped")) {
      assertThat(post(service.baseUrl(), "/order-events?event=" + event).status()).isEqualTo(200);
    }
    awaitProcessed(2);
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(standIn.alerts()).as("processed events raise nothing").isEmpty();

    assertThat(post(service.baseUrl(), "/order-events?event=poison-7").status()).isEqualTo(200);
    List<ReceivedAlert> alerts = standIn.await(a -> ALIAS.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts).as("consumer alert; the stand-in received %s", standIn.alerts()).hasSize(1);
    ReceivedAlert alert = alerts.get(0);
    assertThat(alert.message())
        .isEqualTo(
            "Consumer of order-events failed : OrderEventRejectedException: unreadable order event"
                + " poison-7 | Alert generated from "
                + SERVICE_ID);
    assertThat(alert.details())
        .containsEntry("alert_type", "consumer")
        .containsEntry("destination", "order-events")
        .containsEntry("messaging_system", "kafka")
        .containsEntry("consumer_group", "billing")
        .containsEntry(
            "exception_type", "com.example.opsgenie.spring.OrderEvents.OrderEventRejectedException")
        .containsEntry("exception_message", "unreadable order event poison-7")
        .containsEntry("span_name", "order-events process")
        .containsKeys("trace_id", "exception_stacktrace");
    assertThat(alert.detail("trace_id")).matches("[0-9a-f]{32}");
    assertThat(alert.detail("exception_stacktrace"))
        .contains("at com.example.opsgenie.spring.OrderEvents.onOrderEvent(");

    // a good event after it: still exactly the one alert, and nothing else at all
    assertThat(post(service.baseUrl(), "/order-events?event=order-3-paid").status()).isEqualTo(200);
    awaitProcessed(3);
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(standIn.alerts()).extracting(ReceivedAlert::alias).containsExactly(ALIAS);
  }

  private static void awaitProcessed(long count) throws InterruptedException {
    long deadline = System.nanoTime() + E2e.ALERT_TIMEOUT.toNanos();
    String processed = "";
    while (System.nanoTime() < deadline) {
      processed = E2e.get(service.baseUrl(), "/order-events/processed", null).body();
      if (processed.equals(Long.toString(count))) {
        return;
      }
      Thread.sleep(Duration.ofMillis(100).toMillis());
    }
    throw new AssertionError("the listener processed " + processed + " events, not " + count);
  }
}
