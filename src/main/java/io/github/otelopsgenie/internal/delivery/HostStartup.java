/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.util.AgentStart;
import java.util.concurrent.TimeUnit;

/**
 * The moment the host of the extension has finished starting, after which the senders' own work may
 * begin ({@link StartGate}, issue 30). Under the agent, that moment is the process's {@link
 * AgentStart}, which our {@code AgentListener} marks: expected (its constructor runs before the SDK
 * is built), then started (its {@code afterAgent}, the end of {@code premain}); the work begins the
 * settle delay later, as the processor's build does. Without the agent (SDK autoconfigure in the
 * application, the Spring Boot starter, the public builder) nothing says when the application
 * finished starting: the work begins a delay after the sender was built. Under the agent, should
 * {@code afterAgent} never come, a minute after the build. Either way the first item offered begins
 * it at once. Never throws.
 */
public final class HostStartup {

  /** Without the agent, after the sender's build: the rest of the application's startup. */
  static final long WITHOUT_AGENT_NANOS = TimeUnit.SECONDS.toNanos(3);

  /** Under the agent, when {@code afterAgent} did not come (a distribution that never calls it). */
  static final long AGENT_FALLBACK_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** The process's one instance, over the agent start its listener marks. */
  static final HostStartup PROCESS = new HostStartup();

  private final AgentStart agent;
  private final long settleNanos;
  private final long withoutAgentNanos;
  private final long agentFallbackNanos;

  HostStartup() {
    this(AgentStart.PROCESS, AgentStart.SETTLE_NANOS, WITHOUT_AGENT_NANOS, AGENT_FALLBACK_NANOS);
  }

  /** For tests: a record of the agent's start of its own, and the three delays. */
  HostStartup(long settleNanos, long withoutAgentNanos, long agentFallbackNanos) {
    this(new AgentStart(), settleNanos, withoutAgentNanos, agentFallbackNanos);
  }

  private HostStartup(
      AgentStart agent, long settleNanos, long withoutAgentNanos, long agentFallbackNanos) {
    this.agent = agent;
    this.settleNanos = settleNanos;
    this.withoutAgentNanos = withoutAgentNanos;
    this.agentFallbackNanos = agentFallbackNanos;
  }

  /** For tests: as the agent listener's constructor. */
  void expectAgent() {
    agent.expect();
  }

  /** For tests: as the agent listener's {@code afterAgent}. */
  void startedByAgent() {
    agent.started();
  }

  /** When the work of a sender built at {@code builtAt} is due, on the monotonic clock. */
  long dueAt(long builtAt) {
    if (agent.isStarted()) {
      return agent.dueAt(settleNanos);
    }
    return builtAt + (agent.isExpected() ? agentFallbackNanos : withoutAgentNanos);
  }

  void wakeAll() {
    agent.wakeAll();
  }

  /** Waits up to {@code millis}, or until woken; the gate checks again either way. */
  void sleep(StartGate gate, long millis) throws InterruptedException {
    synchronized (agent) {
      if (!gate.isAsked() && !gate.isOpen()) {
        agent.wait(Math.max(1, millis));
      }
    }
  }
}
