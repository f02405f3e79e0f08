/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.startup;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.AlertSender;
import io.github.otelopsgenie.internal.delivery.Senders;
import io.github.otelopsgenie.internal.settings.InvalidSettingsException;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.ServiceIdentity;
import io.opentelemetry.sdk.resources.Resource;
import java.util.Collections;
import java.util.Locale;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A silently disabled alerter is dangerous: when the configuration is rejected but the API key and
 * base are valid, one alert says that alerting is off and why. Sent from the sender's own thread;
 * startup does not wait for it.
 */
public final class Misconfiguration {

  private static final Logger logger = Logger.getLogger(Misconfiguration.class.getName());

  private Misconfiguration() {}

  public static void report(InvalidSettingsException e, Resource resource) {
    if (e.token() == null || e.apiBase() == null) {
      return;
    }
    try {
      String host = ServiceIdentity.hostName(resource);
      OpsgenieAlert alert =
          alert(e.serviceId(), host, e.priority(), String.join("\n", e.problems()));
      AlertSender sender = Senders.forMisconfiguration(e.apiBase(), e.token());
      sender.offer(alert);
      sender.shutdown();
    } catch (Throwable t) {
      logger.log(Level.WARNING, "otel-opsgenie could not send the misconfiguration alert", t);
    }
  }

  /** The one alert sent when the configuration was rejected and alerting is off. */
  static OpsgenieAlert alert(String serviceId, String host, String priority, String problems) {
    return OpsgenieAlert.builder(AlertType.MISCONFIGURATION)
        .setMessage("otel-opsgenie alerting is OFF for " + serviceId + ": invalid configuration")
        .setAlias(serviceId + "-otel-opsgenie-misconfigured")
        .setDescription(
            "The otel-opsgenie extension of "
                + serviceId
                + " on host "
                + host
                + " rejected its configuration at startup, so it sends no alerts until the"
                + " configuration is fixed and the service restarted. The service itself and its"
                + " tracing run normally.\n\n"
                + problems)
        .setPriority(priority)
        .setEntity(serviceId)
        .setSource(host)
        .setTags(Collections.singletonList(OpsgenieSettings.DEFAULT_TAG))
        .putDetail("alert_type", AlertType.MISCONFIGURATION.name().toLowerCase(Locale.ROOT))
        .putDetail("service_id", serviceId)
        .putDetail("host", host)
        .putDetail("problems", problems)
        .build();
  }
}
