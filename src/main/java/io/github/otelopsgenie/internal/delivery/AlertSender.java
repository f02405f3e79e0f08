/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.net.URI;
import java.time.Duration;
import java.util.function.Supplier;

/**
 * Delivers alerts to Opsgenie without ever making a request thread wait: {@link #enqueue} puts the
 * alert in a bounded queue, nothing more (admission's storm control decided before it). Its {@link
 * Worker} thread sends it, retrying transport errors, 5xx and 429 by the {@link RetryPolicy}, and
 * logs other rejections once and clearly. Without an API key its client is the {@link
 * LoggingOpsgenieClient}, which logs each alert as one JSON line instead.
 *
 * <p>{@link #shutdown()} sends what is queued within the shutdown timeout, then stops: an answer
 * that does not come in time is abandoned, the alerts left are counted and reported, and nothing is
 * sent afterwards.
 */
public final class AlertSender implements AlertSink {

  /** Starts the INFO line of an alert logged instead of sent (no API key). */
  public static final String LOG_MODE_PREFIX = LoggingOpsgenieClient.ALERT_PREFIX;

  private final URI apiBase;
  private final OpsgenieClient client;
  private final Duration timeout;
  private final int queueSize;
  private final RetryPolicy retry;
  private final Duration cooldown;
  private final Duration shutdownTimeout;
  private final SenderMetrics metrics = new SenderMetrics();

  /** What admission holds back before this sender: its tick and its counts. */
  private volatile HeldBack heldBack = HeldBack.NONE;

  private final String source;
  private final Worker worker;

  /** With {@code alert.auto.close}, a close first reads the alert. */
  private final AliasReads reads;

  /** Pings the heartbeat from a thread of its own; null without one (or without a key). */
  private final HeartbeatPinger pinger;

