/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.window;

import io.github.otelopsgenie.util.BoundedLruMap;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code otel.opsgenie.alert.auto.close}: the aliases we opened, and when their rule last matched.
 * An alias that has seen no matching request for the auto-close period (and whose route, for the
 * error-rate and percentile rules, is healthy again) is due to be closed, once. Bounded: at most
 * {@link BoundedLruMap#DEFAULT_MAX_ENTRIES}, the least recently matched forgotten first (never closed).
 */
public final class OpenAlerts {

  /** Whether a route-level alert's route is healthy again; null for per-request rules. */
  public interface Health {
    boolean healthy(long nowNanos);
  }

  private static final class Open {
    long lastMatchNanos;
    final Health health;
    final String why;

    Open(long lastMatchNanos, Health health, String why) {
      this.lastMatchNanos = lastMatchNanos;
      this.health = health;
      this.why = why;
    }
  }

  private final long autoCloseNanos;
  private final BoundedLruMap<String, Open> open = new BoundedLruMap<>();

  public OpenAlerts(long autoCloseNanos) {
    this.autoCloseNanos = autoCloseNanos;
  }

  /** An alert for {@code alias} was sent at {@code nowNanos}. */
  public synchronized void opened(String alias, long nowNanos, Health health, String why) {
    Open existing = open.get(alias);
    if (existing != null) {
      existing.lastMatchNanos = nowNanos;
    } else {
      open.put(alias, new Open(nowNanos, health, why));
    }
  }

  /** The rule of {@code alias} matched again (whether or not an alert was sent for it). */
  public synchronized void matched(String alias, long nowNanos) {
    Open existing = open.get(alias);
    if (existing != null) {
      existing.lastMatchNanos = nowNanos;
    }
  }

  /** Removes and returns the aliases due to be closed at {@code nowNanos}, with the reason. */
  public synchronized List<DueClose> recovered(long nowNanos) {
    List<DueClose> due = new ArrayList<>();
    for (Iterator<Map.Entry<String, Open>> it = open.entries(); it.hasNext(); ) {
      Map.Entry<String, Open> e = it.next();
      Open o = e.getValue();
      if (nowNanos - o.lastMatchNanos >= autoCloseNanos
          && (o.health == null || o.health.healthy(nowNanos))) {
        due.add(new DueClose(e.getKey(), o.why));
        it.remove();
      }
    }
    return due;
  }

  synchronized int size() {
    return open.size();
  }
}
