/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.github.otelopsgenie.internal.alert.Responder;
import java.util.List;
import java.util.regex.Pattern;

/**
 * One named policy: for the alerts of the routes it matches, who is paged and with what. A null
 * field (or -1 threshold) means "the global setting". Immutable; read by {@link PolicySettings}.
 */
public final class Policy {

  public final String name;
  public final List<Pattern> routes;

  /** P1..P5, or null for the global priority. */
  public final String priority;

  /** Null for the global responders. */
  public final List<Responder> responders;

  /** Added to the global tags; empty when none. */
  public final List<String> tags;

  /** Alias template of status and latency alerts; null for the global ones. */
  public final String alias;

  /** Own status rules (both set together), or null for the global ones. */
  public final boolean[] statusCodes;

  public final boolean[] statusClasses;

  /** Own latency threshold in nanoseconds, or -1 for the global latency rules. */
  public final long thresholdNanos;

  Policy(
      String name,
      List<Pattern> routes,
      String priority,
      List<Responder> responders,
      List<String> tags,
      String alias,
      boolean[] statusCodes,
      boolean[] statusClasses,
      long thresholdNanos) {
    this.name = name;
    this.routes = routes;
    this.priority = priority;
    this.responders = responders;
    this.tags = tags;
    this.alias = alias;
    this.statusCodes = statusCodes;
    this.statusClasses = statusClasses;
    this.thresholdNanos = thresholdNanos;
  }

  /** True when one of its route regexes matches the whole route. */
  public boolean matches(String route) {
    for (Pattern p : routes) {
      if (p.matcher(route).matches()) {
        return true;
      }
    }
    return false;
  }

  @Override
  public String toString() {
    return name
        + "{routes="
        + routes
        + (priority != null ? ", priority=" + priority : "")
        + (responders != null ? ", responders=" + responders : "")
        + (tags.isEmpty() ? "" : ", tags=" + tags)
        + (alias != null ? ", alias=" + alias : "")
        + (statusCodes != null
            ? ", statusCodes="
                + OpsgenieSettings.codes(statusCodes)
                + ", statusClasses="
                + OpsgenieSettings.classes(statusClasses)
            : "")
        + (thresholdNanos > 0 ? ", thresholdMs=" + thresholdNanos / 1_000_000 : "")
        + "}";
  }
}
