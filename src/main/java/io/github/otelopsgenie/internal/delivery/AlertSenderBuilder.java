/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.settings.DeliverySettings;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

/** Options of an {@link AlertSender}, checked in {@link #build()}, which starts its worker. */
public final class AlertSenderBuilder {

  /** Half of the 10 s the SDK gives all processors and exporters together to shut down. */
  static final Duration DEFAULT_SHUTDOWN_TIMEOUT = Duration.ofSeconds(5);

  URI apiBase;
  String apiKey;
  Duration timeout = DeliverySettings.DEFAULT_TIMEOUT;
  int queueSize = DeliverySettings.DEFAULT_QUEUE_SIZE;
  int maxAttempts = DeliverySettings.DEFAULT_MAX_ATTEMPTS;
  Duration initialBackoff = DeliverySettings.DEFAULT_INITIAL_BACKOFF;
  Duration maxBackoff = DeliverySettings.DEFAULT_MAX_BACKOFF;
  Duration cooldown = DeliverySettings.DEFAULT_COOLDOWN;

  /** The auto-close quiet period: a close reads the alert first; zero closes unread. */
  Duration autoClose = Duration.ZERO;

  /** On an API without reads, close unread rather than leave the alert open. */
  boolean autoCloseUnread;

  /** Sent as the {@code source} of closes (creates carry their own); null leaves it out. */
  String source;

  Duration shutdownTimeout = DEFAULT_SHUTDOWN_TIMEOUT;
  LongSupplier nanoTime = System::nanoTime;
  Clock clock = Clock.systemUTC();
  Worker.Sleeper sleeper;
  DoubleSupplier jitter = () -> ThreadLocalRandom.current().nextDouble();

  boolean startupCheck;

  /** The heartbeat pinged from a thread of its own; null: none. */
  Heartbeat heartbeat;

  LongSupplier heartbeatNanoTime = System::nanoTime;
  Worker.Sleeper heartbeatSleeper;

  /** When the worker's and the pinger's work begins; null: at once (see {@link #deferStart}). */
  StartGate gate;

  AlertSenderBuilder() {}

  /** The API's root, e.g. {@code https://api.opsgenie.com}; required. */
  public AlertSenderBuilder setApiBase(URI apiBase) {
    this.apiBase = Objects.requireNonNull(apiBase, "apiBase");
    return this;
  }

  /** An API integration key; null or blank logs each alert instead of sending it. */
  AlertSenderBuilder setApiKey(String apiKey) {
    this.apiKey = apiKey;
    return this;
  }

  /** Whether the worker first checks the key with one call that creates nothing. Default false. */
  AlertSenderBuilder setStartupCheck(boolean startupCheck) {
    this.startupCheck = startupCheck;
    return this;
  }

  /**
   * Pings the Opsgenie heartbeat {@code name} every {@code interval} from a thread of its own (only
   * with a key); the startup read creates a missing one when {@code create}, with {@code priority}
   * and {@code alertMessage}. A null name: no heartbeat.
   */
  AlertSenderBuilder setHeartbeat(
      String name, Duration interval, boolean create, String priority, String alertMessage) {
    this.heartbeat =
        name == null
            ? null
            : new Heartbeat(name, positive(interval, "interval"), create, priority, alertMessage);
    return this;
  }

  /**
   * Begins the sender's own work (warm-up, key check, heartbeat read and pings) only after the host
   * finished starting, or at the first alert (issue 30; {@link HostStartup}). Default: at once.
   */
  AlertSenderBuilder deferStart(HostStartup host) {
    this.gate = StartGate.after(Objects.requireNonNull(host, "host"));
    return this;
  }

