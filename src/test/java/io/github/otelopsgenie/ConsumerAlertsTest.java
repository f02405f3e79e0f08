/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.api.OpsgenieAttributes;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Consumer alerts through a real SDK, with spans shaped as the agent's spring-kafka instrumentation
 * makes a listener's process span (observed under agent 2.33.1: docs/request-facts.md).
 */
class ConsumerAlertsTest {

  static final String SPRING_KAFKA = "io.opentelemetry.spring-kafka-2.7";

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private SdkTracerProvider provider;
  private AlertingSpanProcessor processor;

  private void setUp(String... settings) {
    setUp(Resource.empty(), settings);
  }

  private void setUp(Resource resource, String... settings) {
    processor = new AlertingSpanProcessor(TestSettings.of(settings), sink, clock, false);
    provider =
        SdkTracerProvider.builder()
            .setClock(clock)
            .setResource(resource)
            .addSpanProcessor(processor)
            .build();
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  /** A Kafka listener's process span for the message at {@code offset} of {@code topic}. */
  private void process(String topic, long offset, Consumer<Span> body) {
    process(topic, offset, b -> {}, body);
  }

  private void process(
      String topic, long offset, Consumer<SpanBuilder> attributes, Consumer<Span> body) {
    Tracer tracer =
        provider.tracerBuilder(SPRING_KAFKA).setInstrumentationVersion("2.33.1-alpha").build();
    SpanBuilder builder =
        tracer
            .spanBuilder(topic + " process")
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", topic)
            .setAttribute("messaging.operation", "process")
            .setAttribute("messaging.kafka.consumer.group", "billing")
            .setAttribute("messaging.destination.partition.id", Long.toString(offset % 3))
            .setAttribute("messaging.kafka.message.offset", offset)
            .setAttribute("messaging.client_id", "consumer-billing-1");
    attributes.accept(builder);
    Span span = builder.startSpan();
    body.accept(span);
    clock.advance(Duration.ofMillis(7));
    span.end();
  }

  private static Consumer<Span> throwing(RuntimeException e) {
    return span -> {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
    };
  }

  static final class OrderEventRejectedException extends RuntimeException {
    OrderEventRejectedException(String message) {
      super(message);
    }
  }

  @Test
  void poisonedMessageRaisesConsumerAlert() {
    setUp();
    process("order-events", 41, span -> {});
    process(
        "order-events",
        42,
        throwing(new OrderEventRejectedException("unreadable order event poison-7")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.CONSUMER);
    assertThat(alert.getAlias())
        .isEqualTo("checkout-order-events-OrderEventRejectedException-consumer-alert");
    assertThat(alert.getMessage())
        .isEqualTo(
            "Consumer of order-events failed : OrderEventRejectedException: unreadable order"
                + " event poison-7 | Alert generated from checkout");
    assertThat(alert.getDetails())
        .containsEntry("alert_type", "consumer")
        .containsEntry("destination", "order-events")
        .containsEntry("messaging_system", "kafka")
        .containsEntry("consumer_group", "billing")
        .containsEntry(
            "exception_type",
            "io.github.otelopsgenie.ConsumerAlertsTest.OrderEventRejectedException")
        .containsEntry("exception_message", "unreadable order event poison-7")
        .containsEntry("duration_ms", "7")
        .containsEntry("span_name", "order-events process")
        .containsKeys("trace_id", "span_id", "exception_stacktrace")
        .doesNotContainKeys("route", "method", "status_code", "destination_name")
        .doesNotContainValue("null");
    // nothing that names the one message
    assertThat(alert.getDetails().values()).noneMatch(v -> v.equals("42"));
    assertThat(alert.getDescription())
        .startsWith(
            "A message from order-events (kafka), consumer group billing, consumed by service"
                + " checkout, failed : ");
  }

  @Test
  void messagesOfOneDestinationShareOneAliasWhateverTheirPartitionOrOffset() {
    setUp("alert.cooldown", "0");
    for (long offset = 0; offset < 5; offset++) {
      process("order-events", offset, throwing(new IllegalStateException("bad " + offset)));
    }
    Set<String> aliases = new LinkedHashSet<>();
    sink.alerts.forEach(a -> aliases.add(a.getAlias()));
    assertThat(aliases)
        .containsExactly("checkout-order-events-IllegalStateException-consumer-alert");
  }

  @Test
  void templateDestinationIsPreferredOverTheName() {
    setUp();
    process(
        "orders.eu.42",
        1,
        b -> b.setAttribute("messaging.destination.template", "orders.{region}.{shard}"),
        throwing(new IllegalStateException("x")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getAlias())
        .isEqualTo("checkout-orders.{region}.{shard}-IllegalStateException-consumer-alert");
    assertThat(alert.getDetails())
        .containsEntry("destination", "orders.{region}.{shard}")
        .containsEntry("destination_name", "orders.eu.42");
  }

  @Test
  void temporaryDestinationIsNotNamedInTheAlias() {
    setUp();
    process(
        "amq.gen-Xa2BmFZ",
        1,
        b -> b.setAttribute("messaging.destination.temporary", true),
        throwing(new IllegalStateException("x")));
    assertThat(sink.only().getAlias())
        .isEqualTo("checkout-(temporary)-IllegalStateException-consumer-alert");
  }

  @Test
  void environmentFollowsTheServiceId() {
    setUp(Resource.builder().put("deployment.environment.name", "prod").build());
    process("order-events", 1, throwing(new IllegalStateException("x")));
    assertThat(sink.only().getAlias())
        .isEqualTo("checkout-prod-order-events-IllegalStateException-consumer-alert");
  }

  @Test
  void currentSemanticConventionsConsumerGroupIsRead() {
    setUp();
    process(
        "order-events",
        1,
        b ->
            b.setAttribute("messaging.consumer.group.name", "invoicing")
                .setAttribute("messaging.kafka.consumer.group", "billing"),
        throwing(new IllegalStateException("x")));
    assertThat(sink.only().getDetails()).containsEntry("consumer_group", "invoicing");
  }

  @Test
  void processedMessagesAndOtherEventsRaiseNothing() {
    setUp();
    process("order-events", 1, span -> {});
    process("order-events", 2, span -> span.addEvent("message", Attributes.empty()));
    // an error status without an exception event is not a consumer alert
    process("order-events", 3, span -> span.setStatus(StatusCode.ERROR));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void consumersSwitchedOffRaiseNothing() {
    setUp("alert.consumers", "false");
    process("order-events", 1, throwing(new IllegalStateException("x")));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void ignoredExceptionRaisesNothing() {
    setUp("ignored.exceptions", "CancellationException");
    process(
        "order-events", 1, throwing(new java.util.concurrent.CancellationException("rebalanced")));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void helperMarkedConsumerSpanRaisesTheHandledExceptionAlert() {
    setUp();
    process(
        "order-events",
        1,
        b -> b.setAttribute(AttributeKey.booleanKey(OpsgenieAttributes.SPAN_MARKED), true),
        span ->
            span.recordException(
                new IllegalStateException("x"),
                Attributes.of(
                    AttributeKey.booleanKey(OpsgenieAttributes.HANDLED),
                    true,
                    AttributeKey.stringKey(OpsgenieAttributes.FUNCTION),
                    "onOrderEvent")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.HANDLED_EXCEPTION);
    assertThat(alert.getAlias()).startsWith("checkout-onOrderEvent-IllegalStateException-");
  }

  @Test
  void occurrenceWindowAppliesPerConsumerAlias() {
    setUp("alert.cooldown", "0", "alert.min.occurrences", "2", "alert.window", "1m");
    process("order-events", 1, throwing(new IllegalStateException("x")));
    assertThat(sink.alerts).isEmpty();
    process("order-events", 2, throwing(new IllegalStateException("x")));
    assertThat(sink.alerts).hasSize(1);
  }

  @Test
  void consumerAliasesCountAgainstTheAliasBudget() {
    setUp("alert.cooldown", "0", "alert.alias.budget", "2", "alert.window", "1m");
    for (int i = 0; i < 4; i++) {
      process("topic-" + i, 1, throwing(new IllegalStateException("x")));
    }
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getAlias)
        .containsExactly(
            "checkout-topic-0-IllegalStateException-consumer-alert",
            "checkout-topic-1-IllegalStateException-consumer-alert",
            "checkout-otel-opsgenie-alias-budget-alert",
            "checkout-otel-opsgenie-alias-budget-alert");
  }

  @Test
  void recoveredConsumerIsClosedByAlias() {
    setUp("alert.auto.close", "10s", "alert.cooldown", "0");
    process("order-events", 1, throwing(new IllegalStateException("x")));
    clock.advance(Duration.ofSeconds(11));
    processor.closeRecovered();
    assertThat(sink.closes)
        .extracting(c -> c[0])
        .containsExactly("checkout-order-events-IllegalStateException-consumer-alert");
  }
}
