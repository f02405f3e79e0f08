/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.content.ConsumedMessage;
import io.github.otelopsgenie.internal.content.ConsumerAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.ConsumerRule;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collections;
import java.util.List;

/**
 * Messages that consumers failed on: a CONSUMER span that ends with an exception event raises the
 * consumer alert, through the same window, cooldown, alias budget and auto-close as request alerts.
 * A message processed without an exception costs one toSpanData() (no copy) and a look at whether
 * its event list is empty.
 */
final class ConsumerRuns extends UnroutedRuns<ConsumerRule, ConsumerAlertFactory> {

  ConsumerRuns(ConsumerRule rule, AlertFactory common, AlertRaiser raiser) {
    super(rule, new ConsumerAlertFactory(common), raiser);
  }

  /**
   * Raises the consumer alert when the message failed. False when the helper marked the span: then
   * the processor raises the handled-exception alert instead, as for any marked span.
   */
  boolean onEnd(ReadableSpan span) {
    SpanData data = span.toSpanData();
    List<EventData> events = data.getEvents();
    if (events.isEmpty()) {
      return true;
    }
    if (marked(data)) {
      return false;
    }
    EventData exception = rule.exception(events);
    if (exception == null) {
      return true;
    }
    SpanFacts facts = SpanFacts.of(span, Collections.emptyList(), exception);
    ConsumedMessage message = ConsumedMessage.of(data.getAttributes());
    raise(
        AlertType.CONSUMER,
        alerts.alias(facts, message),
        data.getEndEpochNanos(),
        () -> alerts.consumer(facts, message));
    return true;
  }
}
