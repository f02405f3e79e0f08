/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.content.AlertText;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.delivery.CloseOutcome;
import io.opentelemetry.sdk.common.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * {@code otel.opsgenie.alert.auto.close}: on its own daemon thread ({@code
 * otel-opsgenie-auto-close}), every quarter of the period (1 s to 30 s), closes by alias each alert
 * we opened whose rule has not matched for the period (and whose route, for route-level rules, is
 * healthy again). The sender reads the alert first and closes it only when no instance made it
 * occur for the period; a close not done (not queued, failed, still occurring elsewhere) is due
 * again at the next check. Stopping it closes nothing: a service going away is not a recovery.
 */
public final class AutoCloser {

  private static final Logger logger = Logger.getLogger(AutoCloser.class.getName());
  private static final String THREAD_NAME = "otel-opsgenie-auto-close";

  private final OpenAlerts openAlerts;
  private final AlertSink sink;
  private final StormGate storm;
  private final Clock clock;
  private final long autoCloseNanos;
  private final String quiet;
  private final AtomicLong closed = new AtomicLong();
  private final AtomicBoolean stopped = new AtomicBoolean();
  private volatile ScheduledExecutorService executor;

  /** Closes through {@code sink}; a close queued ends the alias's cooldown in {@code storm}. */
  public AutoCloser(
      OpenAlerts openAlerts, AlertSink sink, StormGate storm, Clock clock, long autoCloseNanos) {
    this.openAlerts = openAlerts;
    this.sink = sink;
    this.storm = storm;
    this.clock = clock;
    this.autoCloseNanos = autoCloseNanos;
    this.quiet = AlertText.formatMillis(autoCloseNanos) + "ms";
  }

  /** Starts the thread; tests that tick {@link #closeRecovered} by hand do not call it. */
  public void start() {
    ScheduledExecutorService started =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, THREAD_NAME);
              t.setDaemon(true);
              return t;
            });
    long period =
        Math.max(
            TimeUnit.SECONDS.toNanos(1),
            Math.min(autoCloseNanos / 4, TimeUnit.SECONDS.toNanos(30)));
    started.scheduleWithFixedDelay(this::tick, period, period, TimeUnit.NANOSECONDS);
    executor = started;
  }

  private void tick() {
    try {
      closeRecovered();
    } catch (Throwable t) {
      logger.log(Level.WARNING, "otel-opsgenie auto-close failed", t);
    }
  }

  /** Hands the sink a close for each alert due now; nothing once stopped. */
  public void closeRecovered() {
    if (stopped.get()) {
      return;
    }
    for (DueClose due : openAlerts.recovered(clock.now())) {
      String note =
          "Closed by otel-opsgenie: no request matched this alert's rule ("
              + due.reason
              + ") for "
              + quiet
              + " on any instance; the service recovered.";
      if (sink.close(due.alias, note, outcome(due.alias))) {
        // the alias's cooldown ends: a new failure after the recovery is sent at once
        storm.forget(due.alias);
      } else {
        // the queue could not take it: still due, tried again at the next check
        openAlerts.stillDue(due.alias);
      }
    }
  }

  /** What the sender's thread reports of one close: done, or still due. */
  private CloseOutcome outcome(final String alias) {
    return new CloseOutcome() {
      @Override
      public void closed() {
        openAlerts.closed(alias);
        closed.incrementAndGet();
      }

      @Override
      public void notClosed() {
        // looked at (read, or tried) and not closed: backs off a quarter period
        openAlerts.deferred(alias, clock.now());
      }

      @Override
      public void leftOpen() {
        // an API without reads, closing unread off: left open for a person, forgotten here
        openAlerts.closed(alias);
      }
    };
  }

  /** Stops the thread, closing nothing; idempotent. */
  public void stop() {
    stopped.set(true);
    ScheduledExecutorService running = executor;
    if (running != null) {
      running.shutdownNow();
    }
  }

  public long closedCount() {
    return closed.get();
  }

  @Override
  public String toString() {
    return "AutoCloser{autoClose=" + quiet + ", closed=" + closed.get() + "}";
  }
}
