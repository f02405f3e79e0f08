package com.example.opsgenie.spring;

import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.core.DefaultKafkaProducerFactory;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.DefaultErrorHandler;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.util.backoff.FixedBackOff;

/**
 * The Kafka side of the example, only with {@code example.kafka.embedded=true}: an in-process KRaft
 * broker (spring-kafka-test's {@link EmbeddedKafkaKraftBroker}, one node, random ports) with the
 * topic {@value OrderEvents#TOPIC}, and the producer and listener factories pointed at it. A
 * message the listener fails on is logged and skipped, not retried (a poisoned message).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "example.kafka.embedded", havingValue = "true")
public class OrderEventsKafka {

  /** Started by Spring (afterPropertiesSet) before the factories below, stopped at shutdown. */
  @Bean
  EmbeddedKafkaKraftBroker embeddedKafka() {
    return new EmbeddedKafkaKraftBroker(1, 1, OrderEvents.TOPIC);
  }

  @Bean
  KafkaTemplate<String, String> kafkaTemplate(EmbeddedKafkaKraftBroker broker) {
    return new KafkaTemplate<>(
        new DefaultKafkaProducerFactory<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString(),
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class)));
  }

  @Bean
  ConcurrentKafkaListenerContainerFactory<String, String> kafkaListenerContainerFactory(
      EmbeddedKafkaKraftBroker broker) {
    ConcurrentKafkaListenerContainerFactory<String, String> factory =
        new ConcurrentKafkaListenerContainerFactory<>();
    factory.setConsumerFactory(
        new DefaultKafkaConsumerFactory<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG,
                broker.getBrokersAsString(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                "earliest",
                ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class,
                ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
                StringDeserializer.class)));
    // a poisoned message is not retried: logged once and skipped
    factory.setCommonErrorHandler(new DefaultErrorHandler(new FixedBackOff(0L, 0L)));
    return factory;
  }
}
