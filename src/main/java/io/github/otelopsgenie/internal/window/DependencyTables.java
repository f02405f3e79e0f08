/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.ServerAttributes;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.LongAdder;

/**
 * The dependencies a service calls, as the failing-dependency rule counts them: one {@link
 * DependencyStats} per dependency, found from a CLIENT span's attributes. The dependency is {@code
 * peer.service} when set, else {@code server.address:server.port}, else {@code db.system.name} (or
 * {@code db.system}) with {@code db.namespace}. Looking it up allocates nothing once it is known:
 * the key is never concatenated, the first attribute selects a small table and the port (or the
 * namespace) an entry in it. At most {@link DependencyWindows#MAX_DEPENDENCIES} are tracked; past
 * that, dependencies without a call in the window are forgotten, and a new one is not counted while
 * none is idle.
 *
 * <p>Full, the tables stay lock-free for calls to new dependencies: the scan that looks for idle
 * ones (under the lock that adds one) also notes the earliest time one of them may go idle (its
 * last call plus the window, at least a tenth of a window ahead), and until then a call to a new
 * dependency is only counted ({@link #untrackedCalls}), with two volatile reads and a striped
 * increment. At that time one caller, chosen by a compare-and-set, scans again while the others
 * keep counting. So a service calling thousands of hosts (a crawler, a per-tenant host) pays a scan
 * of the tables at most ten times a window, never one per call.
 *
 * <p>Our own calls to the Opsgenie API are never counted: the agent instruments the JDK's {@code
 * HttpURLConnection} under the sender too (observed: a CLIENT span on the {@code
 * otel-opsgenie-sender} thread), and an unreachable Opsgenie must not page through Opsgenie. Its
 * host and port are remembered as an entry without stats, so skipping them costs nothing more than
 * the look-up.
 */
final class DependencyTables {

  static final int MAX_DEPENDENCIES = DependencyWindows.MAX_DEPENDENCIES;

  static final AttributeKey<String> PEER_SERVICE = AttributeKey.stringKey("peer.service");
  static final AttributeKey<String> DB_SYSTEM_NAME = AttributeKey.stringKey("db.system.name");
  static final AttributeKey<String> DB_SYSTEM = AttributeKey.stringKey("db.system");
  static final AttributeKey<String> DB_NAMESPACE = AttributeKey.stringKey("db.namespace");
  static final AttributeKey<String> DB_NAME = AttributeKey.stringKey("db.name");

  /** The entries that share a first attribute (a host, a peer service, a database system). */
  private static final class Table {
    volatile Entry[] entries = new Entry[0];
  }

  private static final class Entry {
    final long port;
    final String namespace;
    final DependencyStats stats;

    Entry(long port, String namespace, DependencyStats stats) {
      this.port = port;
      this.namespace = namespace;
      this.stats = stats;
    }
  }

  private final long windowNanos;

  /** The Opsgenie API's host and port, whose calls (ours) are not a dependency of the service. */
  private final String apiHost;

  private final long apiPort;
  private final ConcurrentHashMap<String, Table> peers = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Table> hosts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<String, Table> databases = new ConcurrentHashMap<>();
  private final AtomicLong tracked = new AtomicLong();
  private final LongAdder untracked = new LongAdder();

  private static final AtomicLongFieldUpdater<DependencyTables> FULL_UNTIL =
      AtomicLongFieldUpdater.newUpdater(DependencyTables.class, "fullUntilNanos");

  /**
   * While every slot is taken: no tracked dependency can be idle before this time, so a call to a
   * new one is only counted until then. Moved ahead by a compare-and-set when a caller claims the
   * next scan.
   */
  private volatile long fullUntilNanos = Long.MIN_VALUE;

  /** Times {@link #add} took the lock: for tests of the full tables' lock-free path. */
  private final AtomicLong locked = new AtomicLong();

  DependencyTables(OpsgenieSettings settings) {
    this.windowNanos = settings.windowNanos;
    this.apiHost = settings.apiBase.getHost();
    int port = settings.apiBase.getPort();
    this.apiPort =
        port >= 0 ? port : "http".equalsIgnoreCase(settings.apiBase.getScheme()) ? 80 : 443;
  }

  /** The dependency a CLIENT span called, or null when it names none (or too many are tracked). */
  DependencyStats find(Attributes attributes, long nowNanos) {
    String peer = attributes.get(PEER_SERVICE);
    if (peer != null) {
      return find(peers, peer, -1, null, nowNanos);
    }
    String host = attributes.get(ServerAttributes.SERVER_ADDRESS);
    if (host != null) {
      Long port = attributes.get(ServerAttributes.SERVER_PORT);
      return find(hosts, host, port != null ? port : -1, null, nowNanos);
    }
    String system = attributes.get(DB_SYSTEM_NAME);
    if (system == null) {
      system = attributes.get(DB_SYSTEM);
    }
    if (system != null) {
      String namespace = attributes.get(DB_NAMESPACE);
      return find(
          databases, system, -1, namespace != null ? namespace : attributes.get(DB_NAME), nowNanos);
    }
    return null;
  }

