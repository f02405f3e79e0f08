/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.List;

/**
 * Consumer alerts: a CONSUMER span (the process span of a Kafka, JMS or RabbitMQ listener, as the
 * agent records one per message) that ends with an exception event. Its alias names the
 * destination: a template name when the instrumentation gives one, else the destination's name,
 * never a per-message value (partition, offset, message id).
 */
public final class ConsumerRule {

  public static final AttributeKey<String> DESTINATION_TEMPLATE =
      AttributeKey.stringKey("messaging.destination.template");
  public static final AttributeKey<String> DESTINATION_NAME =
      AttributeKey.stringKey("messaging.destination.name");
  static final AttributeKey<Boolean> DESTINATION_TEMPORARY =
      AttributeKey.booleanKey("messaging.destination.temporary");
  static final AttributeKey<Boolean> DESTINATION_ANONYMOUS =
      AttributeKey.booleanKey("messaging.destination.anonymous");

  /** The destination of a consumer span that names none (the span name is not bounded enough). */
  public static final String UNKNOWN_DESTINATION = "unknown-destination";

  private final ExceptionRule exceptions;

  ConsumerRule(ExceptionRule exceptions) {
    this.exceptions = exceptions;
  }

  /** Null when consumer alerts are off: the processor then never asks. */
  public static ConsumerRule of(OpsgenieSettings settings, ExceptionRule exceptions) {
    return settings.alertConsumers ? new ConsumerRule(exceptions) : null;
  }

  /** The exception event the message failed with (the first one not ignored), or null. */
  public EventData exception(List<EventData> events) {
    return exceptions.firstRecorded(events);
  }

  /**
   * What the alias calls the destination: {@code messaging.destination.template}, else {@code
   * messaging.destination.name}; {@code (temporary)} or {@code (anonymous)} for a destination that
   * only lives as long as its consumer (its name would be a fresh one each time).
   */
  public static String destination(Attributes attributes) {
    String template = attributes.get(DESTINATION_TEMPLATE);
    if (template != null && !template.isEmpty()) {
      return template;
    }
    if (Boolean.TRUE.equals(attributes.get(DESTINATION_TEMPORARY))) {
      return "(temporary)";
    }
    if (Boolean.TRUE.equals(attributes.get(DESTINATION_ANONYMOUS))) {
      return "(anonymous)";
    }
    String name = attributes.get(DESTINATION_NAME);
    return name != null && !name.isEmpty() ? name : UNKNOWN_DESTINATION;
  }
}
