package com.example.opsgenie.spring;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A Kafka listener, as a Spring service would have it (only with {@code
 * example.kafka.embedded=true}, see {@link OrderEventsKafka}): the agent's Kafka instrumentation
 * makes one CONSUMER span per message it processes. {@code POST /order-events?event=...} publishes
 * an event; one that starts with {@code poison} makes the listener throw.
 */
@RestController
@ConditionalOnProperty(name = "example.kafka.embedded", havingValue = "true")
public class OrderEvents {

  static final String TOPIC = "order-events";

  private final KafkaTemplate<String, String> kafka;
  private final AtomicLong processed = new AtomicLong();

  public OrderEvents(KafkaTemplate<String, String> kafka) {
    this.kafka = kafka;
  }

  @KafkaListener(topics = TOPIC, groupId = "billing")
  public void onOrderEvent(String event) {
    if (event.startsWith("poison")) {
      throw new OrderEventRejectedException("unreadable order event " + event);
    }
    processed.incrementAndGet();
  }

  @PostMapping("/order-events")
  public String publish(@RequestParam String event) throws Exception {
    kafka.send(TOPIC, event).get(10, TimeUnit.SECONDS);
    return "published " + event;
  }

  /** How many events the listener processed without failing. */
  @GetMapping("/order-events/processed")
  public long processed() {
    return processed.get();
  }

  public static final class OrderEventRejectedException extends RuntimeException {
    public OrderEventRejectedException(String message) {
      super(message);
    }
  }
}