  /** For tests: the heartbeat's monotonic clock and its wait until the next ping. */
  AlertSenderBuilder setHeartbeatClock(LongSupplier nanoTime, Worker.Sleeper sleeper) {
    this.heartbeatNanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    this.heartbeatSleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** The connect timeout, and the read timeout, of each request. Default 10 s. */
  AlertSenderBuilder setTimeout(Duration timeout) {
    this.timeout = positive(timeout, "timeout");
    return this;
  }

  /** Alerts waiting to be sent; more are dropped and counted. Default 1024. */
  public AlertSenderBuilder setQueueSize(int queueSize) {
    this.queueSize = atLeastOne(queueSize, "queueSize");
    return this;
  }

  /** Attempts per alert, the first included: 1 means no retry. Default 5. */
  AlertSenderBuilder setMaxAttempts(int maxAttempts) {
    this.maxAttempts = atLeastOne(maxAttempts, "maxAttempts");
    return this;
  }

  /** The wait before the first retry, doubled for each next one. Default 1 s. */
  AlertSenderBuilder setInitialBackoff(Duration initialBackoff) {
    this.initialBackoff = positive(initialBackoff, "initialBackoff");
    return this;
  }

  /** The longest wait between two attempts, except for a 429's rate-limit period. Default 30 s. */
  AlertSenderBuilder setMaxBackoff(Duration maxBackoff) {
    this.maxBackoff = positive(maxBackoff, "maxBackoff");
    return this;
  }

  /** Sent as the {@code source} of closes (creates carry their own); null leaves it out. */
  AlertSenderBuilder setSource(String source) {
    this.source = source;
    return this;
  }

  /**
   * The same alias is sent at most once per cooldown ({@link AlertSink#cooldown()}: admission's
   * storm control applies it); {@link Duration#ZERO} turns it off. Default 60 s.
   */
  public AlertSenderBuilder setCooldown(Duration cooldown) {
    Objects.requireNonNull(cooldown, "cooldown");
    if (cooldown.isNegative()) {
      throw new IllegalArgumentException(
          "cooldown must be zero (off) or positive, was " + cooldown);
    }
    this.cooldown = cooldown;
    return this;
  }

  /**
   * {@code alert.auto.close}: a close reads the alert by alias first and closes it only when it did
   * not occur within this period (replicas share aliases). {@link Duration#ZERO}: closes unread.
   */
  public AlertSenderBuilder setAutoClose(Duration autoClose) {
    Objects.requireNonNull(autoClose, "autoClose");
    this.autoClose = autoClose.isNegative() ? Duration.ZERO : autoClose;
    return this;
  }

  /**
   * {@code alert.auto.close.unread}: on an API that cannot read alerts (Jira Service Management
   * Operations), close unread, which is safe only for a single instance. Default false: such alerts
   * are left open for a person.
   */
  public AlertSenderBuilder setAutoCloseUnread(boolean autoCloseUnread) {
    this.autoCloseUnread = autoCloseUnread;
    return this;
  }

  /** How long shutdown goes on sending what is queued before it gives up. Default 5 s. */
  AlertSenderBuilder setShutdownTimeout(Duration shutdownTimeout) {
    this.shutdownTimeout = positive(shutdownTimeout, "shutdownTimeout");
    return this;
  }

  /** For tests: the monotonic clock of backoffs and the shutdown deadline. */
  AlertSenderBuilder setNanoTime(LongSupplier nanoTime) {
    this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
    return this;
  }

  /** For tests: the wall clock of an auto-close's read (did the alert occur within the period). */
  AlertSenderBuilder setClock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** For tests: waits between retries. */
  AlertSenderBuilder setSleeper(Worker.Sleeper sleeper) {
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    return this;
  }

  /** For tests: numbers in [0, 1) that shorten each backoff by up to half. */
  AlertSenderBuilder setJitter(DoubleSupplier jitter) {
    this.jitter = Objects.requireNonNull(jitter, "jitter");
    return this;
  }

  /**
   * Builds the sender and starts its worker thread. The base and the key are taken as the settings
   * accepted them; without a key, alerts go to the log ({@link LoggingOpsgenieClient}).
   *
   * @throws IllegalArgumentException when the base is missing or the backoffs are out of order
   */
  public AlertSender build() {
    if (apiBase == null) {
      throw new IllegalArgumentException(
          "the Opsgenie API base is required, e.g. https://api.opsgenie.com");
    }
    if (maxBackoff.compareTo(initialBackoff) < 0) {
      throw new IllegalArgumentException(
          "maxBackoff ("
              + maxBackoff
              + ") must not be shorter than initialBackoff ("
              + initialBackoff
              + ")");
    }
    OpsgenieClient client =
        isBlank(apiKey)
            ? new LoggingOpsgenieClient()
            : new HttpOpsgenieClient(apiBase, apiKey, timeout);
    return new AlertSender(this, client).start();
  }

  private static boolean isBlank(String s) {
    return s == null || s.trim().isEmpty();
  }

  private static Duration positive(Duration value, String name) {
    Objects.requireNonNull(value, name);
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException(name + " must be positive, was " + value);
    }
    return value;
  }

  private static int atLeastOne(int value, String name) {
    if (value < 1) {
      throw new IllegalArgumentException(name + " must be at least 1, was " + value);
    }
    return value;
  }
}
