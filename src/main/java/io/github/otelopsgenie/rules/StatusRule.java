/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.rules;

import io.github.otelopsgenie.settings.OpsgenieSettings;

/**
 * ALERT_STATUS_CODES and ALERT_STATUS_CLASSES: a listed code, or any code of a listed hundred
 * (5XX = 500..599). A code listed in both raises one alert, of the code kind.
 */
public final class StatusRule {

  private final boolean[] codes;
  private final boolean[] classes;
  private final boolean active;

  public StatusRule(OpsgenieSettings settings) {
    this.codes = settings.statusCodes;
    this.classes = settings.statusClasses;
    this.active = !OpsgenieSettings.codes(codes).isEmpty() || !OpsgenieSettings.classes(classes).isEmpty();
  }

  boolean isActive() {
    return active;
  }

  /** True when {@code status} raises a status alert. */
  public boolean matches(long status) {
    return status >= 100 && status <= 599 && (codes[(int) status] || classes[(int) status / 100]);
  }

  /** True when {@code status} is listed as a code (else it matched by class). */
  public boolean matchesCode(long status) {
    return status >= 100 && status <= 599 && codes[(int) status];
  }
}
