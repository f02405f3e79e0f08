/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

/** For tests in other packages: the process's agent start, as the agent listener marks it. */
public final class AgentMoment {

  private AgentMoment() {}

  /** Under the agent, its premain under way (the listener constructed, afterAgent not yet). */
  public static void inPremain() {
    AgentStart.PROCESS.forget();
    AgentStart.PROCESS.expect();
  }

  /** The agent's afterAgent. */
  public static void premainOver() {
    AgentStart.PROCESS.started();
  }

  /** Back to a process without the agent. */
  public static void forget() {
    AgentStart.PROCESS.forget();
  }
}
