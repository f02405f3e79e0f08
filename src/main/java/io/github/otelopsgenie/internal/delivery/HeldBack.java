/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

/**
 * What the caller holds back before a sink (admission's storm control), as the sink sees it: a task
 * its own thread runs about once a second (the notes of what was held back, once a storm has
 * ended), and the counts it reports with its own: the occurrences held back (its {@code suppressed}
 * counter) and those no alert has reported yet (said when it stops).
 */
public interface HeldBack {

  /** Nothing held back: what a sink reports until one is attached. */
  HeldBack NONE =
      new HeldBack() {
        @Override
        public void tick() {}

        @Override
        public long heldBack() {
          return 0;
        }

        @Override
        public long unreported() {
          return 0;
        }
      };

  /**
   * On the sink's thread, about once a second and before a flush is answered; may hand the sink
   * notes ({@link AlertSink#note}). Never blocks on I/O.
   */
  void tick();

  /** Occurrences held back so far. */
  long heldBack();

  /** Of those, the ones that no later alert has reported. */
  long unreported();
}
