/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.util.BoundedLruMap;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * {@code otel.opsgenie.alert.auto.close}: the aliases we opened, and when their rule last matched.
 * An alias that has seen no matching request for the auto-close period (and whose route, for the
 * error-rate and percentile rules, is healthy again) is due to be closed. It stays remembered until
 * the close is done ({@link #closed}): a close that could not be queued is due again at the next
 * check ({@link #stillDue}); one that was looked at and not done (it failed, could not be read, or
 * found the alert still occurring on another replica) a quarter period later ({@link #deferred}),
 * so that recovered replicas do not poll Opsgenie. At most {@link #MAX_DUE_PER_CHECK} are handed
 * out per check. Forgetting an open alias to stay within the bound is logged (once) and counted.
 * Bounded: at most {@link BoundedLruMap#DEFAULT_MAX_ENTRIES}, the least recently matched forgotten
 * first (never closed).
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

    /** A close is on its way; {@link #closingAsOf} is the last match it was decided on. */
    boolean closing;

    long closingAsOf;

    /** A read found it not closable: not due again before this time (with {@link #backingOff}). */
    long notBeforeNanos;

    boolean backingOff;

    Open(long lastMatchNanos, Health health, String why) {
      this.lastMatchNanos = lastMatchNanos;
      this.health = health;
      this.why = why;
    }
  }

  /**
   * Closes handed out per check at most: each may cost a read, and reads compete with alerts for
   * Opsgenie's rate limit. The rest are due at the next check.
   */
  public static final int MAX_DUE_PER_CHECK = 20;

  private final long autoCloseNanos;
  private final BoundedLruMap<String, Open> open = new BoundedLruMap<>();

  private static final java.util.logging.Logger logger =
      java.util.logging.Logger.getLogger(OpenAlerts.class.getName());
  private boolean evictionLogged;

  public OpenAlerts(long autoCloseNanos) {
    this.autoCloseNanos = autoCloseNanos;
  }

  /** An alert for {@code alias} was sent at {@code nowNanos}. */
  public synchronized void opened(String alias, long nowNanos, Health health, String why) {
    Open existing = open.get(alias);
    if (existing != null) {
      existing.lastMatchNanos = nowNanos;
    } else {
      long before = open.evictions();
      open.put(alias, new Open(nowNanos, health, why));
      if (open.evictions() != before && !evictionLogged) {
        evictionLogged = true;
        logger.warning(
            "otel-opsgenie remembers at most "
                + open.maxEntries()
                + " open alerts for auto-close"
                + " and forgot the least recently matched one: it will not be closed automatically (further"
                + " ones are only counted); too many distinct aliases, see otel.opsgenie.alert.alias.budget");
      }
    }
  }

  /**
   * The rule of {@code alias} matched again (whether or not an alert was sent for it); true when
   * the alias is open (then {@link #opened} has nothing to add).
   */
  public synchronized boolean matched(String alias, long nowNanos) {
    Open existing = open.get(alias);
    if (existing != null) {
      existing.lastMatchNanos = nowNanos;
      return true;
    }
    return false;
  }

  /**
   * The aliases due to be closed at {@code nowNanos}, with the reason, at most {@link
   * #MAX_DUE_PER_CHECK}; each is marked as closing (not returned again) until {@link #closed},
   * {@link #stillDue} or {@link #deferred} says how its close went.
   */
  public synchronized List<DueClose> recovered(long nowNanos) {
    List<DueClose> due = new ArrayList<>();
    for (Iterator<Map.Entry<String, Open>> it = open.entries();
        it.hasNext() && due.size() < MAX_DUE_PER_CHECK; ) {
      Map.Entry<String, Open> e = it.next();
      Open o = e.getValue();
      if (!o.closing
          && !(o.backingOff && nowNanos - o.notBeforeNanos < 0)
          && nowNanos - o.lastMatchNanos >= autoCloseNanos
          && (o.health == null || o.health.healthy(nowNanos))) {
        o.closing = true;
        o.closingAsOf = o.lastMatchNanos;
        due.add(new DueClose(e.getKey(), o.why));
      }
    }
    return due;
  }

  /**
   * The close of {@code alias} is done: forgotten, unless its rule matched again since the close
   * was decided (then it is open again, and stays).
   */
  public synchronized void closed(String alias) {
    Open o = open.get(alias);
    if (o == null) {
      return;
    }
    if (o.closing && o.lastMatchNanos == o.closingAsOf) {
      open.remove(alias);
    } else {
      o.closing = false;
    }
  }

  /**
   * The close of {@code alias} was not done (not queued, failed, still occurring elsewhere): due
   * again.
   */
  public synchronized void stillDue(String alias) {
    Open o = open.get(alias);
    if (o != null) {
      o.closing = false;
    }
  }

  /**
   * The close of {@code alias} was looked at and not done (a read found it still occurring, could
   * not read it, or the close failed): due again a quarter of the auto-close period from {@code
   * nowNanos}, so that a fleet of recovered replicas reads each alert at most that often.
   */
  public synchronized void deferred(String alias, long nowNanos) {
    Open o = open.get(alias);
    if (o != null) {
      o.closing = false;
      o.backingOff = true;
      o.notBeforeNanos = nowNanos + autoCloseNanos / 4;
    }
  }

  /** Open aliases forgotten to stay within the bound (never closed automatically). */
  public synchronized long evicted() {
    return open.evictions();
  }

  public synchronized int size() {
    return open.size();
  }

  public int maxAliases() {
    return open.maxEntries();
  }
}
