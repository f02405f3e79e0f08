/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static io.github.otelopsgenie.it.E2e.onlyAlertOf;
import static io.github.otelopsgenie.it.E2e.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 27, item 7, end to end: the Spring Boot example under the real agent with {@code
 * OTEL_TRACES_SAMPLER=parentbased_traceidratio} at ratio 0, so that no trace is sampled. A failing
 * {@code @Scheduled} job, a poisoned Kafka message, a refusing dependency, a 500 and an unhandled
 * exception each page all the same; and the logging exporter, which prints every sampled span,
 * prints none of them (only the one request sent with a sampled {@code traceparent}).
 */
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SamplingIT {

  private static final String KEY = "it-sampling-key";
  private static final String SERVICE_ID = "sampled-out-shop";
  private static final int MIN_CALLS = 3;

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
    env.put("OTEL_OPSGENIE_DEPENDENCY_ERROR_RATE", "50%");
    env.put("OTEL_OPSGENIE_DEPENDENCY_MIN_REQUESTS", Integer.toString(MIN_CALLS));
    env.put("OTEL_TRACES_SAMPLER", "parentbased_traceidratio");
    env.put("OTEL_TRACES_SAMPLER_ARG", "0");
    service =
        E2e.underAgent("sampling-service", E2e.springJar())
            .env(env)
            // every sampled span is printed: none but the sampled request's may be
            .systemProperty("otel.traces.exporter", "logging")
            .systemProperty("otel.bsp.schedule.delay", "100")
            .arg("--server.port=0")
            .arg("--example.kafka.embedded=true")
            .arg("--example.report.interval-ms=300")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.checkContractAndStop(standIn, service);
  }

  @Test
  @Order(2)
  void failingJobPages() throws Exception {
    assertThat(post(service.baseUrl(), "/jobs/report/fail?runs=1").status()).isEqualTo(200);
    String alias = SERVICE_ID + "-ReportJob.nightly-job-alert";
    List<ReceivedAlert> alerts = standIn.await(a -> alias.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts).as("job alert; the stand-in received %s", standIn.alerts()).hasSize(1);
    assertThat(alerts.get(0).details())
        .containsEntry("alert_type", "job")
        .containsEntry("exception_message", "nightly report: partition 7 of 12 could not be read");
  }

  @Test
  @Order(3)
  void poisonedMessagePages() throws Exception {
    assertThat(post(service.baseUrl(), "/order-events?event=poison-7").status()).isEqualTo(200);
    String alias = SERVICE_ID + "-order-events-OrderEventRejectedException-consumer-alert";
    List<ReceivedAlert> alerts = standIn.await(a -> alias.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts).as("consumer alert; the stand-in received %s", standIn.alerts()).hasSize(1);
    assertThat(alerts.get(0).details())
        .containsEntry("alert_type", "consumer")
        .containsEntry("exception_message", "unreadable order event poison-7");
  }

  @Test
  @Order(4)
  void refusingDependencyPages() throws Exception {
    assertThat(post(service.baseUrl(), "/payment-provider/failing?on=true").status())
        .isEqualTo(200);
    for (int i = 0; i < MIN_CALLS; i++) {
      // unsampled requests: their CLIENT spans are children of record-only server spans
      assertThat(get(service.baseUrl(), "/pay/o-" + i, Trace.unsampled()).body())
          .contains("provider answered 503");
    }
    String alias = SERVICE_ID + "-dependency-127.0.0.1:\\d+-alert";
    List<ReceivedAlert> alerts = standIn.await(a -> a.alias().matches(alias), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts)
        .as("dependency alert; the stand-in received %s", standIn.alerts())
        .hasSize(1);
    assertThat(alerts.get(0).details())
        .containsEntry("alert_type", "dependency")
        .containsEntry("window_calls", Integer.toString(MIN_CALLS))
        .containsEntry("window_errors", Integer.toString(MIN_CALLS));
    assertThat(post(service.baseUrl(), "/payment-provider/failing?on=false").status())
        .isEqualTo(200);
  }

  @Test
  @Order(5)
  void statusAndUnhandledExceptionPage() throws Exception {
    Trace status = Trace.unsampled();
    assertThat(get(service.baseUrl(), "/status/500", status).status()).isEqualTo(500);
    assertThat(onlyAlertOf(standIn, status).type()).isEqualTo("status");

    // no traceparent: a root span, dropped by the ratio
    assertThat(get(service.baseUrl(), "/boom", null).status()).isEqualTo(500);
    String alias = SERVICE_ID + "-IllegalStateException-exception-alert";
    List<ReceivedAlert> alerts = standIn.await(a -> alias.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts).as("exception alert; the stand-in received %s", standIn.alerts()).hasSize(1);
    assertThat(alerts.get(0).details())
        .containsEntry("alert_type", "exception")
        .containsEntry("exception_message", "order database unreachable");
  }

  @Test
  @Order(6)
  void nothingUnsampledIsExported() throws Exception {
    // the exporter works: a request sent sampled is printed (spans leave in the order they end,
    // so every span that ended before it would be printed by then)
    Trace sampled = Trace.fresh();
    assertThat(get(service.baseUrl(), "/ok", sampled).status()).isEqualTo(200);
    assertThat(
            service.awaitLine(
                l -> l.contains("LoggingSpanExporter") && l.contains(sampled.traceId()),
                Duration.ofSeconds(20)))
        .as("the sampled request's SERVER span")
        .contains("SERVER");
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(service.lines(l -> l.contains("LoggingSpanExporter")))
        .as("exported spans: only the sampled request's")
        .isNotEmpty()
        .allMatch(l -> l.contains(sampled.traceId()));
    assertThat(
            service.lines(
                l ->
                    l.contains("io.github.otelopsgenie")
                        && (l.contains("SEVERE") || l.contains("ERROR"))))
        .as("errors logged by the extension")
        .isEmpty();
  }
}
