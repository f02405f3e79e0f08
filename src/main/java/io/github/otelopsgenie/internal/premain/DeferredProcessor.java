/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.premain;

import io.github.otelopsgenie.internal.util.AgentStart;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The span processor the SDK is given under the agent while the agent's {@code premain} runs: the
 * real one (its settings read and checked, its rules, windows and sender) is built on a thread of
 * its own, {@code otel-opsgenie-start}, the settle delay ({@link AgentStart#SETTLE_NANOS}) after
 * the agent has finished starting the application's instrumentation (the process's {@link
 * AgentStart}, marked at the end of {@code premain}), instead of on the agent's main thread inside
 * the SDK's autoconfiguration, where each of its classes is loaded through the agent's extension
 * class loader before the application's {@code main} can begin (issue 30). The delay keeps the
 * build (about 80 classes, each rewritten by that loader, and the compilers' work for them) off the
 * cores while the JVM loads and starts the application's main class, as the sender's own work waits
 * the same delay after the same moment ({@code delivery.HostStartup}).
 *
 * <p>The start thread is started with the processor and waits on the agent's record (a waiting
 * thread loads nothing and runs nothing). Spans that end before the real processor is there are
 * held ({@link HeldSpans}) and handed to it once built, on the start thread: a failure in the first
 * moments of a process still alerts. The build begins at once at the first span held (a span to
 * judge, before the agent's end or during the settle delay), and at {@link #forceFlush()} or {@link
 * #shutdown()} (on the caller, when the build has not begun; they wait for a build under way). Once
 * built, {@link #onEnd} is one volatile read and the real processor's own {@code onEnd}. Without
 * the agent nothing is deferred: the entry point builds the processor at once. Never throws.
 */
public final class DeferredProcessor implements SpanProcessor, Runnable {

  private static final Logger logger = Logger.getLogger(DeferredProcessor.class.getName());

  /** How long forceFlush and shutdown wait for a build under way. */
  static final long BUILD_WAIT_SECONDS = 30;

  private static final int PENDING = 0;
  private static final int STARTED = 1;
  private static final int BUILT = 2;

  /**
   * What the processor becomes: the real processor, or null when ours stays out (settings rejected
   * or disabled: the build says so in the log). Runs once, on the start thread or on a flushing or
   * shutting-down caller. (A JDK interface: one class of ours fewer in premain.)
   */
  private final Supplier<SpanProcessor> build;

  /** The agent's start, after which (and the settle delay) the build begins; its monitor waits. */
  private final AgentStart agent;

  private final long settleNanos;

  /** A span held, a flush or a shutdown: the settle delay ends early. */
  private volatile boolean woken;

  /** The real processor once built; null before, and after a build that left ours out. */
  private volatile SpanProcessor delegate;

  /** Guarded by this. */
  private int phase = PENDING;

  /** Guarded by this: built and the spans held handed over; flush and shutdown wait for it. */
  private boolean done;

  /** Guarded by this; made at the first span held, handed over (by the start thread) once built. */
  private HeldSpans held;

  /** Guarded by this: the build has begun (once only). */
  private boolean ran;

  /** A processor whose build waits for the agent's start (or a span, a flush, a shutdown). */
  public DeferredProcessor(Supplier<SpanProcessor> build) {
    this(build, AgentStart.PROCESS, AgentStart.SETTLE_NANOS);
  }

  /** With another settle delay after the process's agent start (tests). */
  DeferredProcessor(Supplier<SpanProcessor> build, long settleMillis) {
    this(build, AgentStart.PROCESS, TimeUnit.MILLISECONDS.toNanos(settleMillis));
  }

  private DeferredProcessor(Supplier<SpanProcessor> build, AgentStart agent, long settleNanos) {
    this.build = build;
    this.agent = agent;
    this.settleNanos = settleNanos;
    start();
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public boolean isEndRequired() {
    return true;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    SpanProcessor real = delegate;
    if (real != null) {
      real.onEnd(span);
    } else {
      hold(span);
    }
  }

  private void hold(ReadableSpan span) {
    boolean kept;
    boolean first = false;
    synchronized (this) {
      kept = phase != BUILT;
      if (kept) {
        if (held == null) {
          held = new HeldSpans();
        }
        first = held.add(span);
      }
    }
    if (!kept) {
      // built meanwhile (a null delegate once built: ours stays out)
      SpanProcessor real = delegate;
      if (real != null) {
        real.onEnd(span);
      }
    } else if (first) {
      wake();
      start();
    }
  }

  /** Begins the start thread, which waits for its moment, unless it has begun. */
  void start() {
    synchronized (this) {
      if (phase != PENDING) {
        return;
      }
      phase = STARTED;
    }
    try {
      Thread thread = new Thread(this, "otel-opsgenie-start");
      thread.setDaemon(true);
      thread.start();
    } catch (Throwable t) {
      // no thread: the build runs at the first span held, flush or shutdown instead
      synchronized (this) {
        phase = PENDING;
      }
    }
  }

  /** Ends the settle delay (or the wait for the agent's start) now. */
  private void wake() {
    woken = true;
    agent.wakeAll();
  }

  /**
   * The start thread's work: the wait for the agent's start and the settle delay (ended early by a
   * span, a flush or a shutdown), then the build, then the spans held handed over. Not for callers.
   */
  @Override
  public void run() {
    awaitDue();
    if (claim()) {
      build();
    }
  }

  /** Takes the build for the calling thread; false when another has taken it. */
  private synchronized boolean claim() {
    boolean first = !ran;
    ran = true;
    return first;
  }

  /** The build and the hand-over, on the thread that claimed it. */
  private void build() {
    SpanProcessor real = null;
    try {
      real = build.get();
    } catch (Throwable t) {
      logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
    }
    HeldSpans spans;
    synchronized (this) {
      delegate = real;
      phase = BUILT;
      spans = held;
      held = null;
    }
    try {
      long lost = real != null && spans != null ? spans.handTo(real) : 0;
      if (lost > 0) {
        logger.warning(
            "otel-opsgenie: "
                + lost
                + " spans ended before it had started, beyond the "
                + HeldSpans.MAX
                + " it holds, and were not read");
      }
    } finally {
      // flush and shutdown wait for the spans held, too
      synchronized (this) {
        done = true;
        notifyAll();
      }
    }
  }

  /** Until woken, or the settle delay after the agent's start has passed. */
  private void awaitDue() {
    try {
      synchronized (agent) {
        while (!woken) {
          long wait = 0; // until the agent's start
          if (agent.isStarted()) {
            long left = agent.dueAt(settleNanos) - System.nanoTime();
            if (left <= 0) {
              return;
            }
            wait = TimeUnit.NANOSECONDS.toMillis(left) + 1;
          }
          agent.wait(wait);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Builds on the caller when the build has not begun; else waits for the build under way. */
  private SpanProcessor awaitBuilt() {
    // taken before the start thread is woken, which then finds it taken and ends
    boolean here = claim();
    wake();
    if (here) {
      build();
    } else if (!awaitDone()) {
      logger.warning("otel-opsgenie: still starting after " + BUILD_WAIT_SECONDS + " s");
    }
    return delegate;
  }

  /** Waits up to {@link #BUILD_WAIT_SECONDS} for the build and the hand-over; false if not done. */
  private boolean awaitDone() {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(BUILD_WAIT_SECONDS);
    try {
      synchronized (this) {
        while (!done) {
          long left = deadline - System.nanoTime();
          if (left <= 0) {
            return false;
          }
          wait(TimeUnit.NANOSECONDS.toMillis(left) + 1);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return true;
  }

  @Override
  public CompletableResultCode forceFlush() {
    SpanProcessor real = awaitBuilt();
    return real != null ? real.forceFlush() : CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    SpanProcessor real = awaitBuilt();
    return real != null ? real.shutdown() : CompletableResultCode.ofSuccess();
  }

  @Override
  public String toString() {
    SpanProcessor real = delegate;
    boolean off;
    synchronized (this) {
      off = phase == BUILT && real == null;
    }
    return "DeferredProcessor{" + (real != null ? real : off ? "off" : "starting") + "}";
  }
}
