/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Storm control let an alert through: what it reports of the occurrences of its alias held back
 * before it. {@link #NONE} when none were: the common case, shared, so that admitting allocates
 * nothing.
 */
final class StormReport {

  static final StormReport NONE = new StormReport(0, 0, 0);

  static final String SUPPRESSED_COUNT = "suppressed_count";
  static final String FIRST_SEEN = "first_seen";
  static final String LAST_SEEN = "last_seen";

  final long suppressed;
  final long firstMillis;
  final long lastMillis;

  StormReport(long suppressed, long firstMillis, long lastMillis) {
    this.suppressed = suppressed;
    this.firstMillis = firstMillis;
    this.lastMillis = lastMillis;
  }

  /**
   * What the sink is handed for the alert {@code build} makes: {@code build} itself when nothing
   * was held back (no allocation), else the same alert with this report's details, added where the
   * sink builds it (on the sender's thread).
   */
  Supplier<OpsgenieAlert> around(Supplier<OpsgenieAlert> build) {
    return suppressed == 0 ? build : new WithDetails(build, this);
  }

  /** The alert with the report's details first, so that the cut to 8000 chars never drops them. */
  OpsgenieAlert addTo(OpsgenieAlert alert) {
    Map<String, String> storm = new LinkedHashMap<>();
    storm.put(SUPPRESSED_COUNT, Long.toString(suppressed));
    storm.put(FIRST_SEEN, Instant.ofEpochMilli(firstMillis).toString());
    storm.put(LAST_SEEN, Instant.ofEpochMilli(lastMillis).toString());
    return alert.toBuilder().putDetailsFirst(storm).build();
  }

  /** An admitted alert that reports occurrences held back before it: built, then the details. */
  private static final class WithDetails implements Supplier<OpsgenieAlert> {
    private final Supplier<OpsgenieAlert> build;
    private final StormReport report;

    WithDetails(Supplier<OpsgenieAlert> build, StormReport report) {
      this.build = build;
      this.report = report;
    }

    @Override
    public OpsgenieAlert get() {
      return report.addTo(build.get());
    }
  }
}
