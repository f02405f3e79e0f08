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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A service started with an API base that carries credentials ({@code https://user:secret@...}) is
 * reported at startup, under the real agent, in one SEVERE line that names the setting without its
 * user info; the service serves on, and nothing is sent anywhere (no valid base to send to).
 */
@Timeout(300)
class BadApiBaseIT {

  private static final String KEY = "it-bad-base-key";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_API_BASE", "https://ops:s3cret-pw@127.0.0.1:" + standIn.port());
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
    service =
        E2e.underAgent("bad-base-service", E2e.plainJar())
            .env(env)
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.stop(standIn, service);
  }

  @Test
  void oneSevereLineNamesTheSettingWithoutItsUserInfo() throws Exception {
    assertThat(get(service.baseUrl(), "/status/500", Trace.fresh()).status()).isEqualTo(500);
    List<String> severe = E2e.extensionErrors(service);
    assertThat(severe).hasSize(1);
    assertThat(severe.get(0))
        .contains("otel.opsgenie.api.base=https://****@127.0.0.1:")
        .contains("is invalid: expected an http(s) URL without user info")
        .doesNotContain("s3cret-pw");
    assertThat(service.lines(l -> l.contains("s3cret-pw"))).isEmpty();
    assertThat(service.lines(l -> l.contains("OpenTelemetry Javaagent failed to start"))).isEmpty();
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(standIn.alerts()).isEmpty();
  }
}
