/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.util.concurrent.TimeUnit;

/**
 * When a sender's own work begins (issue 30): its warm-up, first connection, TLS, key check,
 * heartbeat read and first ping. Not beside the agent's {@code premain}, whose cores they would
 * take on a small machine, but a short settle delay after the host finished starting ({@link
 * HostStartup}: the agent's {@code afterAgent}; without the agent, the sender's build), or at the
 * first item offered, or at shutdown, whichever comes first. The sender's threads are started at
 * build and wait here: a waiting thread loads nothing and runs nothing.
 */
final class StartGate {

  /** Why the gate opened. */
  enum Reason {
    /** The settle delay after the host's startup passed: warm up first. */
    DUE,
    /** An item was offered, or shutdown or a flush came: the work itself warms the path. */
    ASKED
  }

  private final HostStartup host;
  private final long builtAt;
  private volatile boolean asked;

  private StartGate(HostStartup host, long builtAt) {
    this.host = host;
    this.builtAt = builtAt;
  }

  /** A gate that is open from the start (tests, the misconfiguration alert). */
  static StartGate open() {
    StartGate gate = new StartGate(null, 0);
    gate.asked = true;
    return gate;
  }

  /** A gate that opens when {@code host}'s startup is over, or when asked. */
  static StartGate after(HostStartup host) {
    return new StartGate(host, System.nanoTime());
  }

  /** Opens the gate now: an item was offered, or shutdown came. Idempotent, cheap once open. */
  void ask() {
    if (!asked) {
      asked = true;
      if (host != null) {
        host.wakeAll();
      }
    }
  }

  /** Whether the work may begin: asked, or due by now. */
  boolean isOpen() {
    return asked || (host != null && System.nanoTime() - host.dueAt(builtAt) >= 0);
  }

  /** Waits until the gate opens; says why it did. */
  Reason await() throws InterruptedException {
    if (host == null) {
      return Reason.ASKED;
    }
    while (true) {
      if (asked) {
        return Reason.ASKED;
      }
      long left = host.dueAt(builtAt) - System.nanoTime();
      if (left <= 0) {
        return Reason.DUE;
      }
      host.sleep(this, TimeUnit.NANOSECONDS.toMillis(left) + 1);
    }
  }

  boolean isAsked() {
    return asked;
  }
}