  AlertSender(AlertSenderBuilder b, OpsgenieClient client) {
    this.apiBase = b.apiBase;
    this.client = client;
    this.timeout = b.timeout;
    this.queueSize = b.queueSize;
    this.retry = new RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff);
    this.cooldown = b.cooldown;
    this.shutdownTimeout = b.shutdownTimeout;
    this.source = b.source;
    this.reads =
        new AliasReads(
            b.autoClose.toMillis(), b.autoCloseUnread, String.valueOf(b.apiBase), b.clock::millis);
    this.worker =
        new Worker(b, retry, client, metrics, () -> heldBack.unreported(), () -> heldBack.tick());
    this.pinger = client instanceof HttpOpsgenieClient ? pinger(b) : null;
    if (pinger != null) {
      metrics.alsoRegister(pinger::instruments);
    }
  }

  /** A builder; {@link AlertSenderBuilder#build()} starts the worker. */
  public static AlertSenderBuilder builder() {
    return new AlertSenderBuilder();
  }

  AlertSender start() {
    worker.start();
    if (pinger != null) {
      pinger.start();
    }
    return this;
  }

  /** The heartbeat's pinger, with a client of its own whose requests end within the interval. */
  private static HeartbeatPinger pinger(AlertSenderBuilder b) {
    final Heartbeat heartbeat = b.heartbeat;
    if (heartbeat == null) {
      return null;
    }
    final HttpOpsgenieClient own =
        new HttpOpsgenieClient(
            b.apiBase, b.apiKey, HeartbeatPinger.pingTimeout(b.timeout, heartbeat.interval));
    return new HeartbeatPinger(
            heartbeat.name,
            heartbeat.interval,
            () -> own.pingHeartbeat(heartbeat.name),
            own::abort,
            b.heartbeatNanoTime,
            b.heartbeatSleeper)
        .startingAt(b.gate);
  }

  /**
   * Hands the alert to the worker without blocking: the misconfiguration alert, alone on a
   * short-lived sender of its own (built with no cooldown: storm control never held anything back
   * there). Returns false when it was dropped (queue full, shut down). Never throws.
   */
  public boolean offer(OpsgenieAlert alert) {
    return alert != null && enqueue(alert.getAlias(), () -> alert);
  }

  /**
   * Queues the admitted alert; the worker builds it ({@code build} runs on the sender's thread,
   * once, before the first attempt). Returns false when dropped (queue full, shut down). Never
   * blocks, never throws.
   */
  @Override
  public boolean enqueue(String alias, Supplier<OpsgenieAlert> build) {
    try {
      if (!worker.isShutdown() && worker.offer(new AlertItem(alias, build))) {
        return true;
      }
      return dropped();
    } catch (Throwable t) {
      return dropped();
    }
  }

  /**
   * Queues closing the alert with {@code alias} ({@code POST /v2/alerts/{alias}/close}), behind
   * anything queued before. Returns false when it could not be queued (full, shut down). Never
   * throws. {@code outcome} learns on the sender's thread whether it was closed, or is still due
   * (another replica still sees it occurring, or the close failed). With {@code alert.auto.close}
   * set, the alert is read first and closed only when it is open and did not occur within that
   * period. Closes have queue room that alerts cannot take.
   */
  @Override
  public boolean close(String alias, String note, CloseOutcome outcome) {
    try {
      if (alias == null
          || alias.isEmpty()
          || worker.isShutdown()
          || !worker.offer(new CloseItem(alias, note, source, reads, outcome))) {
        return dropped();
      }
      return true;
    } catch (Throwable t) {
      return dropped();
    }
  }

  /**
   * Queues a note on the alert with {@code alias} (a storm's roll-up, handed over by the tick on
   * the sender's thread). Returns false when it could not be queued. Never throws.
   */
  @Override
  public boolean note(String alias, String text) {
    try {
      return worker.offer(new NoteItem(alias, text, source)) || dropped();
    } catch (Throwable t) {
      return dropped();
    }
  }

  /** {@code alert.cooldown}: admission's storm control holds this sender's alerts to it. */
  @Override
  public Duration cooldown() {
    return cooldown;
  }

  /**
   * What admission holds back before this sender: the worker runs its tick about once a second (and
   * before it answers a flush), the metrics count it as {@code suppressed}, the last line says what
   * no alert reported.
   */
  @Override
  public void attach(HeldBack heldBack) {
    HeldBack attached = heldBack != null ? heldBack : HeldBack.NONE;
    this.heldBack = attached;
    metrics.countSuppressed(attached);
  }

  private boolean dropped() {
    metrics.dropped.incrementAndGet();
    return false;
  }

  /** Completes when everything queued before the call was sent or given up on. */
  @Override
  public CompletableResultCode forceFlush() {
    return worker.flush();
  }

  /**
   * Sends what is queued within the shutdown timeout, then stops the worker; offers from now on are
   * dropped. The result completes when the worker has stopped, and fails if alerts were left
   * unsent. Idempotent.
   */
  @Override
  public CompletableResultCode shutdown() {
    if (pinger != null) {
      // first: a service going away stops pinging, and its heartbeat then expires
      pinger.stop();
    }
    return worker.shutdown();
  }

  public SenderMetrics metrics() {
    return metrics;
  }

  /** Registered with the sender's metrics: the processor's maps and counters. */
  @Override
  public void alsoExport(SenderMetrics.Instruments instruments) {
    metrics.alsoRegister(instruments);
  }

  /** The heartbeat, if any: for the processor's shutdown summary. */
  @Override
  public String stateSummary() {
    return pinger == null ? "" : pinger.summary();
  }

  HeartbeatPinger pinger() {
    return pinger;
  }

  int queued() {
    return worker.queued();
  }

  OpsgenieClient client() {
    return client;
  }

  Thread worker() {
    return worker.thread();
  }

  @Override
  public String toString() {
    return "AlertSender{apiBase="
        + apiBase
        + ", auth="
        + client.describeAuth()
        + ", timeout="
        + timeout
        + ", queueSize="
        + queueSize
        + ", maxAttempts="
        + retry.maxAttempts
        + ", initialBackoff="
        + retry.initialBackoff
        + ", maxBackoff="
        + retry.maxBackoff
        + ", cooldown="
        + (cooldown.isZero() ? "off" : cooldown.toString())
        + ", shutdownTimeout="
        + shutdownTimeout
        + "}";
  }
}
