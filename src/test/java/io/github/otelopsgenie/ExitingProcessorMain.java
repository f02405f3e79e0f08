/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;

/**
 * A JVM whose main thread returns with the processor alive: its auto-close thread scheduled, its
 * sender stuck on an Opsgenie that accepts the connection and never answers, an alert queued behind
 * it. Nothing is shut down; {@code JvmExitTest} runs it in its own process and the JVM must exit
 * anyway.
 */
public final class ExitingProcessorMain {

  private ExitingProcessorMain() {}

  public static void main(String[] args) throws Exception {
    ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    AlertingSpanProcessor processor =
        AlertingSpanProcessor.builder()
            .setToken("exit-key")
            .setApiBase("http://127.0.0.1:" + silent.getLocalPort())
            .setStartupCheck(false)
            .setServiceId("exiting")
            .setAlertStatusCodes(500, 503)
            .setAlertCooldown(Duration.ofSeconds(1))
            .setSetting("alert.auto.close", "4s")
            .setTimeout(Duration.ofMinutes(10))
            .build();
    SdkTracerProvider tracing = SdkTracerProvider.builder().addSpanProcessor(processor).build();
    for (int status : new int[] {500, 503}) {
      Span span =
          tracing
              .get("exiting")
              .spanBuilder("GET /orders")
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.route", "/orders")
              .setAttribute("http.response.status_code", (long) status)
              .startSpan();
      span.end();
    }
    processor.forceFlush();
    boolean threads = false;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      threads |= t.getName().startsWith("otel-opsgenie-auto-close");
    }
    System.out.println("AUTO-CLOSE-THREAD=" + threads);
    System.out.println("MAIN-RETURNS");
  }
}
