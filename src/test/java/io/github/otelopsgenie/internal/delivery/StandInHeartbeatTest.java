/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.HeartbeatBook;
import com.example.opsgenie.standin.OpsgenieStandIn;
import io.github.otelopsgenie.LogCapture;
import io.github.otelopsgenie.internal.delivery.json.HeartbeatAnswer;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.net.URI;
import java.time.Duration;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The stand-in answers heartbeat pings, reads and creates as Opsgenie does, so that the end-to-end
 * tests and the demo can show them: our client's requests pass, and it records what arrived.
 */
class StandInHeartbeatTest {

  private static final String KEY = "heartbeat-key";

  private OpsgenieStandIn standIn;
  private HttpOpsgenieClient client;

  @BeforeEach
  void start() throws Exception {
    standIn = OpsgenieStandIn.start(KEY);
    client = new HttpOpsgenieClient(URI.create(standIn.baseUrl()), KEY, Duration.ofSeconds(5));
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void aPingIsAcceptedAndRecordedWithItsKeyEvenForAnUnknownHeartbeat() throws Exception {
    OpsgenieResponse pong = client.pingHeartbeat("shop prod/hb");
    assertThat(pong.statusCode).isEqualTo(202);
    assertThat(pong.requestId).isNotBlank();
    HeartbeatBook.Ping ping = standIn.heartbeats().pings().get(0);
    assertThat(ping.name()).isEqualTo("shop prod/hb");
    assertThat(ping.key()).isEqualTo(KEY);
    assertThat(ping.authorized()).isTrue();
    assertThat(ping.problems()).isEmpty();

    HttpOpsgenieClient wrongKey =
        new HttpOpsgenieClient(URI.create(standIn.baseUrl()), "other", Duration.ofSeconds(5));
    assertThat(wrongKey.pingHeartbeat("shop prod/hb").statusCode).isEqualTo(401);
    assertThat(standIn.heartbeats().pings("shop prod/hb"))
        .extracting(HeartbeatBook.Ping::authorized)
        .containsExactly(true, false);
  }

  @Test
  void aCreatedHeartbeatIsReadable() throws Exception {
    HeartbeatAnswer missing = client.getHeartbeat("shop-prod");
    assertThat(missing.response.statusCode).isEqualTo(404);
    assertThat(missing.fromOpsgenie).isTrue();

    try (LogCapture logs = LogCapture.of(HeartbeatCheck.class)) {
      HeartbeatCheck.run(
          client, new Heartbeat("shop-prod", Duration.ofMinutes(1), true, "P2", "shop stopped"));
      assertThat(logs.at(Level.INFO)).singleElement().asString().contains("created in Opsgenie");
    }
    HeartbeatBook.Heartbeat created = standIn.heartbeats().created().get(0);
    assertThat(created.interval()).isEqualTo(3);
    assertThat(created.intervalUnit()).isEqualTo("minutes");
    assertThat(created.enabled()).isTrue();
    assertThat(created.alertPriority()).isEqualTo("P2");

    HeartbeatAnswer found = client.getHeartbeat("shop-prod");
    assertThat(found.response.statusCode).isEqualTo(200);
    assertThat(found.intervalMillis).isEqualTo(Duration.ofMinutes(3).toMillis());
    assertThat(found.enabled).isTrue();
  }
}
