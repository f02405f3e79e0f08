/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

/**
 * An alert due to be closed: its alias, and the rule that stopped matching (for the close note).
 */
public final class DueClose {

  public final String alias;

  /** What the alert was about: {@code status}, {@code error rate of /orders}, and so on. */
  public final String reason;

  DueClose(String alias, String reason) {
    this.alias = alias;
    this.reason = reason;
  }

  @Override
  public String toString() {
    return "DueClose{alias=" + alias + ", reason=" + reason + "}";
  }
}
