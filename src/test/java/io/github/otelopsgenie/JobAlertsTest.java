/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.time.Duration;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Job alerts through a real SDK, with spans shaped as the agent's spring-scheduling instrumentation
 * makes them (observed under agent 2.33.1: docs/request-facts.md).
 */
class JobAlertsTest {

  static final String SPRING_SCHEDULING = "io.opentelemetry.spring-scheduling-3.1";

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private SdkTracerProvider provider;
  private AlertingSpanProcessor processor;

  private void setUp(String... settings) {
    processor = new AlertingSpanProcessor(TestSettings.of(settings), sink, clock, false);
    provider = SdkTracerProvider.builder().setClock(clock).addSpanProcessor(processor).build();
  }

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  private void run(String scope, String job, Consumer<Span> body) {
    Tracer tracer = provider.tracerBuilder(scope).setInstrumentationVersion("2.33.1-alpha").build();
    Span span =
        tracer
            .spanBuilder(job)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute("code.namespace", "com.example.ReportJob")
            .setAttribute("code.function", "nightly")
            .startSpan();
    body.accept(span);
    clock.advance(Duration.ofMillis(42));
    span.end();
  }

  private static Consumer<Span> throwing(RuntimeException e) {
    return span -> {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
    };
  }

  @Test
  void failedScheduledRunRaisesJobAlert() {
    setUp();
    run(
        SPRING_SCHEDULING,
        "ReportJob.nightly",
        throwing(new IllegalStateException("partition 7 unreadable")));
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getType()).isEqualTo(AlertType.JOB);
    assertThat(alert.getAlias()).isEqualTo("checkout-ReportJob.nightly-job-alert");
    assertThat(alert.getMessage())
        .isEqualTo(
            "Job ReportJob.nightly failed : IllegalStateException: partition 7 unreadable | Alert generated from checkout");
    assertThat(alert.getDetails())
        .containsEntry("alert_type", "job")
        .containsEntry("job", "ReportJob.nightly")
        .containsEntry("exception_type", "java.lang.IllegalStateException")
        .containsEntry("exception_message", "partition 7 unreadable")
        .containsEntry("duration_ms", "42")
        .containsKeys("trace_id", "span_id", "exception_stacktrace")
        .doesNotContainKeys("route", "method", "status_code")
        .doesNotContainValue("null");
    assertThat(alert.getDescription())
        .contains("Scheduled job ReportJob.nightly of service checkout failed");
  }

  @Test
  void everySchedulingInstrumentationIsAJob() {
    setUp("alert.cooldown", "0");
    for (String scope :
        new String[] {
          "io.opentelemetry.quartz-2.0", "io.opentelemetry.xxl-job-2.3.0",
          "io.opentelemetry.powerjob-4.0", "io.opentelemetry.apache-elasticjob-3.0"
        }) {
      run(scope, "Job " + scope, throwing(new IllegalStateException("x")));
    }
    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getType)
        .containsOnly(AlertType.JOB)
        .hasSize(4);
  }

  @Test
  void errorStatusWithoutExceptionEventRaisesJobAlert() {
    setUp();
    run(
        SPRING_SCHEDULING,
        "ReportJob.nightly",
        span -> {
          span.setAttribute("error.type", "java.lang.IllegalStateException");
          span.setStatus(StatusCode.ERROR);
        });
    OpsgenieAlert alert = sink.only();
    assertThat(alert.getMessage())
        .startsWith("Job ReportJob.nightly failed : IllegalStateException |");
    assertThat(alert.getDetails())
        .containsEntry("exception_type", "java.lang.IllegalStateException");
  }

  @Test
  void successfulRunOrOtherInternalSpanRaisesNothing() {
    setUp();
    run(SPRING_SCHEDULING, "ReportJob.nightly", span -> {});
    run(
        "io.opentelemetry.methods",
        "Helper.work",
        throwing(new IllegalStateException("not a job")));
    run(
        "com.example.my-tracer",
        "ReportJob.manual",
        throwing(new IllegalStateException("not a job")));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void jobsSwitchedOffRaiseNothing() {
    setUp("alert.jobs", "false");
    run(SPRING_SCHEDULING, "ReportJob.nightly", throwing(new IllegalStateException("x")));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void ignoredExceptionRaisesNothing() {
    setUp("ignored.exceptions", "CancellationException");
    run(
        SPRING_SCHEDULING,
        "ReportJob.nightly",
        throwing(new java.util.concurrent.CancellationException("stop")));
    assertThat(sink.alerts).isEmpty();
  }

  @Test
  void occurrenceWindowAppliesPerJobAlias() {
    setUp("alert.cooldown", "0", "alert.min.occurrences", "2", "alert.window", "1m");
    run(SPRING_SCHEDULING, "ReportJob.nightly", throwing(new IllegalStateException("x")));
    assertThat(sink.alerts).isEmpty();
    run(SPRING_SCHEDULING, "ReportJob.nightly", throwing(new IllegalStateException("x")));
    assertThat(sink.alerts).hasSize(1);
  }

  @Test
  void recoveredJobIsClosedByAlias() {
    setUp("alert.auto.close", "10s", "alert.cooldown", "0");
    run(SPRING_SCHEDULING, "ReportJob.nightly", throwing(new IllegalStateException("x")));
    clock.advance(Duration.ofSeconds(11));
    processor.closeRecovered();
    assertThat(sink.closes)
        .extracting(c -> c[0])
        .containsExactly("checkout-ReportJob.nightly-job-alert");
  }
}
