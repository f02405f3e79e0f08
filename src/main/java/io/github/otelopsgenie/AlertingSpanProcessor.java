/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.admission.AutoCloser;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.delivery.Senders;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.spans.ProcessorParts;
import io.github.otelopsgenie.internal.spans.ProcessorState;
import io.github.otelopsgenie.internal.spans.ServerSpans;
import io.github.otelopsgenie.internal.spans.SpanAlerts;
import io.github.otelopsgenie.internal.startup.StartupLines;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads HTTP server spans as they end and raises Opsgenie alerts by the flask-opsgenie rules: an
 * exception first, then a status code or class, then latency; at most one alert per span. Runs of
 * scheduled jobs, messages consumers failed on and calls to dependencies have rules of their own;
 * spans of other kinds only alert when the helper marked an exception on them. Each kind of span
 * has its own alerts; this class hands each ended span to those of its kind.
 *
 * <p>{@link #onEnd} runs on the request thread: it reads a few attributes and, only when the status
 * or the latency may call for it, the route's remembered decision, and returns, allocating nothing,
 * unless an alert is due; then it raises the alert, which the sender builds on its own thread. It
 * never blocks and never throws.
 */
public final class AlertingSpanProcessor implements SpanProcessor {

  private static final Logger logger = Logger.getLogger(AlertingSpanProcessor.class.getName());

  private final OpsgenieSettings settings;
  private final AlertSink sink;
  private final AtomicBoolean isShutdown = new AtomicBoolean();
  private final ServerSpans server;
  private final SpanAlerts internal;
  private final SpanAlerts client;
  private final SpanAlerts consumer;
  private final SpanAlerts other;

  /** Null without auto-close. */
  private final AutoCloser autoCloser;

  private final ProcessorState state;

  AlertingSpanProcessor(OpsgenieSettings settings, AlertSink sink) {
    this(settings, sink, Clock.getDefault(), true);
  }

  /** With the clock the windows use, and whether to start the auto-close thread (tests tick it). */
  AlertingSpanProcessor(
      OpsgenieSettings settings, AlertSink sink, Clock clock, boolean startAutoCloser) {
    this(settings, sink, new ProcessorParts(settings, sink, clock), startAutoCloser);
  }

  AlertingSpanProcessor(
      OpsgenieSettings settings, AlertSink sink, ProcessorParts parts, boolean startAutoCloser) {
    this.settings = settings;
    this.sink = sink;
    this.server = parts.server();
    this.internal = parts.internal();
    this.client = parts.client();
    this.consumer = parts.consumer();
    this.other = parts.other();
    this.autoCloser = parts.autoCloser();
    this.state = parts.state();
    if (autoCloser != null && startAutoCloser) {
      autoCloser.start();
    }
  }

  /** The processor of settings the SPI providers accepted, with its startup log lines. */
  static AlertingSpanProcessor create(OpsgenieSettings settings) {
    StartupLines.warnings(settings);
    AlertingSpanProcessor processor = new AlertingSpanProcessor(settings, Senders.create(settings));
    StartupLines.started(settings);
    return processor;
  }

  /** A builder for programmatic use with a plain {@code SdkTracerProvider}. */
  public static AlertingSpanProcessorBuilder builder() {
    return new AlertingSpanProcessorBuilder();
  }

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  /** False for a processor built with {@code enabled=false}: the SDK then never calls onEnd. */
  @Override
  public boolean isEndRequired() {
    return settings.enabled;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    try {
      SpanKind kind = span.getKind();
      if (kind == SpanKind.SERVER) {
        server.onEnd(span);
      } else if (kind == SpanKind.CLIENT) {
        client.onEnd(span);
      } else if (kind == SpanKind.INTERNAL) {
        internal.onEnd(span);
      } else if (kind == SpanKind.CONSUMER) {
        consumer.onEnd(span);
      } else {
        other.onEnd(span);
      }
    } catch (Throwable t) {
      // the SDK's composite processor does not catch: an exception here would skip every
      // processor after us and reach the application's span.end()
      if (state.failures.getAndIncrement() == 0) {
        logger.log(
            Level.WARNING, "otel-opsgenie failed on a span; further failures are only counted", t);
      }
    }
  }

  /** One auto-close check now, as the auto-close thread runs it (tests tick it by hand). */
  void closeRecovered() {
    if (autoCloser != null) {
      autoCloser.closeRecovered();
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    return sink.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (isShutdown.getAndSet(true)) {
      return CompletableResultCode.ofSuccess();
    }
    // a service going away is not a recovery: nothing is closed
    if (autoCloser != null) {
      autoCloser.stop();
    }
    long failed = state.failures.get();
    if (failed > 0) {
      logger.log(Level.WARNING, "otel-opsgenie failed on {0} spans", failed);
    }
    logger.info(state.summary());
    return sink.shutdown();
  }

  OpsgenieSettings settings() {
    return settings;
  }

  /** What the processor remembers and counts: for the shutdown line, tests and benchmarks. */
  ProcessorState state() {
    return state;
  }

  @Override
  public String toString() {
    return "AlertingSpanProcessor{settings=" + settings + ", sink=" + sink + "}";
  }
}
