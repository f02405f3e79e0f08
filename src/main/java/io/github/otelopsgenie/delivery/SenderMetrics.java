/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sender's counters. Request threads only increment atomics; the metrics are asynchronous
 * counters that read them, registered from the sender's thread once a global OpenTelemetry is set
 * (asking for the global before the agent or the application sets it would fix it to a no-op).
 */
public final class SenderMetrics {

  private static final Logger logger = Logger.getLogger(SenderMetrics.class.getName());
  static final String PREFIX = "otel.opsgenie.alerts.";

  /** Accepted by Opsgenie. */
  final AtomicLong sent = new AtomicLong();

  /** Given up on: rejected, out of attempts, or cut short by shutdown. */
  final AtomicLong failed = new AtomicLong();

  /** Not queued (queue full, shut down) or left in the queue at shutdown. */
  final AtomicLong dropped = new AtomicLong();

  /** Held back by storm control. */
  final AtomicLong suppressed = new AtomicLong();

  /** Alerts closed (auto-close), accepted by Opsgenie. */
  final AtomicLong closed = new AtomicLong();

  /** Of {@link #dropped}: refused because the sender's thread had died (it is then replaced). */
  final AtomicLong droppedNoWorker = new AtomicLong();

  /** Closes not made because the read found the alert still occurring (another replica). */
  final AtomicLong closeDeferred = new AtomicLong();

  /** Roll-up notes Opsgenie accepted. */
  final AtomicLong noted = new AtomicLong();

  /** Retries (attempts after the first). */
  final AtomicLong retried = new AtomicLong();

  /** Written to the log instead of sent (no API key). */
  final AtomicLong logged = new AtomicLong();

  private final List<AutoCloseable> instruments = new ArrayList<>();
  private boolean registered;

  /** Called on the sender's thread; registers the instruments at most once. */
  void registerWhenAvailable() {
    if (registered) {
      return;
    }
    try {
      if (!GlobalOpenTelemetry.isSet()) {
        return;
      }
      registered = true;
      Meter meter =
          GlobalOpenTelemetry.getMeterProvider().meterBuilder("io.github.otelopsgenie").build();
      instruments.add(counter(meter, "sent", "Alerts Opsgenie accepted", "{alert}", sent));
      instruments.add(
          counter(
              meter,
              "failed",
              "Alerts given up on: rejected, out of retries, or cut short by shutdown",
              "{alert}",
              failed));
      instruments.add(
          counter(
              meter,
              "dropped",
              "Alerts not sent because the queue was full or the sender shut down",
              "{alert}",
              dropped));
      instruments.add(
          counter(
              meter,
              "suppressed",
              "Alerts held back by the per-alias cooldown",
              "{alert}",
              suppressed));
      instruments.add(
          counter(
              meter,
              "closed",
              "Alerts closed because their rule recovered, accepted by Opsgenie",
              "{alert}",
              closed));
      instruments.add(
          counter(meter, "retried", "Retried requests to Opsgenie", "{request}", retried));
      logger.fine("otel-opsgenie registered its delivery metrics " + PREFIX + "*");
    } catch (Throwable t) {
      // e.g. an OpenTelemetry API older than GlobalOpenTelemetry.isSet(): no metrics, the log line
      // stays
      registered = true;
      logger.log(Level.FINE, "otel-opsgenie could not register its delivery metrics", t);
    }
  }

  private static AutoCloseable counter(
      Meter meter, String name, String description, String unit, final AtomicLong value) {
    return meter
        .counterBuilder(PREFIX + name)
        .setDescription(description)
        .setUnit(unit)
        .buildWithCallback(measurement -> measurement.record(value.get()));
  }

  void close() {
    for (AutoCloseable instrument : instruments) {
      try {
        instrument.close();
      } catch (Exception e) {
        logger.log(Level.FINE, "otel-opsgenie could not close a metric", e);
      }
    }
    instruments.clear();
  }

  public String summary() {
    return "sent="
        + sent.get()
        + ", failed="
        + failed.get()
        + ", dropped="
        + dropped.get()
        + ", suppressed="
        + suppressed.get()
        + ", retried="
        + retried.get()
        + (closed.get() > 0 ? ", closed=" + closed.get() : "")
        + (closeDeferred.get() > 0 ? ", closes deferred=" + closeDeferred.get() : "")
        + (noted.get() > 0 ? ", noted=" + noted.get() : "")
        + (droppedNoWorker.get() > 0
            ? ", dropped with no sender thread=" + droppedNoWorker.get()
            : "")
        + (logged.get() > 0 ? ", logged=" + logged.get() : "");
  }
}