  private DependencyStats find(
      ConcurrentHashMap<String, Table> tables,
      String first,
      long port,
      String namespace,
      long nowNanos) {
    Table table = tables.get(first);
    if (table != null) {
      Entry[] entries = table.entries;
      for (Entry e : entries) {
        if (e.port == port
            && (e.namespace == null ? namespace == null : e.namespace.equals(namespace))) {
          return e.stats;
        }
      }
    }
    return unknown(tables, first, port, namespace, nowNanos);
  }

  /**
   * A dependency not in the tables (a method of its own, so that the look-up of a known one stays
   * small enough to inline): added, unless the tables are full.
   */
  private DependencyStats unknown(
      ConcurrentHashMap<String, Table> tables,
      String first,
      long port,
      String namespace,
      long nowNanos) {
    if (tracked.get() >= MAX_DEPENDENCIES && !claimScan(tables, first, port, nowNanos)) {
      // full, and no tracked dependency can be idle yet: counted, no lock
      untracked.increment();
      return null;
    }
    return add(tables, first, port, namespace, nowNanos);
  }

  /**
   * The tables are full: true when this caller is to look for idle dependencies under the lock (the
   * time noted by the last scan has come, or the wall clock stepped back past it; or this is our
   * own API, remembered without stats); false while none can be idle, or another caller just
   * claimed the scan.
   */
  private boolean claimScan(
      ConcurrentHashMap<String, Table> tables, String first, long port, long nowNanos) {
    if (tables == hosts && isApi(first, port)) {
      return true;
    }
    long until = fullUntilNanos;
    if (nowNanos < until && until - nowNanos <= windowNanos) {
      return false;
    }
    // one caller scans; the others keep counting until that scan notes the next time (or, should
    // the claimant find its dependency added meanwhile and not scan, for a tenth of a window)
    return FULL_UNTIL.compareAndSet(this, until, nowNanos + windowNanos / DependencyStats.SLICES);
  }

  private boolean isApi(String host, long port) {
    return host.equalsIgnoreCase(apiHost) && (port == apiPort || port < 0);
  }

  /** First call to a dependency: makes room (forgetting idle ones) and remembers it. */
  private synchronized DependencyStats add(
      ConcurrentHashMap<String, Table> tables,
      String first,
      long port,
      String namespace,
      long nowNanos) {
    locked.incrementAndGet();
    Table table = tables.computeIfAbsent(first, k -> new Table());
    for (Entry e : table.entries) {
      if (e.port == port
          && (e.namespace == null ? namespace == null : e.namespace.equals(namespace))) {
        return e.stats;
      }
    }
    if (tables == hosts && isApi(first, port)) {
      Entry[] old = table.entries;
      Entry[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = new Entry(port, namespace, null);
      table.entries = grown;
      return null;
    }
    if (tracked.get() >= MAX_DEPENDENCIES && forgetIdle(nowNanos) == 0) {
      untracked.increment();
      if (table.entries.length == 0) {
        tables.remove(first, table);
      }
      return null;
    }
    String name =
        tables == hosts
            ? (port >= 0 ? first + ":" + port : first)
            : namespace != null ? first + "/" + namespace : first;
    DependencyStats stats = new DependencyStats(name, windowNanos);
    Entry[] old = table.entries;
    Entry[] grown = java.util.Arrays.copyOf(old, old.length + 1);
    grown[old.length] = new Entry(port, namespace, stats);
    table.entries = grown;
    tracked.incrementAndGet();
    return stats;
  }

  /**
   * Removes the dependencies without a call in the window; returns how many. When none was, notes
   * the earliest time one may be ({@link #fullUntilNanos}): until then the full tables are not
   * scanned again.
   */
  private int forgetIdle(long nowNanos) {
    int removed = 0;
    long earliestIdle = Long.MAX_VALUE;
    for (ConcurrentHashMap<String, Table> tables :
        java.util.Arrays.asList(peers, hosts, databases)) {
      for (Iterator<Map.Entry<String, Table>> it = tables.entrySet().iterator(); it.hasNext(); ) {
        Table table = it.next().getValue();
        java.util.List<Entry> kept = new java.util.ArrayList<>();
        for (Entry e : table.entries) {
          if (e.stats == null) {
            kept.add(e);
          } else if (nowNanos - e.stats.lastCallNanos() < windowNanos) {
            kept.add(e);
            earliestIdle = Math.min(earliestIdle, e.stats.lastCallNanos() + windowNanos);
          } else {
            removed++;
          }
        }
        table.entries = kept.toArray(new Entry[0]);
        if (kept.isEmpty()) {
          it.remove();
        }
      }
    }
    tracked.addAndGet(-removed);
    // at most ten scans a window, however the last calls are spread; room made: the next time the
    // tables are full, the first call to a new dependency scans at once
    fullUntilNanos =
        removed == 0
            ? Math.max(earliestIdle, nowNanos + windowNanos / DependencyStats.SLICES)
            : Long.MIN_VALUE;
    return removed;
  }

  int trackedDependencies() {
    return (int) tracked.get();
  }

  long untrackedCalls() {
    return untracked.sum();
  }

  /** How often a call took the lock to add a dependency (or find the tables full). */
  long lockedAdds() {
    return locked.get();
  }
}
