/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

/**
 * What became of a queued close, told on the sender's thread: closed (or nothing was left to
 * close), or not closed this time (another replica still sees it occurring, or the close failed or
 * was given up on) and still due. Implementations must be quick and must not throw.
 */
public interface CloseOutcome {

  CloseOutcome IGNORED =
      new CloseOutcome() {
        @Override
        public void closed() {}

        @Override
        public void notClosed() {}
      };

  /** The alert is closed: by us now, by hand before, or it no longer exists. */
  void closed();

  /** Not closed this time; the close stays due and is to be tried again later. */
  void notClosed();

  /**
   * Not closed, and not to be tried again: the API cannot read alerts, so whether another replica
   * still fails is unknown, and closing unread is off. The alert is left open for a person.
   */
  default void leftOpen() {
    closed();
  }
}
