/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.Demo;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The README's demo (mvn -B -q -Pdemo verify) runs the same code: it must keep passing. */
class DemoIT {

  @Test
  @Timeout(180)
  void demoShowsEveryAlertTypeAndStopsByItself() throws Exception {
    Path logs = E2e.logFile("demo").getParent().resolve("demo");
    Files.createDirectories(logs);
    Path output = logs.resolve("demo-output.txt");
    int exit;
    try (PrintStream out =
        new PrintStream(Files.newOutputStream(output), true, StandardCharsets.UTF_8)) {
      exit =
          Demo.run(
              E2e.serviceJava(),
              E2e.agentJar(),
              E2e.extensionJar(),
              E2e.springJar(),
              E2e.grpcJar(),
              null,
              logs,
              out);
    }
    assertThat(exit).as("demo exit code; its output: %s", output).isZero();
    assertThat(Files.readString(output))
        .contains(
            "[STATUS]",
            "[LATENCY]",
            "[EXCEPTION]",
            "[HANDLED_EXCEPTION]",
            "[MISCONFIGURATION]",
            "[JOB]",
            "[DEPENDENCY]",
            "[CONSUMER]",
            "[RPC_STATUS]")
        .contains("OK: every alert type arrived")
        .contains("created at startup: shop-service-heartbeat")
        .contains("PING shop-service-heartbeat")
        .contains("no ping in the 4 s since");
  }
}
