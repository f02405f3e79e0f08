/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.HeartbeatBook;
import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under the real agent, a service with a heartbeat pings it every interval with the key, from
 * startup on and whether or not any request arrives; once the service is killed (no shutdown hook,
 * as in a crash), no ping arrives any more, and Opsgenie's heartbeat would expire and page.
 */
@Timeout(300)
class HeartbeatIT {

  private static final String KEY = "it-heartbeat-key-7c1d";

  @Test
  void pingsEveryIntervalWithTheKeyAndNoneAfterTheServiceIsKilled() throws Exception {
    try (OpsgenieStandIn standIn = E2e.standIn(KEY)) {
      String name = "heartbeat-service-no-env-hb";
      standIn.heartbeats().define(name, 1, true);
      Map<String, String> env = E2e.sendTo(standIn, KEY);
      env.put("OTEL_OPSGENIE_HEARTBEAT_NAME", "{service_id}-{env}-hb");
      env.put("OTEL_OPSGENIE_HEARTBEAT_INTERVAL", "2s");
      ServiceProcess service =
          E2e.underAgent("heartbeat-service", E2e.plainJar())
              .env(env)
              .arg("--port=0")
              .start(E2e.START_TIMEOUT);
      try {
        List<HeartbeatBook.Ping> pings =
            standIn.heartbeats().awaitPings(name, 6, Duration.ofSeconds(60));
        assertThat(pings).as("pings of " + name).hasSizeGreaterThanOrEqualTo(6);
        assertThat(pings)
            .allSatisfy(
                p -> {
                  assertThat(p.key()).as("the key it carried").isEqualTo(KEY);
                  assertThat(p.authorized()).isTrue();
                  assertThat(p.problems()).isEmpty();
                });
        // a fixed rate of 2 s: no two closer than 1 s, and 2 s apart on average
        for (int i = 1; i < pings.size(); i++) {
          Duration gap = Duration.between(pings.get(i - 1).at(), pings.get(i).at());
          assertThat(gap).as("gap before ping " + i).isGreaterThanOrEqualTo(Duration.ofSeconds(1));
        }
        Duration span = Duration.between(pings.get(0).at(), pings.get(pings.size() - 1).at());
        assertThat(span.toMillis() / (pings.size() - 1)).isBetween(1700L, 2600L);
        assertThat(standIn.heartbeats().pings())
            .allSatisfy(p -> assertThat(p.name()).isEqualTo(name));
        // the startup read found it: one INFO line with its interval, no warning
        assertThat(service.lines(l -> l.contains("otel-opsgenie heartbeat \"" + name + "\"")))
            .singleElement()
            .asString()
            .contains("Opsgenie expects a ping every 1 minutes")
            .contains("pinging every 2s");
        assertThat(service.lines(l -> l.contains("pinging heartbeat " + name + " every 2s")))
            .hasSize(1);
        assertThat(service.lines(l -> l.contains(KEY))).isEmpty();

        service.kill();
        int atDeath = standIn.heartbeats().pings(name).size();
        Thread.sleep(5_000);
        assertThat(standIn.heartbeats().pings(name)).as("pings after the kill").hasSize(atDeath);
        assertThat(standIn.alerts()).isEmpty();
      } finally {
        service.close();
      }
    }
  }
}
