/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.post;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ReceivedClose;
import com.example.opsgenie.standin.ServiceProcess;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 16 end to end: work that fails outside an HTTP server span, in the Spring Boot example
 * under the real agent, as the Opsgenie stand-in sees it. A {@code @Scheduled} job that fails on
 * demand raises a job alert; calls to a payment provider that fails on demand raise a dependency
 * alert once their error rate is reached (not before the minimum number of calls), closed after
 * recovery.
 */
@Timeout(120)
class BeyondHttpIT {

  private static final String KEY = "it-beyond-http-key";
  private static final String SERVICE_ID = "jobs-shop";
  private static final String JOB_ALIAS = SERVICE_ID + "-ReportJob.nightly-job-alert";
  private static final String DEPENDENCY_ALIAS = SERVICE_ID + "-dependency-127.0.0.1:\\d+-alert";
  private static final Duration AUTO_CLOSE = Duration.ofSeconds(3);
  private static final int MIN_CALLS = 4;

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_SERVICE_ID", SERVICE_ID);
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    env.put("OTEL_OPSGENIE_ALERT_WINDOW", "20s");
    env.put("OTEL_OPSGENIE_ALERT_AUTO_CLOSE", AUTO_CLOSE.toSeconds() + "s");
    env.put("OTEL_OPSGENIE_DEPENDENCY_ERROR_RATE", "50%");
    env.put("OTEL_OPSGENIE_DEPENDENCY_MIN_REQUESTS", Integer.toString(MIN_CALLS));
    service =
        E2e.underAgent("beyond-http-service", E2e.springJar())
            .env(env)
            .arg("--server.port=0")
            .arg("--example.report.interval-ms=300")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.checkContractAndStop(standIn, service);
  }

  @Test
  void failedScheduledRunRaisesOneJobAlert() throws Exception {
    assertThat(post(service.baseUrl(), "/jobs/report/fail?runs=1").status()).isEqualTo(200);

    List<ReceivedAlert> alerts =
        standIn.await(a -> JOB_ALIAS.equals(a.alias()), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts).as("job alert; the stand-in received %s", standIn.alerts()).hasSize(1);
    ReceivedAlert alert = alerts.get(0);
    assertThat(alert.message())
        .startsWith(
            "Job ReportJob.nightly failed : ReportGenerationException: nightly report: partition 7")
        .endsWith(" | Alert generated from " + SERVICE_ID);
    assertThat(alert.details())
        .containsEntry("alert_type", "job")
        .containsEntry("job", "ReportJob.nightly")
        .containsEntry(
            "exception_type", "com.example.opsgenie.spring.ReportJob.ReportGenerationException")
        .containsEntry("exception_message", "nightly report: partition 7 of 12 could not be read")
        .containsKeys("trace_id", "exception_stacktrace");
    assertThat(alert.detail("trace_id")).matches("[0-9a-f]{32}");
    // later runs succeed: no second alert
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(standIn.alerts()).filteredOn(a -> JOB_ALIAS.equals(a.alias())).hasSize(1);
  }

  @Test
  void failingDependencyAlertsAtItsErrorRateAndClosesAfterRecovery() throws Exception {
    assertThat(post(service.baseUrl(), "/payment-provider/failing?on=true").status())
        .isEqualTo(200);
    for (int i = 1; i < MIN_CALLS; i++) {
      assertThat(E2e.get(service.baseUrl(), "/pay/o-" + i, null).body())
          .contains("provider answered 503");
    }
    Thread.sleep(E2e.QUIET.toMillis());
    assertThat(standIn.alerts())
        .as("not before min.requests")
        .noneMatch(a -> a.alias().matches(DEPENDENCY_ALIAS));

    E2e.get(service.baseUrl(), "/pay/o-" + MIN_CALLS, null);
    List<ReceivedAlert> alerts =
        standIn.await(a -> a.alias().matches(DEPENDENCY_ALIAS), 1, E2e.ALERT_TIMEOUT);
    assertThat(alerts)
        .as("dependency alert; the stand-in received %s", standIn.alerts())
        .hasSize(1);
    ReceivedAlert alert = alerts.get(0);
    String dependency = alert.detail("dependency");
    assertThat(dependency).matches("127\\.0\\.0\\.1:\\d+");
    assertThat(alert.message())
        .isEqualTo(
            "Dependency "
                + dependency
                + " failing: 4 of 4 calls (100%) over 20s"
                + " | Alert generated from "
                + SERVICE_ID);
    assertThat(alert.details())
        .containsEntry("alert_type", "dependency")
        .containsEntry("window_calls", "4")
        .containsEntry("window_errors", "4")
        .containsEntry("error_types", "503 \u00d74")
        .containsEntry("span_name", "GET");
    assertThat(alert.detail("trace_id")).matches("[0-9a-f]{32}");

    // the provider recovers: healthy calls bring the rate under 50%, then the alias is closed once
    assertThat(post(service.baseUrl(), "/payment-provider/failing?on=false").status())
        .isEqualTo(200);
    for (int i = 0; i < MIN_CALLS + 1; i++) {
      assertThat(E2e.get(service.baseUrl(), "/pay/r-" + i, null).body()).contains("paid");
    }
    List<ReceivedClose> closes =
        standIn.awaitCloses(
            c -> c.alias().equals(alert.alias()), 1, AUTO_CLOSE.plus(Duration.ofSeconds(10)));
    assertThat(closes).as("closes: %s", standIn.closes()).hasSize(1);
    assertThat(standIn.alerts()).filteredOn(a -> a.alias().matches(DEPENDENCY_ALIAS)).hasSize(1);
  }
}
