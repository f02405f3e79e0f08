/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.delivery.Senders;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import java.util.logging.Logger;

/** Builds the processor from accepted settings, with its startup log lines. */
final class Processors {

  private static final Logger logger = Logger.getLogger(Processors.class.getName());

  private Processors() {}

  static AlertingSpanProcessor create(OpsgenieSettings settings) {
    for (String warning : settings.warnings) {
      logger.warning("otel-opsgenie: " + warning);
    }
    if (!settings.hasToken()) {
      logger.warning(
          "otel-opsgenie: no otel.opsgenie.token (OTEL_OPSGENIE_TOKEN) is set, so alerts are"
              + " written to this log as JSON instead of being sent to Opsgenie");
    }
    AlertingSpanProcessor processor = new AlertingSpanProcessor(settings, Senders.create(settings));
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
    return processor;
  }
}
