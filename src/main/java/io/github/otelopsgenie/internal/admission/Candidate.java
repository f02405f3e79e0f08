/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.function.Supplier;

/**
 * An alert a rule decided on and admission let through: what the rule decided (its alias formed
 * once, its route's decision, what else it found, and its kind, which its {@link AlertBuilder}
 * stands for) and the ended span's data, waiting in the sender's queue for the builder to run on
 * the sender's thread. Made only once admitted: a request held back makes none. Five references (32
 * bytes): it is what an admitted alert costs the request thread beside the queue's item.
 */
public final class Candidate implements Supplier<OpsgenieAlert> {

  public final String alias;

  /** The route's decision (its policy, its thresholds); null for a span outside any route. */
  public final RouteMatcher.Decision route;

  /** The ended span's data (immutable: wrapped, not copied); null for the alias-budget alert. */
  public final SpanData data;

  /**
   * What the rule found beside the span: the exception event or the {@code error.type}, whether the
   * status matched by code, the route's breach, the dependency's window; null when nothing.
   */
  public final Object detail;

  private final AlertBuilder builder;

  Candidate(
      String alias,
      RouteMatcher.Decision route,
      SpanData data,
      Object detail,
      AlertBuilder builder) {
    this.alias = alias;
    this.route = route;
    this.data = data;
    this.detail = detail;
    this.builder = builder;
  }

  /** The route decision's policy; null without a route or a policy. */
  public io.github.otelopsgenie.internal.settings.Policy policy() {
    return route != null ? route.policy : null;
  }

  /** Builds the alert: on the sender's thread, once. */
  @Override
  public OpsgenieAlert get() {
    return builder.build(this);
  }
}
