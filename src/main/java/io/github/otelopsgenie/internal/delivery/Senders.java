/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import java.net.URI;
import java.time.Duration;

/** Builds the {@link AlertSender} that a set of settings asks for. */
public final class Senders {

  private Senders() {}

  public static AlertSender create(OpsgenieSettings settings) {
    return AlertSender.builder()
        .setApiBase(settings.apiBase)
        .setApiKey(settings.token)
        .setTimeout(settings.timeout)
        .setQueueSize(settings.queueSize)
        .setMaxAttempts(settings.maxAttempts)
        .setInitialBackoff(settings.initialBackoff)
        .setMaxBackoff(settings.maxBackoff)
        .setCooldown(settings.cooldown)
        .setAutoClose(Duration.ofNanos(Math.max(0, settings.autoCloseNanos)))
        .setAutoCloseUnread(settings.autoCloseUnread)
        .setSource(settings.host)
        .setStartupCheck(settings.startupCheck)
        .setHeartbeat(
            settings.heartbeatName,
            settings.heartbeatInterval,
            settings.heartbeatCreate,
            settings.priority,
            settings.heartbeatAlertMessage)
        .deferStart(HostStartup.PROCESS)
        .build();
  }

  /**
   * A short-lived sender for the one alert that says the configuration was rejected. It is shut
   * down as soon as the alert is offered (shutdown does not block the caller); its worker then has
   * a minute to deliver, retries included, so that a slow start of the service (a loaded machine, a
   * cold JIT) does not lose the one alert.
   */
  public static AlertSender forMisconfiguration(URI apiBase, String token) {
    return AlertSender.builder()
        .setApiBase(apiBase)
        .setApiKey(token)
        .setTimeout(Duration.ofSeconds(10))
        .setQueueSize(1)
        .setMaxAttempts(3)
        .setCooldown(Duration.ZERO)
        .setShutdownTimeout(Duration.ofMinutes(1))
        .build();
  }
}
