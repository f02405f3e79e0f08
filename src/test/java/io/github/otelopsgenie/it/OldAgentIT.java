/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Under the last 1.x agent (1.33.6, old HTTP semantic conventions), which the extension does not
 * support, the extension says so in one WARNING naming the agent's version and the oldest supported
 * one, and the service runs as before.
 */
@Timeout(300)
class OldAgentIT {

  private static final String KEY = "it-old-agent-key";
  private static final String SERVICE = "old-agent-service";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
    service =
        E2e.underAgent(SERVICE, E2e.plainJar())
            .agent(E2e.oldAgentJar())
            .env(env)
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.stop(standIn, service);
  }

  @Test
  void oneWarningNamesTheAgentAndTheSupportedRange() throws Exception {
    assertThat(get(service.baseUrl(), "/ok", Trace.fresh()).status()).isEqualTo(200);
    String warning =
        service.awaitLine(
            l -> l.contains("otel-opsgenie runs in the OpenTelemetry Java agent"),
            Duration.ofSeconds(30));
    assertThat(warning)
        .as("the unsupported-agent warning in %s", E2e.logFile(SERVICE))
        .isNotNull()
        .contains("1.33.6", "does not support", "2.26.1 or newer");
    assertThat(service.lines(l -> l.contains("otel-opsgenie runs in the OpenTelemetry Java agent")))
        .hasSize(1);
    assertThat(service.lines(l -> l.contains("OpenTelemetry Javaagent failed to start"))).isEmpty();
  }
}
