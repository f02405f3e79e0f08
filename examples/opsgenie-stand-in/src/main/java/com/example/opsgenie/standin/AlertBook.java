package com.example.opsgenie.standin;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The alerts the stand-in holds, kept as Opsgenie keeps them: a create whose alias matches an open
 * alert only counts it ({@code count} + 1, {@code lastOccurredAt} now; no new alert, no new page);
 * a create whose alias matches a closed alert, or none, opens a new alert. A close by alias closes
 * the open alert with that alias. Notes are added to the latest alert with the alias.
 */
public final class AlertBook {

  /** One alert, as {@code GET /v2/alerts/{id}} shows it. */
  public static final class Alert {
    public final String id;
    public final String tinyId;
    public final String alias;
    public final String message;
    public final Instant createdAt;
    volatile String status = "open";
    volatile long count = 1;
    volatile Instant updatedAt;
    volatile Instant lastOccurredAt;
    final List<String> notes = new ArrayList<>();

    Alert(String id, String tinyId, String alias, String message, Instant now) {
      this.id = id;
      this.tinyId = tinyId;
      this.alias = alias;
      this.message = message;
      this.createdAt = now;
      this.updatedAt = now;
      this.lastOccurredAt = now;
    }

    public boolean isOpen() {
      return "open".equals(status);
    }

    public long count() {
      return count;
    }

    public Instant lastOccurredAt() {
      return lastOccurredAt;
    }

    public synchronized List<String> notes() {
      return new ArrayList<>(notes);
    }

    /** The {@code data} of a get-alert answer. */
    Map<String, Object> toData() {
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("id", id);
      data.put("tinyId", tinyId);
      data.put("alias", alias);
      data.put("message", message);
      data.put("status", status);
      data.put("acknowledged", false);
      data.put("isSeen", false);
      data.put("snoozed", false);
      data.put("count", count);
      data.put("createdAt", createdAt.toString());
      data.put("updatedAt", updatedAt.toString());
      data.put("lastOccurredAt", lastOccurredAt.toString());
      return data;
    }

    @Override
    public String toString() {
      return "Alert{"
          + alias
          + " "
          + status
          + " count="
          + count
          + " lastOccurredAt="
          + lastOccurredAt
          + " notes="
          + notes.size()
          + "}";
    }
  }

  private final List<Alert> alerts = new ArrayList<>();

  /** A create: counted into the open alert with {@code alias}, or a new alert. */
  synchronized Alert created(String alias, String message, Instant now) {
    Alert open = alias == null ? null : open(alias);
    if (open != null) {
      open.count++;
      open.lastOccurredAt = now;
      open.updatedAt = now;
      return open;
    }
    Alert alert =
        new Alert(
            UUID.randomUUID().toString(),
            Integer.toString(alerts.size() + 1),
            alias == null ? UUID.randomUUID().toString() : alias,
            message,
            now);
    alerts.add(alert);
    return alert;
  }

  /** A close by alias; false when no alert with that alias was open. */
  synchronized boolean closed(String alias, Instant now) {
    Alert open = open(alias);
    if (open == null) {
      return false;
    }
    open.status = "closed";
    open.updatedAt = now;
    return true;
  }

  /** A note on the latest alert with {@code alias}; false when there is none. */
  synchronized boolean noted(String alias, String note, Instant now) {
    Alert latest = latest(alias);
    if (latest == null) {
      return false;
    }
    synchronized (latest) {
      latest.notes.add(note);
    }
    latest.updatedAt = now;
    return true;
  }

  /** The open alert with {@code alias}, or null. */
  public synchronized Alert open(String alias) {
    for (Alert a : alerts) {
      if (a.alias.equals(alias) && a.isOpen()) {
        return a;
      }
    }
    return null;
  }

  /** The latest alert with {@code alias} (open or closed), or null: what a get by alias answers. */
  public synchronized Alert latest(String alias) {
    Alert found = null;
    for (Alert a : alerts) {
      if (a.alias.equals(alias)) {
        found = a;
      }
    }
    return found;
  }

  /** Every alert ever opened with {@code alias}, oldest first. */
  public synchronized List<Alert> withAlias(String alias) {
    List<Alert> found = new ArrayList<>();
    for (Alert a : alerts) {
      if (a.alias.equals(alias)) {
        found.add(a);
      }
    }
    return found;
  }

  /** Every alert ever opened, oldest first. */
  public synchronized List<Alert> all() {
    return new ArrayList<>(alerts);
  }

  synchronized void clear() {
    alerts.clear();
  }
}
