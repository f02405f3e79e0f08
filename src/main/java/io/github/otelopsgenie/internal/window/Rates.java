/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.window;

/** The error-rate judgement routes and dependencies share: arithmetic only, no allocation. */
final class Rates {

  private Rates() {}

  /** Whether {@code part} of {@code total} is at least {@code rate} (a fraction). */
  static boolean reached(long part, long total, double rate) {
    // the epsilon keeps 2 of 10 at 20% from failing on 0.2 * 10 in binary floating point
    return part >= rate * total - 1e-9;
  }
}
