/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.startup;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import java.util.logging.Logger;

/** The log lines of a processor built from accepted settings: its warnings, then what it does. */
public final class StartupLines {

  private static final Logger logger = Logger.getLogger(StartupLines.class.getName());

  private StartupLines() {}

  /** Before the processor is built: the settings' warnings, and the log mode without a token. */
  public static void warnings(OpsgenieSettings settings) {
    for (String warning : settings.warnings) {
      logger.warning("otel-opsgenie: " + warning);
    }
    if (!settings.hasToken()) {
      logger.warning(
          "otel-opsgenie: no otel.opsgenie.token (OTEL_OPSGENIE_TOKEN) is set, so alerts are"
              + " written to this log as JSON instead of being sent to Opsgenie");
    }
  }

  /** Once it is built: one INFO line of what it does, and the settings at FINE. */
  public static void started(OpsgenieSettings settings) {
    logger.info(
        "otel-opsgenie alerting is on for service "
            + (settings.serviceId != null ? settings.serviceId : "(the resource's service.name)")
            + (settings.hasToken() ? ", sending to " + settings.apiBase : ", logging alerts")
            + (settings.hasToken() && settings.heartbeatName != null
                ? ", pinging heartbeat "
                    + settings.heartbeatName
                    + " every "
                    + (settings.heartbeatInterval.toMillis() % 1000 == 0
                        ? settings.heartbeatInterval.getSeconds() + "s"
                        : settings.heartbeatInterval.toMillis() + "ms")
                : ""));
    logger.fine("otel-opsgenie settings: " + settings);
  }
}
