/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;

/**
 * A JVM whose main thread returns while the sender is stuck on an Opsgenie that accepts the
 * connection and never answers, with an alert queued behind it: {@link JvmExitTest} runs it in its
 * own process. Nothing calls shutdown; the JVM must exit anyway.
 */
public final class ExitingMain {

  private ExitingMain() {}

  public static void main(String[] args) throws Exception {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AlertSender sender =
        AlertSender.builder()
            .setApiBase(URI.create("http://127.0.0.1:" + silent.getLocalPort()))
            .setApiKey("exit-key")
            .setTimeout(Duration.ofMinutes(10))
            .build();
    OpsgenieAlert alert =
        OpsgenieAlert.builder(AlertType.STATUS).setMessage("m").setAlias("a").build();
    sender.offer(alert);
    sender.offer(OpsgenieAlert.builder(AlertType.STATUS).setMessage("m").setAlias("b").build());
    sender.forceFlush();
    System.out.println("MAIN-RETURNS");
  }
}
