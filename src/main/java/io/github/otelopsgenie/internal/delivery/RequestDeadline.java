/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.net.HttpURLConnection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The watchdog of each request's total deadline: at the deadline it disconnects the connection,
 * which ends whatever the sender's thread waits on before the answer's body (a TLS handshake, a
 * status line or headers that trickle in a byte at a time), with an {@link java.io.IOException};
 * the body's reads are checked against the same deadline on the sender's thread. The connect and
 * read timeouts bound each single wait; only this bounds their sum. One daemon thread ({@value
 * #NAME}), shared, started with the first request and ended after a minute without one.
 */
final class RequestDeadline {

  static final String NAME = "otel-opsgenie-request-deadline";

  private static final ScheduledThreadPoolExecutor WATCHDOG = watchdog();

  private RequestDeadline() {}

  private static ScheduledThreadPoolExecutor watchdog() {
    ScheduledThreadPoolExecutor executor =
        new ScheduledThreadPoolExecutor(
            1,
            r -> {
              Thread t = new Thread(r, NAME);
              t.setDaemon(true);
              return t;
            });
    executor.setRemoveOnCancelPolicy(true);
    executor.setKeepAliveTime(1, TimeUnit.MINUTES);
    executor.allowCoreThreadTimeOut(true);
    return executor;
  }

  /**
   * Disconnects {@code connection} in {@code nanos} unless the watch stood down ({@link
   * Watch#standDown()}) or was {@link Watch#cancel()}led first.
   */
  static Watch watch(HttpURLConnection connection, long nanos) {
    Watch watch = new Watch(connection);
    watch.future = WATCHDOG.schedule(watch::expire, nanos, TimeUnit.NANOSECONDS);
    return watch;
  }

  /**
   * One request's deadline, until the answer's body is reached. Disconnecting under a body read is
   * not safe: for a body of known length the JDK then hands the connection to its keep-alive
   * cleaner, which drains the rest holding the stream's lock, and a read of the sender's thread
   * waits behind it for as long as the rest trickles in (hours; seen in {@code
   * RequestDeadlineTest}). So the sender's thread takes the body over ({@link #standDown()}) and
   * checks the deadline itself between reads; the watch disconnects only before that, or for an
   * {@link #abort()} then.
   */
  static final class Watch {
    private static final int WATCHING = 0;
    private static final int EXPIRED = 1;
    private static final int STOOD_DOWN = 2;
    private static final int ABORTED = 3;

    private final HttpURLConnection connection;
    private final AtomicInteger state = new AtomicInteger(WATCHING);
    private volatile ScheduledFuture<?> future;

    private Watch(HttpURLConnection connection) {
      this.connection = connection;
    }

    private void expire() {
      if (state.compareAndSet(WATCHING, EXPIRED)) {
        connection.disconnect();
      }
    }

    /** The deadline passed and the connection was disconnected. */
    boolean expired() {
      return state.get() == EXPIRED;
    }

    /**
     * The sender's thread reads the body from now on, and keeps the deadline itself: false when the
     * watch had already expired or was aborted (the connection is being disconnected: do not read).
     */
    boolean standDown() {
      cancel();
      return state.compareAndSet(WATCHING, STOOD_DOWN);
    }

    /**
     * Ends the request from another thread: disconnects it before the body, or, once the sender's
     * thread reads the body, marks it so that the next read's check ends it ({@link #aborted()}).
     */
    void abort() {
      if (state.compareAndSet(WATCHING, ABORTED)) {
        cancel();
        connection.disconnect();
      } else {
        state.compareAndSet(STOOD_DOWN, ABORTED);
      }
    }

    /** {@link #abort()} was called. */
    boolean aborted() {
      return state.get() == ABORTED;
    }

    /** The request ended: nothing is disconnected. */
    void cancel() {
      ScheduledFuture<?> f = future;
      if (f != null) {
        f.cancel(false);
      }
    }
  }
}
