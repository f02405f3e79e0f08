/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The sender's counters. Request threads only increment atomics; the metrics are asynchronous
 * counters that read them, registered from the sender's thread once a global OpenTelemetry is set
 * (asking for the global before the agent or the application sets it would fix it to a no-op).
 * Other parts (admission's storm control and maps, the processor's maps) add their instruments
 * through {@link #alsoRegister}: registered at the same moment, closed with the sender's; what the
 * caller held back is counted by the caller ({@link HeldBack}) and read here.
 */
public final class SenderMetrics {

  /** More instruments, registered with the sender's once a global OpenTelemetry is set. */
  public interface Instruments {
    /** Builds the instruments on {@code meter}; each is closed when the sender stops. */
    List<AutoCloseable> register(Meter meter);
  }

  private static final Logger logger = Logger.getLogger(SenderMetrics.class.getName());
  static final String PREFIX = "otel.opsgenie.alerts.";

  /** The attribute of the {@code otel.opsgenie.state.*} metrics: which bounded map. */
  public static final AttributeKey<String> MAP = AttributeKey.stringKey("map");

  /** Accepted by Opsgenie. */
  final AtomicLong sent = new AtomicLong();

  /** Given up on: rejected, out of attempts, or cut short by shutdown. */
  final AtomicLong failed = new AtomicLong();

  /** Not queued (queue full, shut down) or left in the queue at shutdown. */
  final AtomicLong dropped = new AtomicLong();

  /** Held back before the queue (by admission's storm control), as it counts them. */
  private volatile HeldBack suppressed = HeldBack.NONE;

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
  private final List<Instruments> more = new ArrayList<>();
  private boolean registered;
  private boolean stopped;

  /** Null until the instruments are registered (and after they are closed). */
  private Meter meter;

  /**
   * Adds {@code extra} to the instruments: registered now if the sender's already are, else with
   * them. Never throws.
   */
  public synchronized void alsoRegister(Instruments extra) {
    if (stopped) {
      return;
    }
    more.add(extra);
    if (meter != null) {
      register(extra, meter);
    }
  }

  private void register(Instruments extra, Meter on) {
    try {
      instruments.addAll(extra.register(on));
    } catch (Throwable t) {
      logger.log(Level.FINE, "otel-opsgenie could not register some of its metrics", t);
    }
  }

  /** Called on the sender's thread; registers the instruments at most once. */
  synchronized void registerWhenAvailable() {
    if (registered || stopped) {
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
              () -> suppressed.heldBack()));
      instruments.add(
          counter(
              meter,
              "closed",
              "Alerts closed because their rule recovered, accepted by Opsgenie",
              "{alert}",
              closed));
      instruments.add(
          counter(meter, "retried", "Retried requests to Opsgenie", "{request}", retried));
      instruments.add(
          counter(
              meter,
              "close_deferred",
              "Closes not made because the alert still occurred within the quiet period (another"
                  + " instance still sees it); due again at the next check",
              "{close}",
              closeDeferred));
      instruments.add(
          counter(
              meter,
              "noted",
              "Roll-up notes Opsgenie accepted: one per storm that ended",
              "{note}",
              noted));
      instruments.add(
          meter
              .counterBuilder("otel.opsgenie.sender.replaced")
              .setDescription(
                  "Sender threads found dead and replaced; the offer that found one was refused"
                      + " and counted in otel.opsgenie.alerts.dropped")
              .setUnit("{thread}")
              .buildWithCallback(measurement -> measurement.record(droppedNoWorker.get())));
      this.meter = meter;
      for (Instruments extra : more) {
        register(extra, meter);
      }
      logger.fine("otel-opsgenie registered its delivery metrics " + PREFIX + "*");
    } catch (Throwable t) {
      // e.g. an OpenTelemetry API older than GlobalOpenTelemetry.isSet(): no metrics, the log line
      // stays
      registered = true;
      logger.log(Level.FINE, "otel-opsgenie could not register its delivery metrics", t);
    }
  }

  /**
   * One bounded map as metrics, with {@code map} = {@code name}: {@code
   * otel.opsgenie.state.entries} (its size) and {@code otel.opsgenie.state.limit} (its bound), and,
   * when {@code evicted} is not null, {@code otel.opsgenie.state.evicted} (entries forgotten to
   * stay within the bound).
   */
  public static List<AutoCloseable> boundedMap(
      Meter meter, String name, LongSupplier entries, long limit, LongSupplier evicted) {
    final Attributes attributes = Attributes.of(MAP, name);
    List<AutoCloseable> built = new ArrayList<>();
    built.add(
        meter
            .gaugeBuilder("otel.opsgenie.state.entries")
            .ofLongs()
            .setDescription("Entries held by one of otel-opsgenie's bounded maps")
            .setUnit("{entry}")
            .buildWithCallback(m -> m.record(entries.getAsLong(), attributes)));
    built.add(
        meter
            .gaugeBuilder("otel.opsgenie.state.limit")
            .ofLongs()
            .setDescription("The most entries one of otel-opsgenie's bounded maps may hold")
            .setUnit("{entry}")
            .buildWithCallback(m -> m.record(limit, attributes)));
    if (evicted != null) {
      built.add(
          meter
              .counterBuilder("otel.opsgenie.state.evicted")
              .setDescription(
                  "Entries one of otel-opsgenie's bounded maps forgot to stay within its limit")
              .setUnit("{entry}")
              .buildWithCallback(m -> m.record(evicted.getAsLong(), attributes)));
    }
    return built;
  }

  /** An asynchronous counter {@code otel.opsgenie.alerts.<name>} that reads {@code value}. */
  private static AutoCloseable counter(
      Meter meter, String name, String description, String unit, final AtomicLong value) {
    return counter(meter, name, description, unit, (LongSupplier) value::get);
  }

  private static AutoCloseable counter(
      Meter meter, String name, String description, String unit, final LongSupplier value) {
    return meter
        .counterBuilder(PREFIX + name)
        .setDescription(description)
        .setUnit(unit)
        .buildWithCallback(measurement -> measurement.record(value.getAsLong()));
  }

  /** Counts as {@code suppressed} what {@code heldBack} counts (replacing the one before). */
  void countSuppressed(HeldBack heldBack) {
    this.suppressed = heldBack;
  }

  /** Alerts held back before the queue: {@code otel.opsgenie.alerts.suppressed}. */
  long suppressed() {
    return suppressed.heldBack();
  }

  synchronized void close() {
    stopped = true;
    meter = null;
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
        + suppressed.heldBack()
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
