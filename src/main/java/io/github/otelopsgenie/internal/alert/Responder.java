/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.alert;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One alert responder: a user, team, escalation or schedule, named by {@code type:name} (a user by
 * {@code user:username}) or by {@code type:id:<id>}.
 */
public final class Responder {

  public static final List<String> TYPES =
      Collections.unmodifiableList(Arrays.asList("user", "team", "escalation", "schedule"));

  private final String type;
  private final String id;
  private final String name;
  private final String username;

  private Responder(String type, String id, String name, String username) {
    this.type = type;
    this.id = id;
    this.name = name;
    this.username = username;
  }

  /**
   * Parses {@code user:neo@matrix}, {@code team:ops}, {@code escalation:night}, {@code
   * schedule:primary} or {@code team:id:4513b7ea-3b91-438f-b7e4-e3e54af9147c}.
   *
   * @throws IllegalArgumentException naming the expected form
   */
  public static Responder parse(String spec) {
    String trimmed = spec == null ? "" : spec.trim();
    int colon = trimmed.indexOf(':');
    if (colon <= 0 || colon == trimmed.length() - 1) {
      throw new IllegalArgumentException(
          "expected type:name or type:id:<id> with type one of " + TYPES);
    }
    String type = trimmed.substring(0, colon).trim().toLowerCase(Locale.ROOT);
    String value = trimmed.substring(colon + 1).trim();
    if (!TYPES.contains(type)) {
      throw new IllegalArgumentException(
          "unknown responder type '" + type + "', expected one of " + TYPES);
    }
    if (value.startsWith("id:")) {
      String id = value.substring(3).trim();
      if (id.isEmpty()) {
        throw new IllegalArgumentException("expected an id after " + type + ":id:");
      }
      return new Responder(type, id, null, null);
    }
    if (value.isEmpty()) {
      throw new IllegalArgumentException("expected a name after " + type + ":");
    }
    return "user".equals(type)
        ? new Responder(type, null, null, value)
        : new Responder(type, null, value, null);
  }

  public String getType() {
    return type;
  }

  /** The responder's id, or null when it is named. */
  public String getId() {
    return id;
  }

  /** The name of a team, escalation or schedule, or null. */
  public String getName() {
    return name;
  }

  /** The username of a user, or null. */
  public String getUsername() {
    return username;
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Responder)) {
      return false;
    }
    Responder that = (Responder) o;
    return type.equals(that.type)
        && Objects.equals(id, that.id)
        && Objects.equals(name, that.name)
        && Objects.equals(username, that.username);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, id, name, username);
  }

  @Override
  public String toString() {
    String value = id != null ? "id:" + id : (name != null ? name : username);
    return type + ":" + value;
  }
}
