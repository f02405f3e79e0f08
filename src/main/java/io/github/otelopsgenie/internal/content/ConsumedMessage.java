/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.rules.ConsumerRule;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;

/**
 * What a consumer span says about the message it processed, read only when its alert is raised: the
 * destination (as the alias names it), the messaging system and the consumer group. Nothing that
 * identifies the one message (partition, offset, key, id) is read.
 */
public final class ConsumedMessage {

  static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");

  /** The consumer group: the current semantic conventions' name, then Kafka's older one. */
  static final AttributeKey<String> CONSUMER_GROUP =
      AttributeKey.stringKey("messaging.consumer.group.name");

  static final AttributeKey<String> KAFKA_CONSUMER_GROUP =
      AttributeKey.stringKey("messaging.kafka.consumer.group");

  public final String destination;

  /** {@code messaging.destination.name} as the span has it; null when absent. */
  final String destinationName;

  final String system;
  final String consumerGroup;

  private ConsumedMessage(
      String destination, String destinationName, String system, String consumerGroup) {
    this.destination = destination;
    this.destinationName = destinationName;
    this.system = system;
    this.consumerGroup = consumerGroup;
  }

  public static ConsumedMessage of(Attributes attributes) {
    String group = attributes.get(CONSUMER_GROUP);
    return new ConsumedMessage(
        ConsumerRule.destination(attributes),
        attributes.get(ConsumerRule.DESTINATION_NAME),
        attributes.get(MESSAGING_SYSTEM),
        group != null ? group : attributes.get(KAFKA_CONSUMER_GROUP));
  }
}
