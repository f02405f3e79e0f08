/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;

/**
 * The alert of a message a consumer failed on: which destination, which exception, the messaging
 * system and consumer group, and the trace; nothing that names the one message. Shares the common
 * parts (priority, tags, responders, service, configured details, stack trace) with {@link
 * AlertFactory}.
 */
public final class ConsumerAlertFactory {

  private final AlertFactory common;

  public ConsumerAlertFactory(AlertFactory common) {
    this.common = common;
  }

  public OpsgenieAlert consumer(SpanFacts facts, String alias, ConsumedMessage message) {
    String thrown =
        facts.exceptionSimpleName()
            + (facts.exceptionMessage != null ? ": " + facts.exceptionMessage : "");
    OpsgenieAlert.Builder alert =
        common
            .start(AlertType.CONSUMER, facts)
            .setMessage(
                common.message(facts, "Consumer of " + message.destination, " failed : " + thrown))
            .setAlias(alias)
            .setDescription(describe(facts, message));
    alert
        .putDetail("destination", message.destination)
        .putDetail(
            "destination_name",
            message.destinationName != null && !message.destinationName.equals(message.destination)
                ? message.destinationName
                : null)
        .putDetail("messaging_system", message.system)
        .putDetail("consumer_group", message.consumerGroup)
        .putDetail("exception_type", facts.exceptionType)
        .putDetail("exception_message", facts.exceptionMessage)
        .putDetail("duration_ms", AlertText.formatMillis(facts.durationNanos))
        .putDetail("span_kind", "consumer")
        .putDetail("span_name", facts.spanName)
        .putDetail("trace_id", facts.traceId)
        .putDetail("span_id", facts.spanId)
        .putDetail("trace_url", common.traceUrl(facts));
    return common.finish(alert, facts);
  }

  private String describe(SpanFacts facts, ConsumedMessage message) {
    StringBuilder sb = new StringBuilder();
    sb.append("A message from ")
        .append(message.destination)
        .append(message.system != null ? " (" + message.system + ")" : "")
        .append(message.consumerGroup != null ? ", consumer group " + message.consumerGroup : "")
        .append(", consumed by service ")
        .append(common.sid(facts))
        .append(", failed : ")
        .append(facts.exceptionType)
        .append(facts.exceptionMessage != null ? ": " + facts.exceptionMessage : "")
        .append(".\n");
    return AlertText.endRun(sb, "Processing took ", facts, common);
  }
}
