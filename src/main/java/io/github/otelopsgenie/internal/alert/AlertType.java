/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.alert;

/** Why an alert was raised. Not sent to Opsgenie as such: it shows in the details and the tags. */
public enum AlertType {
  /** A request answered with a configured status code or status class. */
  STATUS,
  /** A gRPC call on a monitored route ended with a configured gRPC status code. */
  RPC_STATUS,
  /** A request on a monitored route took longer than the threshold. */
  LATENCY,
  /** A request recorded an exception (unhandled, or marked with {@code recordException}). */
  EXCEPTION,
  /** Application code marked a caught exception with the helper (the seed's manual alert). */
  HANDLED_EXCEPTION,
  /** A route's error rate over the window reached {@code otel.opsgenie.alert.error.rate}. */
  ERROR_RATE,
  /** A route's latency percentile over the window went above its threshold. */
  LATENCY_PERCENTILE,
  /** A run of a scheduled job ended with an exception or an error status. */
  JOB,
  /** A message consumer (a CONSUMER span, such as a Kafka listener's) ended with an exception. */
  CONSUMER,
  /** Calls to one dependency failed at or above {@code otel.opsgenie.dependency.error.rate}. */
  DEPENDENCY,
  /**
   * More distinct aliases than {@code otel.opsgenie.alert.alias.budget} would have opened alerts.
   */
  ALIAS_BUDGET,
  /** The configuration was rejected at startup, so alerting is off. */
  MISCONFIGURATION
}
