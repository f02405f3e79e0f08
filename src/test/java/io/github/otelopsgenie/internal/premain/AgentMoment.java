/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.premain;

/** For tests in other packages: the process's agent moment, as the agent listener tells it. */
public final class AgentMoment {

  private AgentMoment() {}

  /** Under the agent, its premain under way (the listener constructed, afterAgent not yet). */
  public static void inPremain() {
    DeferredProcessor.forgetAgent();
    DeferredProcessor.agentExpected();
  }

  /** The agent's afterAgent. */
  public static void premainOver() {
    DeferredProcessor.agentStarted();
  }

  /** Back to a process without the agent. */
  public static void forget() {
    DeferredProcessor.forgetAgent();
  }
}
