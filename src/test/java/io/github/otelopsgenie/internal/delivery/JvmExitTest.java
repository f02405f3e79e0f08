/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * "The JVM exits": a real JVM whose main returns while the sender waits on an Opsgenie that never
 * answers, nothing shut down, exits at once; neither the sender's threads nor the processor's
 * auto-close thread keep it alive.
 */
@Timeout(60)
class JvmExitTest {

  @Test
  void theJvmExitsWhileTheSenderWaitsOnAnOpsgenieThatNeverAnswers(@TempDir Path dir)
      throws Exception {
    String output = runToExit(ExitingMain.class.getName(), dir);
    assertThat(output).contains("MAIN-RETURNS");
  }

  @Test
  void theJvmExitsWithTheProcessorAliveItsAutoCloseThreadScheduled(@TempDir Path dir)
      throws Exception {
    // by name: a test of the delivery package does not depend on the package above it
    String output = runToExit("io.github.otelopsgenie.ExitingProcessorMain", dir);
    assertThat(output).contains("AUTO-CLOSE-THREAD=true", "MAIN-RETURNS");
  }

  /** Runs {@code mainClass} in a JVM of its own; it must exit by itself, with 0, within 20 s. */
  private static String runToExit(String mainClass, Path dir) throws Exception {
    Path out = dir.resolve("out.txt");
    String java =
        System.getProperty("java.home") + File.separator + "bin" + File.separator + "java";
    Process process =
        new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), mainClass)
            .redirectErrorStream(true)
            .redirectOutput(out.toFile())
            .start();

    boolean exited = process.waitFor(20, TimeUnit.SECONDS);
    if (!exited) {
      process.destroyForcibly();
    }
    String output = new String(Files.readAllBytes(out), StandardCharsets.UTF_8);
    assertThat(exited).as("the JVM exited within 20 s; its output: %s", output).isTrue();
    assertThat(process.exitValue()).as(output).isZero();
    return output;
  }
}
