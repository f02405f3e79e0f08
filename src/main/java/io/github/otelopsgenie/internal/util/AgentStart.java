/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.util;

import java.util.concurrent.TimeUnit;

/**
 * The process's record of the agent's start (issue 30), the one both waits read: the processor's
 * build ({@code premain.DeferredProcessor}) and the senders' own work ({@code
 * delivery.HostStartup}) begin a settle delay ({@link #SETTLE_NANOS}) after it. Under the
 * OpenTelemetry Java agent its listener marks it: {@link #expect()} in its constructor (the agent
 * will call {@code afterAgent}; the SDK is not built yet) and {@link #started()} in {@code
 * afterAgent} (the application's instrumentation installed: the end of {@code premain}). Without
 * the agent it is never marked.
 *
 * <p>Threads that wait for it wait on this object's monitor (check their condition and {@code wait}
 * in one {@code synchronized (moment)} block); {@link #started()} and {@link #wakeAll()} notify
 * them all, and each checks its own condition again. Loaded on the agent's main thread by the
 * listener: one class, no lambdas, nothing of ours. Never throws.
 */
public final class AgentStart {

  /**
   * After the agent's start, how long the work waits (unless asked sooner): the application's main
   * class loads and starts without ours beside it.
   */
  public static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(1);

  /** The process's one record, marked by the agent listener. */
  public static final AgentStart PROCESS = new AgentStart();

  private volatile boolean expected;
  private volatile boolean started;

  /** On the monotonic clock; read once {@link #started} is true. */
  private volatile long startedAt;

  /** A record of its own (tests); the process's is {@link #PROCESS}. */
  public AgentStart() {}

  /** The agent will mark {@link #started()}: its listener's constructor, before the SDK's build. */
  public void expect() {
    expected = true;
  }

  /** The agent has installed the application's instrumentation ({@code afterAgent}). */
  public void started() {
    synchronized (this) {
      startedAt = System.nanoTime();
      started = true;
      notifyAll();
    }
  }

  /** True under the agent until its {@code premain} is over: build nothing of ours now. */
  public boolean duringPremain() {
    return expected && !started;
  }

  /** Whether the agent said it will mark its start. */
  public boolean isExpected() {
    return expected;
  }

  /** Whether the agent's start has been marked. */
  public boolean isStarted() {
    return started;
  }

  /**
   * When the work that waits {@code settleNanos} after the agent's start is due, on the monotonic
   * clock; only once {@link #isStarted()}.
   */
  public long dueAt(long settleNanos) {
    return startedAt + settleNanos;
  }

  /** Wakes every thread waiting on this record, to check its condition again. */
  public void wakeAll() {
    synchronized (this) {
      notifyAll();
    }
  }

  /** Back to a process without the agent (tests). */
  void forget() {
    synchronized (this) {
      expected = false;
      started = false;
      startedAt = 0;
    }
  }
}
