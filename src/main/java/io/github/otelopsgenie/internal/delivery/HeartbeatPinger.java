/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.Meter;
import java.io.IOException;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Pings the Opsgenie heartbeat from a daemon thread of its own, {@value #NAME}: at a fixed rate on
 * the monotonic clock, with a client of its own whose whole request ends well within one interval,
 * so a full alert queue, a storm, retries or an Opsgenie slow for alerts never delay a ping. A ping
 * is never retried: one that fails is counted, and the next one is due at the next tick anyway; a
 * ping that ran over (Opsgenie unreachable, a name lookup that hung) skips the ticks it missed
 * instead of catching up in a burst. {@link #stop()} ends it at once; its calls are not traced.
 */
final class HeartbeatPinger {

  static final String NAME = "otel-opsgenie-heartbeat";

  private static final Logger logger = Logger.getLogger(HeartbeatPinger.class.getName());

  /** One ping. */
  interface Ping {
    OpsgenieResponse ping() throws IOException;
  }

  private final String name;
  private final long intervalNanos;
  private final Ping ping;
  private final Runnable abort;
  private final LongSupplier nanoTime;
  private final Worker.Sleeper sleeper;
  private final CountDownLatch stopSignal = new CountDownLatch(1);
  private final AtomicLong sent = new AtomicLong();
  private final AtomicLong failed = new AtomicLong();
  private final Thread thread;
  private volatile boolean stopped;

  /** The first ping waits for it (issue 30); open unless {@link #startingAt} says otherwise. */
  private StartGate gate = StartGate.open();

  /** Whether the last ping failed: a failure is logged once, and the recovery once. */
  private boolean failing;

  /**
   * @param ping one ping, never retried
   * @param abort ends the ping in flight from another thread (at {@link #stop()})
   * @param nanoTime the monotonic clock of the schedule
   * @param sleeper waits until the next tick; null: a wait that {@link #stop()} cuts short
   */
  HeartbeatPinger(
      String name,
      Duration interval,
      Ping ping,
      Runnable abort,
      LongSupplier nanoTime,
      Worker.Sleeper sleeper) {
    this.name = name;
    this.intervalNanos = interval.toNanos();
    if (intervalNanos <= 0) {
      throw new IllegalArgumentException("the heartbeat interval must be positive: " + interval);
    }
    this.ping = ping;
    this.abort = abort;
    this.nanoTime = nanoTime;
    this.sleeper =
        sleeper != null ? sleeper : nanos -> stopSignal.await(nanos, TimeUnit.NANOSECONDS);
    this.thread = new Thread(this::runWhenOpen, NAME);
    thread.setDaemon(true);
  }

  /**
   * The client a pinger uses: its own, so that it never waits for an alert's request, with a
   * timeout of a third of the interval at most (the client's whole request ends within twice its
   * timeout, within the interval).
   */
  static Duration pingTimeout(Duration alertTimeout, Duration interval) {
    Duration third = Duration.ofMillis(Math.max(1, interval.toMillis() / 3));
    return alertTimeout.compareTo(third) < 0 ? alertTimeout : third;
  }

  /** The first ping waits for {@code gate} (null: at once); before {@link #start()}. */
  HeartbeatPinger startingAt(StartGate gate) {
    if (gate != null) {
      this.gate = gate;
    }
    return this;
  }

  void start() {
    thread.start();
  }

  /** Stops pinging now: a ping in flight is aborted, none is sent afterwards. Idempotent. */
  void stop() {
    if (stopped) {
      return;
    }
    stopped = true;
    stopSignal.countDown();
    abort.run();
  }

  /** Waits for the gate (stop opens it too), then pings with instrumentation suppressed. */
  private void runWhenOpen() {
    try {
      gate.await();
    } catch (InterruptedException e) {
      return;
    }
    if (!stopped) {
      Untraced.wrap(this::run).run();
    }
  }

  /** The first ping at once, then one per interval; on the calling thread until stopped. */
  void run() {
    long due = nanoTime.getAsLong();
    while (!stopped) {
      long left = due - nanoTime.getAsLong();
      if (left > 0) {
        try {
          sleeper.sleep(left);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
        continue;
      }
      pingOnce();
      due = nextDue(due, nanoTime.getAsLong(), intervalNanos);
    }
  }

  /**
   * The tick after {@code due} that is still ahead of {@code now}: the next one, or, when a ping
   * ran over, the first one not yet passed (missed ticks are skipped, never caught up in a burst).
   */
  static long nextDue(long due, long now, long intervalNanos) {
    long next = due + intervalNanos;
    if (next - now <= 0) {
      next += ((now - next) / intervalNanos + 1) * intervalNanos;
    }
    return next;
  }

  private void pingOnce() {
    String problem;
    try {
      OpsgenieResponse response = ping.ping();
      if (response.isAccepted()) {
        sent.incrementAndGet();
        if (failing) {
          failing = false;
          logger.info("otel-opsgenie heartbeat \"" + name + "\": pings reach Opsgenie again");
        }
        return;
      }
      problem = response.describe();
    } catch (IOException | RuntimeException e) {
      problem = e.getClass().getSimpleName() + ": " + e.getMessage();
    }
    if (stopped) {
      return; // aborted by stop(): not a failure of Opsgenie's
    }
    failed.incrementAndGet();
    if (!failing) {
      failing = true;
      logger.log(
          Level.WARNING,
          "otel-opsgenie heartbeat \""
              + name
              + "\": a ping failed ("
              + problem
              + "); the next one is due in "
              + text(interval())
              + " (not retried; this is logged once until pings succeed again)");
    }
  }

  long sent() {
    return sent.get();
  }

  long failed() {
    return failed.get();
  }

  String name() {
    return name;
  }

  Duration interval() {
    return Duration.ofNanos(intervalNanos);
  }

  /** {@code 2s}, {@code 1500ms}: for the log. */
  static String text(Duration d) {
    long millis = d.toMillis();
    return millis % 1000 == 0 ? (millis / 1000) + "s" : millis + "ms";
  }

  Thread thread() {
    return thread;
  }

  private static final AttributeKey<String> OUTCOME = AttributeKey.stringKey("outcome");

  /** {@code otel.opsgenie.heartbeat.pings} by {@code outcome}: {@code sent} or {@code failed}. */
  List<AutoCloseable> instruments(Meter meter) {
    final Attributes sentOutcome = Attributes.of(OUTCOME, "sent");
    final Attributes failedOutcome = Attributes.of(OUTCOME, "failed");
    return Collections.<AutoCloseable>singletonList(
        meter
            .counterBuilder("otel.opsgenie.heartbeat.pings")
            .setDescription(
                "Heartbeat pings: sent (Opsgenie answered 2xx) or failed (not retried; the next"
                    + " one is due at the next interval)")
            .setUnit("{ping}")
            .buildWithCallback(
                m -> {
                  m.record(sent.get(), sentOutcome);
                  m.record(failed.get(), failedOutcome);
                }));
  }

  /** For the shutdown line: the heartbeat, its interval, the pings sent and failed. */
  String summary() {
    return "heartbeat \""
        + name
        + "\" every "
        + text(interval())
        + " (pings sent="
        + sent.get()
        + ", failed="
        + failed.get()
        + ")";
  }
}
