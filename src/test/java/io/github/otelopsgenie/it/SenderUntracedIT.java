/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The sender's calls to Opsgenie are not the service's spans: under the agent, whose
 * HttpURLConnection instrumentation traces every call of the JDK's HTTP client, the startup check
 * and an alert leave no CLIENT span in the service's export (the logging exporter prints every
 * span), while the service's own request still is exported. Without the suppression each call was a
 * {@code POST} CLIENT span of its own trace, exported with the service's and counted by its
 * dependency rule.
 *
 * <p>Needs an agent whose API has {@code io.opentelemetry.api.impl.InstrumentationUtil} (2.33.1
 * has; 2.26.1 and older have it as {@code api.internal}, so there the calls are traced).
 */
@Timeout(300)
@Tag(E2e.RECENT_AGENT)
class SenderUntracedIT {

  private static final String KEY = "it-untraced-key";

  @Test
  void theSendersCallsLeaveNoClientSpanInTheServicesExport() throws Exception {
    try (OpsgenieStandIn standIn = E2e.standIn(KEY)) {
      Map<String, String> env = E2e.sendTo(standIn, KEY);
      env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "500");
      ServiceProcess service =
          E2e.underAgent("untraced-sender-service", E2e.plainJar())
              .systemProperty("otel.traces.exporter", "logging")
              .systemProperty("otel.bsp.schedule.delay", "100")
              .env(env)
              .arg("--port=0")
              .start(E2e.START_TIMEOUT);
      try {
        Trace failing = Trace.fresh();
        assertThat(get(service.baseUrl(), "/status/500", failing).status()).isEqualTo(500);
        assertThat(E2e.alertsOf(standIn, failing, 1)).hasSize(1);
        // the key check follows the first alert, or comes a second after the agent's premain
        long checkBy = System.nanoTime() + java.time.Duration.ofSeconds(30).toNanos();
        while (standIn.statusChecks().isEmpty() && System.nanoTime() - checkBy < 0) {
          Thread.sleep(20);
        }
        assertThat(standIn.statusChecks()).as("the startup check's call").isNotEmpty();
        Thread.sleep(500); // the calls have had their answers: a span of them would have ended

        // spans are exported in the order they end: once a later request's span is out, a span
        // of the alert's call would be out too
        Trace later = Trace.fresh();
        assertThat(get(service.baseUrl(), "/ok", later).status()).isEqualTo(200);
        assertThat(
                service.awaitLine(
                    l -> l.contains("LoggingSpanExporter") && l.contains(later.traceId()),
                    Duration.ofSeconds(20)))
            .as("the later request's SERVER span")
            .contains("SERVER");

        List<String> spans = service.lines(l -> l.contains("LoggingSpanExporter"));
        assertThat(spans).anyMatch(l -> l.contains(failing.traceId()));
        assertThat(spans)
            .as("exported spans of the service, none of the sender's calls")
            .noneMatch(l -> l.contains(" CLIENT "));
      } finally {
        service.close();
      }
    }
  }
}
