/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.net.HttpURLConnection;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The watchdog of each request's total deadline: at the deadline it disconnects the connection,
 * which ends whatever the sender's thread waits on (a TLS handshake, a status line or headers that
 * trickle in a byte at a time, a body), with an {@link java.io.IOException}. The connect and read
 * timeouts bound each single wait; only this bounds their sum. One daemon thread ({@value #NAME}),
 * shared, started with the first request and ended after a minute without one.
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

  /** Disconnects {@code connection} in {@code nanos} unless {@link Watch#cancel()}led first. */
  static Watch watch(HttpURLConnection connection, long nanos) {
    Watch watch = new Watch(connection);
    watch.future = WATCHDOG.schedule(watch::expire, nanos, TimeUnit.NANOSECONDS);
    return watch;
  }

  /** One request's deadline. */
  static final class Watch {
    private final HttpURLConnection connection;
    private volatile ScheduledFuture<?> future;
    private volatile boolean expired;

    private Watch(HttpURLConnection connection) {
      this.connection = connection;
    }

    private void expire() {
      expired = true;
      connection.disconnect();
    }

    /** The deadline passed and the connection was disconnected. */
    boolean expired() {
      return expired;
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
