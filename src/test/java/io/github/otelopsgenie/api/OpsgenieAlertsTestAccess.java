/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.api;

import io.opentelemetry.api.common.Attributes;
import java.util.Collections;

/** The helper's event attributes, for tests that record a marked exception by hand. */
public final class OpsgenieAlertsTestAccess {

  private OpsgenieAlertsTestAccess() {}

  public static Attributes handled(String function) {
    return OpsgenieAlerts.eventAttributes(function, Collections.<String, String>emptyMap(), null);
  }
}
