/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 30: the sender's own work (warm-up, key check, heartbeat read and pings) begins after the
 * host finished starting, or at the first alert, whichever comes first; once.
 */
@Timeout(60)
class DeferredStartTest {

  private static final String KEY = "deferred-start-key-0001";
  private static final long HOUR = TimeUnit.HOURS.toNanos(1);
  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private AlertSender sender;

  @AfterEach
  void tearDown() {
    if (sender != null) {
      sender.shutdown().join(10, TimeUnit.SECONDS);
    }
    opsgenie.close();
  }

  private AlertSender build(HostStartup host) {
    sender =
        AlertSender.builder()
            .setApiBase(opsgenie.base())
            .setApiKey(KEY)
            .setStartupCheck(true)
            .setHeartbeat("checkout", Duration.ofMinutes(1), false, "P3", null)
            .deferStart(host)
            .build();
    return sender;
  }

  private List<String> requests() {
    return opsgenie.requests().stream()
        .map(r -> r.method + " " + r.path.replaceAll("requests/[0-9a-f-]{36}", "requests/{id}"))
        .collect(Collectors.toList());
  }

  private long count(String request) {
    return requests().stream().filter(request::equals).count();
  }

  @Test
  void underTheAgentNothingBeginsBeforeAfterAgentThenEverythingOnce() throws Exception {
    HostStartup host = new HostStartup(0, HOUR, HOUR);
    host.expectAgent();
    build(host);
    assertThat(sender.worker().isAlive()).as("the worker's thread waits").isTrue();
    // premain goes on: no request while the agent has not said it is done
    Thread.sleep(300);
    assertThat(opsgenie.requests()).isEmpty();

    host.startedByAgent();
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count("GET /v2/heartbeats/checkout") == 1
                    && count("POST /v2/heartbeats/checkout/ping") == 1);
    assertThat(count("GET /v2/alerts/requests/{id}")).isEqualTo(1);
    assertThat(requests().get(requests().size() - 1)).isNotEqualTo("POST /v2/alerts");
  }

  @Test
  void theFirstAlertBeginsTheWorkAtOnceAndIsSentBeforeTheChecks() {
    HostStartup host = new HostStartup(0, HOUR, HOUR);
    host.expectAgent();
    build(host);
    assertThat(sender.offer(AlertSenderTest.alert("first-alert"))).isTrue();

    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count("POST /v2/alerts") == 1
                    && count("GET /v2/alerts/requests/{id}") == 1
                    && count("GET /v2/heartbeats/checkout") == 1
                    && count("POST /v2/heartbeats/checkout/ping") == 1);
    List<String> bySender =
        requests().stream().filter(r -> !r.contains("/ping")).collect(Collectors.toList());
    assertThat(bySender)
        .as("the alert first, then the key check and the heartbeat read")
        .containsExactly(
            "POST /v2/alerts", "GET /v2/alerts/requests/{id}", "GET /v2/heartbeats/checkout");

    // the agent's moment coming later begins nothing again
    host.startedByAgent();
    sender.forceFlush().join(10, TimeUnit.SECONDS);
    assertThat(count("GET /v2/alerts/requests/{id}")).isEqualTo(1);
    assertThat(count("GET /v2/heartbeats/checkout")).isEqualTo(1);
  }

  @Test
  void withoutTheAgentTheWorkBeginsADelayAfterTheBuild() {
    HostStartup host = new HostStartup(HOUR, TimeUnit.MILLISECONDS.toNanos(200), HOUR);
    build(host);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                count("GET /v2/alerts/requests/{id}") == 1
                    && count("GET /v2/heartbeats/checkout") == 1
                    && count("POST /v2/heartbeats/checkout/ping") == 1);
  }

  @Test
  void shutdownBeforeTheStartIsCleanAndSendsNothing() {
    HostStartup host = new HostStartup(0, HOUR, HOUR);
    host.expectAgent();
    build(host);
    CompletableResultCode result = sender.shutdown().join(10, TimeUnit.SECONDS);
    assertThat(result.isSuccess()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(() -> !sender.worker().isAlive());
    await().atMost(Duration.ofSeconds(10)).until(() -> !sender.pinger().thread().isAlive());
    assertThat(opsgenie.requests()).as("no warm-up request, key check or ping").isEmpty();
  }

  @Test
  void anAlertOfferedJustBeforeShutdownIsSent() {
    HostStartup host = new HostStartup(0, HOUR, HOUR);
    host.expectAgent();
    build(host);
    assertThat(sender.offer(AlertSenderTest.alert("last-words"))).isTrue();
    CompletableResultCode result = sender.shutdown().join(10, TimeUnit.SECONDS);

    assertThat(result.isSuccess()).isTrue();
    assertThat(count("POST /v2/alerts")).isEqualTo(1);
    // the alert began the work: the key check may have followed it before shutdown came, once
    assertThat(count("GET /v2/alerts/requests/{id}")).isLessThanOrEqualTo(1);
  }

  @Test
  void aFlushBeforeTheStartSucceedsAtOnceAndBeginsNothing() throws Exception {
    HostStartup host = new HostStartup(0, HOUR, HOUR);
    host.expectAgent();
    build(host);
    assertThat(sender.forceFlush().join(1, TimeUnit.SECONDS).isSuccess()).isTrue();
    Thread.sleep(200);
    assertThat(opsgenie.requests()).isEmpty();
  }

  @Test
  void theStartGateOpensOnceForWhicheverComesFirst() throws Exception {
    HostStartup host = new HostStartup(0, HOUR, HOUR);
    host.expectAgent();
    StartGate byAlert = StartGate.after(host);
    StartGate byTime = StartGate.after(host);
    assertThat(byAlert.isOpen()).isFalse();
    byAlert.ask();
    assertThat(byAlert.await()).isEqualTo(StartGate.Reason.ASKED);
    assertThat(byTime.isOpen()).isFalse();
    host.startedByAgent();
    assertThat(byTime.await()).isEqualTo(StartGate.Reason.DUE);
    assertThat(byAlert.await()).isEqualTo(StartGate.Reason.ASKED);
  }
}
