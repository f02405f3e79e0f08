/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.util.concurrent.TimeUnit;

/**
 * The moment the host of the extension has finished starting, after which the senders' own work may
 * begin ({@link StartGate}, issue 30). Under the agent, our {@code AgentListener} says that the
 * agent will call it ({@link #agentExpected()}: its constructor runs before the SDK is built) and
 * then that the agent has installed the application's instrumentation ({@link #agentStarted()}: its
 * {@code afterAgent}, the end of {@code premain}); the work begins a settle delay later. Without
 * the agent (SDK autoconfigure in the application, the Spring Boot starter, the public builder)
 * nothing says when the application finished starting: the work begins a delay after the sender was
 * built. Under the agent, should {@code afterAgent} never come, a minute after the build. Either
 * way the first item offered begins it at once. Never throws.
 */
public final class HostStartup {

  /** After the agent's {@code afterAgent}: the application's {@code main} and its first steps. */
  static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** Without the agent, after the sender's build: the rest of the application's startup. */
  static final long WITHOUT_AGENT_NANOS = TimeUnit.SECONDS.toNanos(3);

  /** Under the agent, when {@code afterAgent} did not come (a distribution that never calls it). */
  static final long AGENT_FALLBACK_NANOS = TimeUnit.SECONDS.toNanos(60);

  /** The process's one instance, told by the agent listener (after the delays: static order). */
  static final HostStartup PROCESS = new HostStartup();

  private final Object lock = new Object();
  private final long settleNanos;
  private final long withoutAgentNanos;
  private final long agentFallbackNanos;
  private volatile boolean agentExpected;
  private volatile boolean agentStarted;
  private volatile long agentStartedAt;

  HostStartup() {
    this(SETTLE_NANOS, WITHOUT_AGENT_NANOS, AGENT_FALLBACK_NANOS);
  }

  /** For tests: the three delays. */
  HostStartup(long settleNanos, long withoutAgentNanos, long agentFallbackNanos) {
    this.settleNanos = settleNanos;
    this.withoutAgentNanos = withoutAgentNanos;
    this.agentFallbackNanos = agentFallbackNanos;
  }

  /** The agent will call {@link #agentStarted()}: senders built from now on wait for it. */
  public static void agentExpected() {
    PROCESS.expectAgent();
  }

  /** The agent has installed the application's instrumentation ({@code afterAgent}). */
  public static void agentStarted() {
    PROCESS.startedByAgent();
  }

  void expectAgent() {
    agentExpected = true;
  }

  void startedByAgent() {
    agentStartedAt = System.nanoTime();
    agentStarted = true;
    wakeAll();
  }

  /** When the work of a sender built at {@code builtAt} is due, on the monotonic clock. */
  long dueAt(long builtAt) {
    if (agentStarted) {
      return agentStartedAt + settleNanos;
    }
    return builtAt + (agentExpected ? agentFallbackNanos : withoutAgentNanos);
  }

  void wakeAll() {
    synchronized (lock) {
      lock.notifyAll();
    }
  }

  /** Waits up to {@code millis}, or until woken; the gate checks again either way. */
  void sleep(StartGate gate, long millis) throws InterruptedException {
    synchronized (lock) {
      if (!gate.isAsked() && !gate.isOpen()) {
        lock.wait(Math.max(1, millis));
      }
    }
  }
}
