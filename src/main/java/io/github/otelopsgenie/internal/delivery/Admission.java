/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

/**
 * Storm control let an alert through: what it reports of the occurrences of its alias held back
 * before it. {@link #NONE} when none were: the common case, shared, so that admitting allocates
 * nothing.
 */
public final class Admission {

  public static final Admission NONE = new Admission(0, 0, 0);

  final long suppressed;
  final long firstMillis;
  final long lastMillis;

  Admission(long suppressed, long firstMillis, long lastMillis) {
    this.suppressed = suppressed;
    this.firstMillis = firstMillis;
    this.lastMillis = lastMillis;
  }
}
