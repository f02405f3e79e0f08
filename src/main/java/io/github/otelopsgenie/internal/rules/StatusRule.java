/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;

/**
 * ALERT_STATUS_CODES and ALERT_STATUS_CLASSES: a listed code, or any code of a listed hundred (5XX
 * = 500..599). A code listed in both raises one alert, of the code kind.
 */
public final class StatusRule {

  private final boolean[] codes;
  private final boolean[] classes;
  private final boolean active;

  public StatusRule(OpsgenieSettings settings) {
    this(settings.statusCodes, settings.statusClasses);
  }

  public StatusRule(boolean[] codes, boolean[] classes) {
    this.codes = codes;
    this.classes = classes;
    this.active =
        !OpsgenieSettings.codes(codes).isEmpty() || !OpsgenieSettings.classes(classes).isEmpty();
  }

  /**
   * The global rule and every policy's own: a status none of them lists alerts on no route, so the
   * hot path can rule it out before looking the route up.
   */
  public static StatusRule anyOf(OpsgenieSettings settings) {
    boolean[] codes = settings.statusCodes.clone();
    boolean[] classes = settings.statusClasses.clone();
    for (Policy policy : settings.policies) {
      if (policy.statusCodes != null) {
        for (int i = 0; i < codes.length; i++) {
          codes[i] |= policy.statusCodes[i];
        }
        for (int i = 0; i < classes.length; i++) {
          classes[i] |= policy.statusClasses[i];
        }
      }
    }
    return new StatusRule(codes, classes);
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
