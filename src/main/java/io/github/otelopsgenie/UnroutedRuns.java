/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.function.Supplier;

/**
 * Spans that are not requests of a route (job runs, consumed messages): their rule decides, their
 * factory builds the alert, and the alert goes through the same window, cooldown, alias budget and
 * auto-close as request alerts, outside any route's roll-up.
 *
 * @param <R> the rule that decides whether the span failed
 * @param <F> the factory of the span kind's alert
 */
abstract class UnroutedRuns<R, F> {

  final R rule;
  final F alerts;
  private final AlertRaiser raiser;

  UnroutedRuns(R rule, F alerts, AlertRaiser raiser) {
    this.rule = rule;
    this.alerts = alerts;
    this.raiser = raiser;
  }

  /** Whether the helper marked the span: the processor then raises the handled-exception alert. */
  static boolean marked(SpanData data) {
    return Boolean.TRUE.equals(data.getAttributes().get(ExceptionRule.MARKED));
  }

  /** Raises the alert; with no route, it is not part of any route's roll-up. */
  final void raise(AlertType type, String alias, long now, Supplier<OpsgenieAlert> build) {
    raiser.raise(type, alias, null, now, build);
  }
}
