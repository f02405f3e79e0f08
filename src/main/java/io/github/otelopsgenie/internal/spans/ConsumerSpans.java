/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import io.github.otelopsgenie.internal.admission.AlertAdmission;
import io.github.otelopsgenie.internal.admission.AlertBuilder;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.ConsumedMessage;
import io.github.otelopsgenie.internal.content.ConsumerAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.rules.ConsumerRule;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.util.Collections;
import java.util.List;

/**
 * CONSUMER spans: a message that a consumer failed on (the span ends with an exception event)
 * raises the consumer alert, through the same admission as request alerts, outside any route. A
 * message processed without an exception costs one toSpanData() (no copy) and a look at whether its
 * event list is empty.
 */
final class ConsumerSpans implements SpanAlerts {

  private final ConsumerRule rule;
  private final AlertAliases aliases;
  private final AlertAdmission admission;
  private final MarkedSpans marked;
  private final AlertBuilder builder;

  ConsumerSpans(ConsumerRule rule, ProcessorParts parts, MarkedSpans marked) {
    this.rule = rule;
    this.aliases = parts.alerts.aliases();
    this.admission = parts.admission;
    this.marked = marked;
    ConsumerAlertFactory alerts = new ConsumerAlertFactory(parts.alerts);
    this.builder =
        c ->
            alerts.consumer(
                SpanFacts.of(c.data, Collections.emptyList(), (EventData) c.detail),
                c.alias,
                ConsumedMessage.of(c.data.getAttributes()));
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanData data = span.toSpanData();
    List<EventData> events = data.getEvents();
    if (events.isEmpty()) {
      return;
    }
    if (MarkedSpans.marked(data)) {
      marked.onMarked(span);
      return;
    }
    EventData exception = rule.exception(events);
    if (exception == null) {
      return;
    }
    String destination = ConsumedMessage.of(data.getAttributes()).destination;
    admission.raise(
        AlertType.CONSUMER,
        aliases.consumer(data.getResource(), destination, ExceptionRule.typeOf(exception)),
        null,
        null,
        span,
        data.getEndEpochNanos(),
        exception,
        builder);
  }
}
