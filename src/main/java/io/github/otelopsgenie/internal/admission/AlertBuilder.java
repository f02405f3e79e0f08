/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.admission;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;

/**
 * Builds one kind of alert from an admitted {@link Candidate}, on the sender's thread: it reads the
 * span's facts and writes the alert's text, with the alias and the route decision the candidate
 * carries (it forms and decides neither again). One shared instance per kind of alert.
 */
public interface AlertBuilder {

  OpsgenieAlert build(Candidate candidate);

  /**
   * What recovery means for an alert of a window (route error rate or percentile, dependency): when
   * its window is healthy again, given {@code detail} (the breach); null for every other kind,
   * which recovers when its rule was quiet for the auto-close period. Asked only when the alert
   * opens, never for an alert whose window is null.
   */
  default Recovery recovery(Object detail) {
    return null;
  }

  /** What recovery means for an alert of a window: its check, and its name in the close's note. */
  interface Recovery extends OpenAlerts.Health {
    String reason();

    /** {@code health}, named {@code reason} in the close's note. */
    static Recovery of(String reason, OpenAlerts.Health health) {
      return new Recovery() {
        @Override
        public boolean healthy(long nowNanos) {
          return health.healthy(nowNanos);
        }

        @Override
        public String reason() {
          return reason;
        }
      };
    }
  }
}
