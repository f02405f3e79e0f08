/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.it;

import static io.github.otelopsgenie.it.E2e.get;
import static io.github.otelopsgenie.it.E2e.onlyAlertOf;
import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.ServiceProcess;
import io.github.otelopsgenie.it.E2e.Trace;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * With {@code -Dotel.semconv.exception.signal.preview=logs} the agent records exceptions as log
 * records, not span events. A handler that threw before answering still leaves a non-numeric {@code
 * error.type} (the exception class) on the JDK server's span, which still raises the exception
 * alert; exceptions the application records itself are still span events.
 */
@Timeout(300)
class ExceptionSignalLogsIT {

  private static final String KEY = "it-logs-signal-key";
  private static final String SERVICE = "logs-signal-service";

  private static OpsgenieStandIn standIn;
  private static ServiceProcess service;

  @BeforeAll
  static void start() throws Exception {
    standIn = E2e.standIn(KEY);
    Map<String, String> env = E2e.sendTo(standIn, KEY);
    env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
    service =
        E2e.underAgent(SERVICE, E2e.plainJar())
            .systemProperty("otel.semconv.exception.signal.preview", "logs")
            .env(env)
            .arg("--port=0")
            .start(E2e.START_TIMEOUT);
  }

  @AfterAll
  static void stop() {
    E2e.checkContractAndStop(standIn, service);
  }

  @Test
  void handlerThrowingBeforeAnsweringAlertsFromErrorType() throws Exception {
    Trace trace = Trace.fresh();
    E2e.getOnce(service.port(), "/boom", trace);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.type()).isEqualTo("exception");
    assertThat(alert.alias()).isEqualTo(SERVICE + "-IllegalStateException-exception-alert");
    assertThat(alert.details()).containsEntry("exception_type", "java.lang.IllegalStateException");
  }

  @Test
  void exceptionRecordedByTheApplicationIsStillAnEvent() throws Exception {
    Trace trace = Trace.fresh();
    assertThat(get(service.baseUrl(), "/handled", trace).status()).isEqualTo(200);

    ReceivedAlert alert = onlyAlertOf(standIn, trace);
    assertThat(alert.alias()).isEqualTo(SERVICE + "-InventoryException-exception-alert");
    assertThat(alert.details()).containsEntry("exception_message", "no stock left for sku-42");
  }
}
