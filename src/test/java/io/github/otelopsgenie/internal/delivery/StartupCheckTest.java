/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.otelopsgenie.LogCapture;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * otel.opsgenie.startup.check: one GET that creates nothing, before the first alert, one log line.
 */
@Timeout(30)
class StartupCheckTest {

  private static final String KEY = "startup-check-key-0001";
  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private final LogCapture logs = LogCapture.of(StartupCheck.class);
  private AlertSender sender;

  @AfterEach
  void tearDown() {
    if (sender != null) {
      sender.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS);
    }
    logs.close();
    opsgenie.close();
  }

  private void start(URI base) {
    sender = AlertSender.builder().setApiBase(base).setApiKey(KEY).setStartupCheck(true).build();
  }

  @Test
  void notFoundForARandomRequestIdMeansTheKeyWasAccepted() {
    opsgenie.then(
        ScriptedOpsgenie.Reply.status(
            404,
            "{\"message\":\"Request not found. It might not be processed, yet.\","
                + "\"took\":0.003,\"requestId\":\"4cf5d6c1-3f2c-4c5b-9f4a-1d2e3f4a5b6c\"}"));
    start(opsgenie.base());
    await().atMost(Duration.ofSeconds(10)).until(() -> !logs.records.isEmpty());
    ScriptedOpsgenie.Recorded get = opsgenie.requests().get(0);
    assertThat(get.method).isEqualTo("GET");
    assertThat(get.path).matches("/v2/alerts/requests/[0-9a-f-]{36}");
    assertThat(get.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(get.body).isEmpty();
    assertThat(logs.at(Level.INFO))
        .singleElement()
        .asString()
        .contains("accepted the API key")
        .contains(opsgenie.base().toString());
    assertThat(logs.records).hasSize(1);
  }

  @Test
  void aJsmBaseWithoutIntegrationIsAWarningSuggestingThePath() {
    // a base one segment short: whatever answers there, it is not the alert API
    opsgenie.then(
        ScriptedOpsgenie.Reply.status(404, "{\"message\":\"Could not find the resource\"}"));
    start(opsgenie.base("/jsm/ops"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !logs.records.isEmpty());
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains(opsgenie.base("/jsm/ops").toString(), "HTTP 404", "not the Opsgenie API")
        .contains(opsgenie.base("/jsm/ops/integration").toString())
        .doesNotContain(KEY);
    assertThat(logs.records).hasSize(1);
  }

  @Test
  void aProxysNotFoundPageIsAWarningNotAnAcceptedKey() {
    opsgenie.then(
        ScriptedOpsgenie.Reply.status(404, "<html><body>404 Not Found</body></html>")
            .header("Content-Type", "text/html"));
    start(opsgenie.base());
    await().atMost(Duration.ofSeconds(10)).until(() -> !logs.records.isEmpty());
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains(opsgenie.base().toString(), "HTTP 404", "not the Opsgenie API")
        .contains("https://api.atlassian.com/jsm/ops/integration");
    assertThat(logs.at(Level.INFO)).isEmpty();
  }

  @Test
  void unauthorizedIsOneSevereLineWithBaseStatusAndCauseNeverTheKey() {
    opsgenie.then(ScriptedOpsgenie.Reply.status(401, "{\"message\":\"Key format is not valid!\"}"));
    start(opsgenie.base("/jsm/ops/integration"));
    await().atMost(Duration.ofSeconds(10)).until(() -> !logs.records.isEmpty());
    assertThat(logs.at(Level.SEVERE))
        .singleElement()
        .asString()
        .contains(opsgenie.base("/jsm/ops/integration").toString())
        .contains("HTTP 401")
        .contains("Opsgenie-only key on Jira Service Management Operations")
        .doesNotContain(KEY);
    assertThat(logs.records).hasSize(1);
    assertThat(opsgenie.requests().get(0).path)
        .startsWith("/jsm/ops/integration/v2/alerts/requests/");
  }

  @Test
  void transportFailureIsOneWarning() throws Exception {
    int port;
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      port = s.getLocalPort();
    }
    start(URI.create("http://127.0.0.1:" + port));
    await().atMost(Duration.ofSeconds(10)).until(() -> !logs.records.isEmpty());
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("could not reach")
        .doesNotContain(KEY);
  }

  @Test
  void likelyCauseNamesTheRegion() {
    assertThat(StartupCheck.likelyCause(URI.create("https://api.opsgenie.com"), 401))
        .startsWith("a key of the EU instance on the US API");
    assertThat(StartupCheck.likelyCause(URI.create("https://api.eu.opsgenie.com"), 403))
        .startsWith("a key of the US instance on the EU API");
  }

  @Test
  void offByDefaultAndWithoutTokenNothingIsCalled() throws Exception {
    sender = AlertSender.builder().setApiBase(opsgenie.base()).setApiKey(KEY).build();
    Thread.yield();
    sender.forceFlush().join(5, java.util.concurrent.TimeUnit.SECONDS);
    assertThat(opsgenie.requests()).isEmpty();
  }
}
