/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otelopsgenie.LogCapture;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Reply;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The heartbeat's startup read: found, missing (and created), or not readable. */
class HeartbeatCheckTest {

  private static final String KEY = "heartbeat-check-key";
  private static final String FOUND =
      "{\"data\":{\"name\":\"shop-prod\",\"description\":\"\",\"interval\":%d,\"enabled\":%s,"
          + "\"intervalUnit\":\"%s\",\"expired\":false,\"alertPriority\":\"P3\"},"
          + "\"took\":0.01,\"requestId\":\"r-1\"}";
  private static final String NOT_FOUND =
      "{\"message\":\"Heartbeat with name [shop-prod] does not exist\",\"took\":0.002,"
          + "\"requestId\":\"r-2\"}";

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();
  private final LogCapture logs = LogCapture.of(HeartbeatCheck.class);
  private final HttpOpsgenieClient client =
      new HttpOpsgenieClient(opsgenie.base(), KEY, Duration.ofSeconds(5));

  @AfterEach
  void tearDown() {
    logs.close();
    opsgenie.close();
  }

  private static Heartbeat heartbeat(Duration interval, boolean create) {
    return new Heartbeat(
        "shop-prod", interval, create, "P2", "shop-service (prod) stopped: no heartbeat ping");
  }

  @Test
  void foundWithALongEnoughIntervalIsOneInfoLine() {
    opsgenie.then(Reply.status(200, String.format(FOUND, 5, "true", "minutes")));
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), false));
    ScriptedOpsgenie.Recorded get = opsgenie.requests().get(0);
    assertThat(get.method).isEqualTo("GET");
    assertThat(get.path).isEqualTo("/v2/heartbeats/shop-prod");
    assertThat(get.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(logs.records).hasSize(1);
    assertThat(logs.at(Level.INFO))
        .singleElement()
        .asString()
        .contains("heartbeat \"shop-prod\": Opsgenie expects a ping every 5 minutes")
        .contains("pinging every 60s");
  }

  @Test
  void foundWithAnIntervalShorterThanThreePingsIsAWarning() {
    opsgenie.then(Reply.status(200, String.format(FOUND, 2, "true", "minutes")));
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), false));
    assertThat(logs.at(Level.INFO)).hasSize(1);
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("its interval in Opsgenie (2 minutes) is shorter than three pings (180s)")
        .contains("at least 3 minutes");
  }

  @Test
  void foundDisabledIsAWarning() {
    opsgenie.then(Reply.status(200, String.format(FOUND, 1, "false", "hours")));
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), false));
    assertThat(logs.at(Level.INFO)).singleElement().asString().contains("1 hours, disabled");
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("the heartbeat is disabled in Opsgenie: it will not page when the service stops");
  }

  @Test
  void missingIsOneWarningSayingHowToCreateIt() {
    opsgenie.then(Reply.status(404, NOT_FOUND));
    HeartbeatCheck.run(client, heartbeat(Duration.ofSeconds(30), false));
    assertThat(opsgenie.requests()).hasSize(1);
    assertThat(logs.records).hasSize(1);
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("Opsgenie has no heartbeat of that name")
        .contains("Create it in Opsgenie")
        .contains("at least 2 minutes")
        .contains("otel.opsgenie.heartbeat.create=true");
  }

  @Test
  void keyWithoutConfigurationAccessIsOneInfoLine() {
    opsgenie.then(
        Reply.status(
            403, "{\"message\":\"You are not authorized\",\"took\":0.0,\"requestId\":\"x\"}"));
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), true));
    assertThat(opsgenie.requests()).hasSize(1);
    assertThat(logs.records).hasSize(1);
    assertThat(logs.at(Level.INFO))
        .singleElement()
        .asString()
        .contains("could not be read (HTTP 403")
        .contains("the API key may not read configuration")
        .contains("pinging every 60s regardless");
  }

  @Test
  void aBaseWithoutTheHeartbeatApiIsOneInfoLine() {
    // JSM Operations' integration base: an unknown path is 404 with a body that is not Opsgenie's
    opsgenie.then(Reply.status(404, "<html><body>Not Found</body></html>"), Reply.status(405, ""));
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), true));
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), true));
    // nothing created: the base has no such API
    assertThat(opsgenie.requests()).extracting(r -> r.method).containsExactly("GET", "GET");
    assertThat(logs.at(Level.WARNING)).isEmpty();
    assertThat(logs.at(Level.INFO))
        .hasSize(2)
        .allSatisfy(
            line ->
                assertThat(line)
                    .contains("this API base has no heartbeat API")
                    .contains("pinging every 60s regardless"));
  }

  @Test
  void noAnswerIsOneInfoLine() {
    opsgenie.close();
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), false));
    assertThat(logs.at(Level.INFO))
        .singleElement()
        .asString()
        .contains("could not be read (")
        .contains("regardless");
  }

  @Test
  void createMakesAMissingHeartbeat() throws Exception {
    opsgenie.then(
        Reply.status(404, NOT_FOUND),
        Reply.status(
            201,
            "{\"data\":{\"name\":\"shop-prod\",\"ownerTeam\":{}},\"took\":0.1,\"requestId\":\"c\"}"));
    HeartbeatCheck.run(client, heartbeat(Duration.ofSeconds(50), true));
    assertThat(opsgenie.requests()).hasSize(2);
    ScriptedOpsgenie.Recorded create = opsgenie.requests().get(1);
    assertThat(create.method).isEqualTo("POST");
    assertThat(create.path).isEqualTo("/v2/heartbeats");
    assertThat(create.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(create.header("Content-Type")).startsWith("application/json");
    JsonNode body = create.json();
    assertThat(body.get("name").asText()).isEqualTo("shop-prod");
    // three pings of 50 s = 150 s: 3 whole minutes
    assertThat(body.get("interval").asInt()).isEqualTo(3);
    assertThat(body.get("intervalUnit").asText()).isEqualTo("minutes");
    assertThat(body.get("enabled").asBoolean()).isTrue();
    assertThat(body.get("alertMessage").asText()).contains("shop-service (prod)");
    assertThat(body.get("alertPriority").asText()).isEqualTo("P2");
    assertThat(logs.at(Level.WARNING)).isEmpty();
    assertThat(logs.at(Level.INFO))
        .singleElement()
        .asString()
        .contains("created in Opsgenie")
        .contains("every 3 minutes");
  }

  @Test
  void aRefusedCreateIsAWarningNamingThePermission() {
    opsgenie.then(
        Reply.status(404, NOT_FOUND),
        Reply.status(403, "{\"message\":\"Forbidden\",\"took\":0.0,\"requestId\":\"f\"}"));
    HeartbeatCheck.run(client, heartbeat(Duration.ofMinutes(1), true));
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("refused to create it (HTTP 403")
        .contains("the API key needs configuration access");
  }

  @Test
  void theSenderReadsTheHeartbeatAfterTheKeyCheck() {
    opsgenie.answerPathsEndingWith("/ping", Reply.accepted());
    opsgenie.then(
        Reply.status(404, "{\"message\":\"Request not found.\"}"),
        Reply.status(200, String.format(FOUND, 10, "true", "minutes")));
    AlertSender sender =
        AlertSender.builder()
            .setApiBase(opsgenie.base())
            .setApiKey(KEY)
            .setStartupCheck(true)
            .setHeartbeat("shop-prod", Duration.ofMinutes(1), false, "P3", null)
            .build();
    try {
      await().atMost(Duration.ofSeconds(20)).until(() -> !logs.records.isEmpty());
      assertThat(opsgenie.requests())
          .filteredOn(r -> r.method.equals("GET"))
          .extracting(r -> r.path)
          .hasSize(2)
          .first()
          .asString()
          .startsWith("/v2/alerts/requests/");
      assertThat(opsgenie.requests())
          .filteredOn(r -> r.method.equals("GET"))
          .extracting(r -> r.path)
          .last()
          .isEqualTo("/v2/heartbeats/shop-prod");
      assertThat(logs.at(Level.INFO)).singleElement().asString().contains("every 10 minutes");
    } finally {
      sender.shutdown().join(10, TimeUnit.SECONDS);
    }
  }
}
