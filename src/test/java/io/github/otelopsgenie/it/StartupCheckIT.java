/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ServiceProcess;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A key the API refuses is reported at startup, under the real agent, before any request: one
 * SEVERE line naming the base, the status and the likely cause, never the key.
 */
@Timeout(300)
class StartupCheckIT {

  @Test
  void refusedKeyIsOneSevereLineWithinSecondsOfStartupAndBeforeAnyRequest() throws Exception {
    String revoked = "it-revoked-key-9f8e";
    try (OpsgenieStandIn standIn = E2e.standIn("it-the-only-valid-key")) {
      Map<String, String> env = E2e.sendTo(standIn, revoked);
      env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
      try (ServiceProcess service =
          E2e.underAgent("revoked-key-service", E2e.plainJar())
              .env(env)
              .arg("--port=0")
              .start(E2e.START_TIMEOUT)) {
        String severe =
            service.awaitLine(
                l ->
                    l.contains("otel-opsgenie startup check")
                        && (l.contains("SEVERE") || l.contains("ERROR")),
                Duration.ofSeconds(10));
        assertThat(severe)
            .as("the startup check's SEVERE line")
            .isNotNull()
            .contains(standIn.baseUrl())
            .contains("HTTP 401")
            .contains("Likely cause")
            .doesNotContain(revoked);
        // before any request: the one call was the check, no alert was sent
        assertThat(standIn.alerts()).isEmpty();
        assertThat(standIn.statusChecks())
            .singleElement()
            .satisfies(
                check ->
                    assertThat(check.problems())
                        .containsExactly(
                            "Authorization header carries a key other than the expected one"));
        assertThat(service.lines(l -> l.contains("otel-opsgenie startup check"))).hasSize(1);
        assertThat(service.lines(l -> l.contains(revoked))).isEmpty();
      }
    }
  }
}
