/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import io.github.otelopsgenie.alert.OpsgenieAlert;

import io.opentelemetry.sdk.common.CompletableResultCode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Delivers alerts to Opsgenie from one daemon thread, {@value #WORKER_NAME}, so that the request
 * threads never wait: {@link #offer} applies storm control and puts the alert in a bounded queue,
 * nothing more. The worker sends it, retrying transport errors, 5xx and 429 by the {@link
 * RetryPolicy}, and logs other rejections once and clearly. Without an API key it logs each alert as
 * one JSON line instead.
 *
 * <p>{@link #shutdown()} sends what is queued within the shutdown timeout, then stops: an answer
 * that does not come in time is abandoned, the alerts left are counted and reported, and nothing is
 * sent afterwards.
 */
public final class AlertSender implements AlertSink {

  private static final Logger logger = Logger.getLogger(AlertSender.class.getName());

  static final String WORKER_NAME = "otel-opsgenie-sender";
  public static final String LOG_MODE_PREFIX = "otel-opsgenie alert (no token, not sent): ";
  static final String LOG_MODE_CLOSE_PREFIX = "otel-opsgenie close (no token, not sent): ";
  static final String SUPPRESSED_COUNT = "suppressed_count";
  static final String FIRST_SEEN = "first_seen";
  static final String LAST_SEEN = "last_seen";

  private static final long POLL_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final long DROP_LOG_INTERVAL_NANOS = TimeUnit.MINUTES.toNanos(1);
  /** Wakes the worker for a flush or shutdown; never delivered. */
  private static final Pending WAKE = new Pending(null, StormControl.Admission.NONE, null, null);

  /** Waits between retries; package-private so that tests need not wait. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  /** One request to Opsgenie, attempted again on a retry. */
  private interface Call {
    OpsgenieResponse run() throws IOException;
  }

  private final URI apiBase;
  private final OpsgenieClient client;
  private final boolean startupCheck;
  private final Duration timeout;
  private final int queueSize;
  private final RetryPolicy retry;
  private final Duration cooldown;
  private final String source;
  private final Duration shutdownTimeout;
  private final StormControl storm;
  private final ArrayBlockingQueue<Pending> queue;
  private final ConcurrentLinkedQueue<CompletableResultCode> flushRequests = new ConcurrentLinkedQueue<>();
  private final SenderMetrics metrics = new SenderMetrics();
  private final LongSupplier nanoTime;
  private final Clock clock;
  private final Sleeper sleeper;
  private final DoubleSupplier jitter;
  private final Thread worker;

  private final AtomicBoolean shutdownRequested = new AtomicBoolean();
  private final CountDownLatch shutdownSignal = new CountDownLatch(1);
  private final CompletableResultCode shutdownResult = new CompletableResultCode();
  private volatile long shutdownDeadlineNanos;
  /** Set once {@link #shutdownDeadlineNanos} is: the worker reads the deadline only after this. */
  private volatile boolean deadlineSet;
  /** Set when shutdown ran out of time: the worker stops whatever it is doing. */
  private volatile boolean stopNow;

  // the worker's own state
  private boolean authFailureLogged;
  private long workerFailures;
  private long droppedReported;
  private long lastDropLogNanos;
  private boolean dropLogged;
  private int abandoned;

  AlertSender(AlertSenderBuilder b) {
    this.apiBase = b.apiBase;
    this.client = isBlank(b.apiKey) ? null : new OpsgenieClient(b.apiBase, b.apiKey, b.timeout);
    this.startupCheck = b.startupCheck;
    this.timeout = b.timeout;
    this.queueSize = b.queueSize;
    this.retry = new RetryPolicy(b.maxAttempts, b.initialBackoff, b.maxBackoff);
    this.cooldown = b.cooldown;
    this.source = b.source;
    this.shutdownTimeout = b.shutdownTimeout;
    this.storm = new StormControl(b.cooldown.toNanos(), b.maxAliases);
    this.queue = new ArrayBlockingQueue<>(b.queueSize);
    this.nanoTime = b.nanoTime;
    this.clock = b.clock;
    this.sleeper = b.sleeper != null ? b.sleeper : this::sleepUntilShutdown;
    this.jitter = b.jitter;
    this.worker = new Thread(this::run, WORKER_NAME);
    this.worker.setDaemon(true);
  }

  /** A builder; {@link AlertSenderBuilder#build()} starts the worker. */
  static AlertSenderBuilder builder() {
    return new AlertSenderBuilder();
  }

  AlertSender start() {
    worker.start();
    return this;
  }

  /**
   * Hands the alert to the worker without blocking. Returns false when it was dropped (queue full,
   * shut down); true when queued, or held back by storm control to be counted in the next alert
   * for its alias. Never throws.
   */
  @Override
  public boolean offer(OpsgenieAlert alert) {
    if (alert == null) {
      return false;
    }
    return offer(alert.getAlias(), () -> alert);
  }

  /**
   * As {@link #offer(OpsgenieAlert)}, but the alert is built only when it will be queued: an alias
   * in its cooldown is counted as suppressed and {@code build} is not called. Never blocks, never
   * throws.
   */
  @Override
  public boolean offer(String alias, Supplier<OpsgenieAlert> build) {
    try {
      if (shutdownRequested.get()) {
        metrics.dropped.incrementAndGet();
        return false;
      }
      boolean controlled = storm.isEnabled() && alias != null;
      long now = controlled ? nanoTime.getAsLong() : 0;
      StormControl.Admission admission =
          controlled ? storm.admit(alias, now, clock.millis()) : StormControl.Admission.NONE;
      if (admission == null) {
        metrics.suppressed.incrementAndGet();
        return true;
      }
      OpsgenieAlert alert = build.get();
      if (alert != null && queue.offer(new Pending(alert, admission, null, null))) {
        return true;
      }
      if (controlled) {
        storm.giveBack(alias, admission, now);
      }
      metrics.dropped.incrementAndGet();
      return false;
    } catch (Throwable t) {
      metrics.dropped.incrementAndGet();
      return false;
    }
  }

  /**
   * Queues closing the alert with {@code alias} ({@code POST /v2/alerts/{alias}/close}), behind
   * anything queued before. The alias's cooldown ends: a new failure after a recovery is sent at
   * once. Returns false when it could not be queued (full, shut down). Never throws.
   */
  @Override
  public boolean close(String alias, String note) {
    try {
      if (alias == null || alias.isEmpty() || shutdownRequested.get()) {
        metrics.dropped.incrementAndGet();
        return false;
      }
      if (!queue.offer(new Pending(null, StormControl.Admission.NONE, alias, note))) {
        metrics.dropped.incrementAndGet();
        return false;
      }
      if (storm.isEnabled()) {
        storm.forget(alias);
      }
      return true;
    } catch (Throwable t) {
      metrics.dropped.incrementAndGet();
      return false;
    }
  }

  /** Completes when everything queued before the call was sent or given up on. */
  @Override
  public CompletableResultCode forceFlush() {
    if (shutdownRequested.get()) {
      return shutdownResult;
    }
    CompletableResultCode result = new CompletableResultCode();
    flushRequests.add(result);
    queue.offer(WAKE);
    if (!worker.isAlive()) {
      result.succeed();
    }
    return result;
  }

  /**
   * Sends what is queued within the shutdown timeout, then stops the worker; offers from now on are
   * dropped. The result completes when the worker has stopped, and fails if alerts were left
   * unsent. Idempotent.
   */
  @Override
  public CompletableResultCode shutdown() {
    if (!shutdownRequested.compareAndSet(false, true)) {
      return shutdownResult;
    }
    shutdownDeadlineNanos = nanoTime.getAsLong() + shutdownTimeout.toNanos();
    deadlineSet = true;
    shutdownSignal.countDown();
    queue.offer(WAKE);
    if (!worker.isAlive()) {
      shutdownResult.succeed();
      return shutdownResult;
    }
    Thread watchdog = new Thread(this::stopWorkerAtDeadline, WORKER_NAME + "-shutdown");
    watchdog.setDaemon(true);
    watchdog.start();
    return shutdownResult;
  }

  /** Shutdown's deadline, kept in real time whatever clock the worker was given. */
  private void stopWorkerAtDeadline() {
    try {
      worker.join(Math.max(1, shutdownTimeout.toMillis()));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (worker.isAlive()) {
      stopNow = true;
      if (client != null) {
        client.abort();
      }
      worker.interrupt();
    }
  }

  private void run() {
    try {
      // the key and region check, on this thread so that startup never waits for it
      if (startupCheck && client != null) {
        StartupCheck.run(client, apiBase);
      }
      while (!shutdownRequested.get()) {
        Pending pending = queue.poll(POLL_NANOS, TimeUnit.NANOSECONDS);
        try {
          if (pending != null && pending != WAKE) {
            deliver(pending);
          }
          maintain();
          if (!flushRequests.isEmpty()) {
            flush();
          }
        } catch (RuntimeException | LinkageError e) {
          countWorkerFailure(e);
        }
      }
      Pending pending;
      while (!stopping() && (pending = queue.poll()) != null) {
        if (pending != WAKE) {
          deliver(pending);
        }
      }
    } catch (InterruptedException e) {
      // the shutdown watchdog: time is up, finish() reports what is left
    } catch (Throwable t) {
      logger.log(Level.SEVERE, "otel-opsgenie's sender stopped unexpectedly; alerts are no longer sent", t);
    } finally {
      finish();
    }
  }

  private void flush() {
    List<CompletableResultCode> requests = new ArrayList<>();
    CompletableResultCode request;
    while ((request = flushRequests.poll()) != null) {
      requests.add(request);
    }
    // everything queued before these requests is ahead of anything queued after them
    for (int n = queue.size(); n > 0 && !stopping(); n--) {
      Pending pending = queue.poll();
      if (pending == null) {
        break;
      }
      if (pending != WAKE) {
        deliver(pending);
      }
    }
    if (stopping()) {
      // cut short by shutdown: answered when the worker stops
      flushRequests.addAll(requests);
      return;
    }
    for (CompletableResultCode r : requests) {
      r.succeed();
    }
  }

  private void maintain() {
    metrics.registerWhenAvailable();
    long dropped = metrics.dropped.get();
    long now = nanoTime.getAsLong();
    if (dropped > droppedReported && (!dropLogged || now - lastDropLogNanos >= DROP_LOG_INTERVAL_NANOS)) {
      logger.warning(
          "otel-opsgenie dropped " + (dropped - droppedReported) + " alert(s) because its queue of "
              + queueSize + " was full (" + dropped + " dropped in all); raise otel.opsgenie.queue.size"
              + " or otel.opsgenie.alert.cooldown if this repeats");
      droppedReported = dropped;
      lastDropLogNanos = now;
      dropLogged = true;
    }
  }

  private void finish() {
    int left = 0;
    Pending pending;
    while ((pending = queue.poll()) != null) {
      if (pending != WAKE) {
        left++;
      }
    }
    if (left > 0) {
      metrics.dropped.addAndGet(left);
      logger.warning(
          "otel-opsgenie shut down with " + left + " alert(s) still queued and not sent: Opsgenie did"
              + " not answer within the shutdown timeout of " + shutdownTimeout);
    }
    boolean complete = left == 0 && abandoned == 0;
    CompletableResultCode request;
    while ((request = flushRequests.poll()) != null) {
      if (complete) {
        request.succeed();
      } else {
        request.fail();
      }
    }
    long unreported = storm.unreported();
    metrics.close();
    logger.info(
        "otel-opsgenie sender stopped: " + metrics.summary()
            + (unreported > 0 ? " (" + unreported + " suppressed occurrence(s) had no later alert to report them)" : ""));
    if (!complete) {
      shutdownResult.fail();
    } else {
      shutdownResult.succeed();
    }
  }

  private void deliver(Pending pending) {
    try {
      if (pending.closeAlias != null) {
        deliverClose(pending.closeAlias, pending.note);
        return;
      }
      OpsgenieAlert alert = withStormDetails(pending);
      if (client == null) {
        logger.info(LOG_MODE_PREFIX + AlertJson.oneLine(alert));
        metrics.logged.incrementAndGet();
        return;
      }
      final byte[] body = AlertJson.createBody(alert);
      send(() -> client.createAlert(body), "alert " + alert.getAlias(), false);
    } catch (InterruptedException e) {
      metrics.failed.incrementAndGet();
      abandoned++;
      logger.warning("otel-opsgenie gave up on " + describe(pending) + ": shutdown ran out of time");
    } catch (Throwable t) {
      metrics.failed.incrementAndGet();
      countWorkerFailure(t);
    }
  }

  private void countWorkerFailure(Throwable t) {
    if (workerFailures++ == 0) {
      logger.log(Level.WARNING, "otel-opsgenie's sender failed; further failures like this are only counted", t);
    }
  }

  private void deliverClose(String alias, String note) throws InterruptedException {
    if (client == null) {
      logger.info(LOG_MODE_CLOSE_PREFIX + AlertJson.closeLine(alias, note));
      metrics.logged.incrementAndGet();
      return;
    }
    send(() -> client.closeAlert(alias, note, source), "close of alert " + alias, true);
  }

  /**
   * Makes {@code call} until Opsgenie accepts it, rejects it for good, or the attempts or the
   * shutdown deadline run out. {@code what} names it in the log, e.g. "alert checkout-...".
   */
  private void send(Call call, String what, boolean close) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      if (stopping()) {
        metrics.failed.incrementAndGet();
        abandoned++;
        logger.warning("otel-opsgenie gave up on " + what + ": shutdown ran out of time");
        return;
      }
      OpsgenieResponse response = null;
      IOException error = null;
      try {
        response = call.run();
      } catch (IOException e) {
        error = e;
      }
      if (response != null && response.isAccepted()) {
        (close ? metrics.closed : metrics.sent).incrementAndGet();
        if (logger.isLoggable(Level.FINE)) {
          logger.fine("otel-opsgenie sent " + what + " (" + response.describe() + ")");
        }
        return;
      }
      if (response != null && !response.isRetryable()) {
        if (!(close && response.statusCode() == 404)) {
          metrics.failed.incrementAndGet();
        }
        reportRejected(what, close, response);
        return;
      }
      String why = response != null ? response.describe() : String.valueOf(error);
      if (attempt >= retry.maxAttempts) {
        metrics.failed.incrementAndGet();
        logger.warning("otel-opsgenie gave up on " + what + " after " + attempt
            + " attempt(s) to " + client.alertsUrl() + ": " + why);
        return;
      }
      long wait = retry.backoffNanos(
          attempt, jitter.getAsDouble(), response == null ? 0 : response.rateLimitPeriodSeconds());
      if (!waitForRetry(wait)) {
        metrics.failed.incrementAndGet();
        abandoned++;
        logger.warning("otel-opsgenie gave up on " + what
            + ": shutting down, no time left to retry after " + why);
        return;
      }
      metrics.retried.incrementAndGet();
      if (logger.isLoggable(Level.FINE)) {
        logger.fine("otel-opsgenie retrying " + what + " (attempt " + (attempt + 1)
            + " of " + retry.maxAttempts + ") after " + why);
      }
    }
  }

  /** Waits {@code nanos}; false when shutdown leaves no time for that. */
  private boolean waitForRetry(long nanos) throws InterruptedException {
    long wakeAt = nanoTime.getAsLong() + nanos;
    long left;
    while ((left = wakeAt - nanoTime.getAsLong()) > 0) {
      if (stopNow || (deadlineSet && wakeAt - shutdownDeadlineNanos > 0)) {
        return false;
      }
      sleeper.sleep(left);
    }
    return !stopping();
  }

  /** The default sleeper: shutdown cuts it short, so that the retry can be reconsidered. */
  private void sleepUntilShutdown(long nanos) throws InterruptedException {
    if (deadlineSet) {
      TimeUnit.NANOSECONDS.sleep(nanos);
    } else {
      shutdownSignal.await(nanos, TimeUnit.NANOSECONDS);
    }
  }

  private boolean stopping() {
    return stopNow || (deadlineSet && nanoTime.getAsLong() - shutdownDeadlineNanos >= 0);
  }

  private void reportRejected(String what, boolean close, OpsgenieResponse response) {
    int status = response.statusCode();
    if (status == 401 || status == 403) {
      if (!authFailureLogged) {
        authFailureLogged = true;
        logger.severe(authFailure(response));
      } else if (logger.isLoggable(Level.FINE)) {
        logger.fine("otel-opsgenie " + what + " rejected: " + response.describe());
      }
      return;
    }
    if (close && status == 404) {
      // closed by hand already, or never created: nothing left to do
      if (logger.isLoggable(Level.FINE)) {
        logger.fine("otel-opsgenie " + what + ": no such open alert (" + response.describe() + ")");
      }
      return;
    }
    if (status == 422) {
      logger.warning("otel-opsgenie " + what + " rejected by Opsgenie as not processable: "
          + response.describe());
      return;
    }
    String hint = status == 404 || status == 405
        ? "; check otel.opsgenie.api.base (" + apiBase + "): alerts are posted to " + client.alertsUrl()
        : "";
    logger.warning("otel-opsgenie " + what + " rejected by Opsgenie: " + response.describe() + hint);
  }

  private String authFailure(OpsgenieResponse response) {
    String tail = " Alerts are not being delivered; they are not retried, and this is logged once.";
    if (response.statusCode() == 403 && response.code() == 40301) {
      return "otel-opsgenie cannot deliver alerts: the key in otel.opsgenie.token is not an API"
          + " integration key (" + response.describe() + "). Only the key of an API integration"
          + " (Opsgenie: Settings > Integrations > API; JSM Operations: an API integration) may"
          + " create alerts; account and user API keys may not." + tail;
    }
    if (response.statusCode() == 403) {
      return "otel-opsgenie cannot deliver alerts: Opsgenie refused the key in otel.opsgenie.token ("
          + response.describe() + "); use the key of an API integration that may create alerts." + tail;
    }
    return "otel-opsgenie cannot deliver alerts: Opsgenie did not accept the key in"
        + " otel.opsgenie.token (" + response.describe() + "): it is wrong, its integration is"
        + " disabled, or it belongs to another region than " + apiBase
        + " (EU accounts use https://api.eu.opsgenie.com), or it is not an API integration key." + tail;
  }

  private OpsgenieAlert withStormDetails(Pending pending) {
    StormControl.Admission admission = pending.admission;
    OpsgenieAlert alert = pending.alert;
    if (admission.suppressed == 0) {
      return alert;
    }
    Map<String, String> storm = new LinkedHashMap<>();
    storm.put(SUPPRESSED_COUNT, Long.toString(admission.suppressed));
    storm.put(FIRST_SEEN, Instant.ofEpochMilli(admission.firstMillis).toString());
    storm.put(LAST_SEEN, Instant.ofEpochMilli(admission.lastMillis).toString());
    // first in the details, so that the cut to Opsgenie's 8000 chars never drops them
    return alert.toBuilder().putDetailsFirst(storm).build();
  }

  SenderMetrics metrics() {
    return metrics;
  }

  int queued() {
    return queue.size();
  }

  int rememberedAliases() {
    return storm.size();
  }

  boolean isLogMode() {
    return client == null;
  }

  Thread worker() {
    return worker;
  }

  private static boolean isBlank(String s) {
    return s == null || s.trim().isEmpty();
  }

  @Override
  public String toString() {
    return "AlertSender{apiBase=" + apiBase
        + ", auth=" + (client == null ? "none (alerts are logged, not sent)" : "GenieKey ****")
        + ", timeout=" + timeout
        + ", queueSize=" + queueSize
        + ", maxAttempts=" + retry.maxAttempts
        + ", initialBackoff=" + retry.initialBackoff
        + ", maxBackoff=" + retry.maxBackoff
        + ", cooldown=" + (cooldown.isZero() ? "off" : cooldown.toString())
        + ", shutdownTimeout=" + shutdownTimeout
        + "}";
  }

  private static String describe(Pending pending) {
    return pending.closeAlias != null
        ? "close of alert " + pending.closeAlias
        : "alert " + pending.alert.getAlias();
  }

  /**
   * An alert in the queue, with what storm control held back before it; or, with {@code
   * closeAlias} set, a close.
   */
  private static final class Pending {
    final OpsgenieAlert alert;
    final StormControl.Admission admission;
    final String closeAlias;
    final String note;

    Pending(OpsgenieAlert alert, StormControl.Admission admission, String closeAlias, String note) {
      this.alert = alert;
      this.admission = admission;
      this.closeAlias = closeAlias;
      this.note = note;
    }
  }
}
