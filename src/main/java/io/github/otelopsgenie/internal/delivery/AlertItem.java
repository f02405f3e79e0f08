/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/** An alert to create, with what storm control held back before it. */
final class AlertItem implements WorkItem {

  static final String SUPPRESSED_COUNT = "suppressed_count";
  static final String FIRST_SEEN = "first_seen";
  static final String LAST_SEEN = "last_seen";

  private final String alias;
  private final Supplier<OpsgenieAlert> build;
  private final Admission admission;

  /** Built on the worker's thread before the first attempt, then kept for the retries. */
  private OpsgenieAlert alert;

  AlertItem(String alias, Supplier<OpsgenieAlert> build, Admission admission) {
    this.alias = alias;
    this.build = build;
    this.admission = admission;
  }

  @Override
  public String describe() {
    return "alert " + (alert != null ? alert.getAlias() : alias);
  }

  @Override
  public OpsgenieResponse sendTo(OpsgenieClient client) throws IOException {
    if (alert == null) {
      alert = withStormDetails(build.get());
    }
    return client.createAlert(alert);
  }

  @Override
  public AtomicLong acceptedCount(SenderMetrics metrics) {
    return metrics.sent;
  }

  @Override
  public boolean isAlert() {
    return true;
  }

  @Override
  public boolean isMoot(OpsgenieResponse rejection) {
    return false;
  }

  /** Built on the worker's thread, not the request's. */
  private OpsgenieAlert withStormDetails(OpsgenieAlert alert) {
    if (admission.suppressed == 0) {
      return alert;
    }
    Map<String, String> storm = new LinkedHashMap<>();
    storm.put(SUPPRESSED_COUNT, Long.toString(admission.suppressed));
    storm.put(FIRST_SEEN, Instant.ofEpochMilli(admission.firstMillis).toString());
    storm.put(LAST_SEEN, Instant.ofEpochMilli(admission.lastMillis).toString());
    // first in the details, so that the cut to Opsgenie's 8000 chars never drops them
    return alert.toBuilder().putDetailsFirst(storm).build();
  }
}
