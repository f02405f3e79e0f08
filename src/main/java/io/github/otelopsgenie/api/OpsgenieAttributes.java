/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.api;

/**
 * The attribute names that application code (through {@link OpsgenieAlerts}) and the alerting span
 * processor agree on. At run time the two share no classes (the agent loads the processor in its
 * own class loader), only these names: they are compile-time constants, inlined on both sides.
 */
public final class OpsgenieAttributes {

  /**
   * Span attribute (boolean): this span carries an exception event marked by the helper. Set on the
   * span so the processor can find marked spans of any kind with one attribute look-up, and in the
   * span's start attributes when the helper starts a span of its own, so the sampler keeps it.
   */
  public static final String SPAN_MARKED = "otel.opsgenie.marked";

  /** Exception event attribute (boolean): the exception was handled and marked by the helper. */
  public static final String HANDLED = "otel.opsgenie.handled";

  /** Exception event attribute (string): the function that handled the exception. */
  public static final String FUNCTION = "otel.opsgenie.function";

  /** Exception event attribute (string): a priority, P1..P5, for this alert only. */
  public static final String PRIORITY = "otel.opsgenie.priority";

  /** Prefix of exception event attributes (string) copied into the alert's details. */
  public static final String DETAIL_PREFIX = "otel.opsgenie.detail.";

  /** Name of the short span the helper starts when no recording span is current. */
  public static final String HELPER_SPAN_NAME = "otel-opsgenie handled exception";

  /** Instrumentation scope of the helper's own spans. */
  public static final String INSTRUMENTATION_SCOPE = "io.github.otelopsgenie.api";

  private OpsgenieAttributes() {}
}
