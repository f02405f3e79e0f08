/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 27's key-in-clear case, under the real agent: a plain-http API base on a host that is not
 * loopback by name ({@value #HOST}) is rejected with one SEVERE line, and nothing is sent there,
 * not even the misconfiguration alert. The name resolves to 127.0.0.1 inside the service's JVM only
 * ({@code -Djdk.net.hosts.file}), where the stand-in listens: had the key leaked, the stand-in
 * would have seen it. A control service whose configuration allows plain http ({@code
 * api.allow.insecure=true}, another setting invalid) does reach the stand-in through that name.
 */
@Timeout(300)
class InsecureBaseIT {

  private static final String KEY = "it-insecure-key";
  static final String HOST = "opsgenie-standin.test";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;
  private static ServiceProcess control;
  private static Path hosts;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    hosts = E2e.logFile("insecure-base-hosts").resolveSibling("insecure-base.hosts");
    Files.createDirectories(hosts.getParent());
    // only loopback: the service's JVM resolves these names to 127.0.0.1 and nothing else
    Files.write(
        hosts,
        ("127.0.0.1 "
                + HOST
                + "\n127.0.0.1 localhost\n127.0.0.1 "
                + InetAddress.getLocalHost().getHostName()
                + "\n")
            .getBytes(StandardCharsets.US_ASCII));
    service = service("insecure-base-service", Map.of());
    control =
        service(
            "insecure-allowed-service",
            Map.of(
                "OTEL_OPSGENIE_API_ALLOW_INSECURE", "true", "OTEL_OPSGENIE_ALERT_PRIORITY", "P9"));
  }

  private static ServiceProcess service(String name, Map<String, String> more) throws Exception {
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_API_BASE", "http://" + HOST + ":" + standIn.port());
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
    env.putAll(more);
    return E2e.underAgent(name, E2e.plainJar())
        .env(env)
        .systemProperty("jdk.net.hosts.file", hosts.toString())
        .arg("--port=0")
        .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    try {
      E2e.stop(null, control);
    } finally {
      E2e.stop(standIn, service);
    }
  }

  @Test
  void aPlainHttpBaseOffLoopbackIsOneSevereLineAndReceivesNothing() throws Exception {
    // the control proves the name leads to the stand-in: its misconfiguration alert arrives there
    await()
        .atMost(E2e.ALERT_TIMEOUT)
        .until(
            () ->
                standIn.alerts().stream()
                    .anyMatch(
                        a ->
                            a.alias()
                                .equals("insecure-allowed-service-otel-opsgenie-misconfigured")));

    assertThat(get(service.baseUrl(), "/status/500", Trace.fresh()).status()).isEqualTo(500);
    List<String> severe = E2e.extensionErrors(service);
    assertThat(severe).hasSize(1);
    assertThat(severe.get(0))
        .contains("otel.opsgenie.api.base=http://" + HOST + ":" + standIn.port())
        .contains("is invalid: expected https", "otel.opsgenie.api.allow.insecure=true")
        .doesNotContain(KEY);
    assertThat(service.lines(l -> l.contains("OpenTelemetry Javaagent failed to start"))).isEmpty();

    // as long again as the control's alert took, and more: nothing from the refused service
    Thread.sleep(E2e.QUIET.multipliedBy(3).toMillis());
    assertThat(standIn.alerts())
        .as("only the control's misconfiguration alert")
        .allSatisfy(a -> assertThat(a.alias()).startsWith("insecure-allowed-service-"))
        .hasSize(1);
    assertThat(standIn.statusChecks()).isEmpty();
    assertThat(standIn.closes()).isEmpty();
    assertThat(standIn.actions()).isEmpty();
    assertThat(standIn.otherRequests()).isEmpty();
  }
}
