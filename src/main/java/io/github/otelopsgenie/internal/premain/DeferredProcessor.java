/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.premain;

import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The span processor the SDK is given under the agent while the agent's {@code premain} runs: the
 * real one (its settings read and checked, its rules, windows and sender) is built on a thread of
 * its own, {@code otel-opsgenie-start}, a settle delay ({@link #SETTLE_MILLIS}) after the agent has
 * finished starting the application's instrumentation ({@link #agentStarted()}, the end of {@code
 * premain}), instead of on the agent's main thread inside the SDK's autoconfiguration, where each
 * of its classes is loaded through the agent's extension class loader before the application's
 * {@code main} can begin (issue 30). The delay keeps the build (about 80 classes, each rewritten by
 * that loader, and the compilers' work for them) off the cores while the JVM loads and starts the
 * application's main class, as the sender's own work waits ({@code delivery.HostStartup}).
 *
 * <p>Spans that end before the real processor is there are held (up to {@link #HELD} of them, in
 * their order) and handed to it once built, on the start thread: a failure in the first moments of
 * a process still alerts. The build begins at once at the first span held (a span to judge, before
 * the agent's end or during the settle delay), and at {@link #forceFlush()} or {@link #shutdown()}
 * (on the caller, when no thread has begun it; they wait for a build under way). Once built, {@link
 * #onEnd} is one volatile read and the real processor's own {@code onEnd}.
 *
 * <p>The static part is the process's agent moment: the agent listener says that the agent will
 * call it ({@link #agentExpected()}: its constructor, before the SDK is built) and that it has
 * ({@link #agentStarted()}). Without the agent nothing is deferred: {@link #duringPremain()} is
 * false and the entry point builds the processor at once. Never throws.
 */
public final class DeferredProcessor implements SpanProcessor, Runnable {

  private static final Logger logger = Logger.getLogger(DeferredProcessor.class.getName());

  /** Spans held until the real processor is built; more are counted, not read. */
  static final int HELD = 1024;

  /**
   * After the agent's end, the build waits this long unless a span ends first (then it begins at
   * once): the application's main class loads and starts without our build beside it.
   */
  static final long SETTLE_MILLIS = 1000;

  /** How long forceFlush and shutdown wait for a build under way. */
  static final long BUILD_WAIT_SECONDS = 30;

  private static final Object agentLock = new Object();
  private static volatile boolean agentExpected;
  private static volatile boolean agentStarted;

  /** Built before the agent's end: started by {@link #agentStarted()}. Guarded by agentLock. */
  private static List<DeferredProcessor> waiting = new ArrayList<>();

  private static final int PENDING = 0;
  private static final int BUILDING = 1;
  private static final int BUILT = 2;

  /**
   * What the processor becomes: the real processor, or null when ours stays out (settings rejected
   * or disabled: the build says so in the log). Runs once, on the start thread or on a flushing or
   * shutting-down caller. (A JDK interface: one class of ours fewer in premain.)
   */
  private final Supplier<SpanProcessor> build;

  private final CountDownLatch built = new CountDownLatch(1);

  /** Counted down by the first span held, a flush or a shutdown: the settle delay ends early. */
  private final CountDownLatch wake = new CountDownLatch(1);

  private final long settleMillis;

  /** The real processor once built; null before, and after a build that left ours out. */
  private volatile SpanProcessor delegate;

  /** Guarded by this. */
  private int phase = PENDING;

  /** Guarded by this; null once handed over. */
  private ReadableSpan[] held = new ReadableSpan[16];

  private int heldCount;
  private long notHeld;

  /** Guarded by this: the build has begun (once only). */
  private boolean ran;

  /** A processor whose build waits for the agent's end (or a span, a flush, a shutdown). */
  public DeferredProcessor(Supplier<SpanProcessor> build) {
    this(build, SETTLE_MILLIS);
  }

  /** With another settle delay after the agent's end (tests). */
  DeferredProcessor(Supplier<SpanProcessor> build, long settleMillis) {
    this.build = build;
    this.settleMillis = settleMillis;
    boolean now;
    synchronized (agentLock) {
      now = agentStarted;
      if (!now) {
        waiting.add(this);
      }
    }
    if (now) {
      start();
    }
  }

  /** The agent will say when it has finished starting: its listener's constructor. */
  public static void agentExpected() {
    agentExpected = true;
  }

  /** The agent has finished starting the application's instrumentation: its {@code afterAgent}. */
  public static void agentStarted() {
    List<DeferredProcessor> due;
    synchronized (agentLock) {
      agentStarted = true;
      due = waiting;
      waiting = new ArrayList<>();
    }
    for (DeferredProcessor processor : due) {
      processor.start();
    }
  }

  /** For tests: the process as without the agent again, no processor waiting. */
  static void forgetAgent() {
    synchronized (agentLock) {
      agentExpected = false;
      agentStarted = false;
      waiting = new ArrayList<>();
    }
  }

  /** True under the agent until its {@code premain} is over: build nothing of ours now. */
  public static boolean duringPremain() {
    return agentExpected && !agentStarted;
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
    boolean handedOver = false;
    boolean first = false;
    synchronized (this) {
      if (held == null) {
        // handed over meanwhile (or ours stays out)
        handedOver = true;
      } else {
        if (heldCount == held.length && heldCount < HELD) {
          ReadableSpan[] more = new ReadableSpan[Math.min(HELD, heldCount * 2)];
          System.arraycopy(held, 0, more, 0, heldCount);
          held = more;
        }
        if (heldCount < held.length) {
          held[heldCount++] = span;
          first = heldCount == 1;
        } else {
          notHeld++;
        }
      }
    }
    if (handedOver) {
      SpanProcessor real = delegate;
      if (real != null) {
        real.onEnd(span);
      }
    } else if (first) {
      wake.countDown();
      start();
    }
  }

  /** Begins the build on the start thread, unless it has begun. */
  void start() {
    synchronized (this) {
      if (phase != PENDING) {
        return;
      }
      phase = BUILDING;
    }
    try {
      Thread thread = new Thread(this, "otel-opsgenie-start");
      thread.setDaemon(true);
      thread.start();
    } catch (Throwable t) {
      // no thread: the build runs at the first flush or shutdown instead
      synchronized (this) {
        phase = PENDING;
      }
    }
  }

  /**
   * The start thread's work: the settle delay (ended early by a span, a flush or a shutdown), then
   * the build, then the spans held handed over. Not for callers.
   */
  @Override
  public void run() {
    try {
      wake.await(settleMillis, TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    synchronized (this) {
      if (ran) {
        return;
      }
      ran = true;
    }
    SpanProcessor real = null;
    try {
      real = build.get();
    } catch (Throwable t) {
      logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
    }
    ReadableSpan[] spans;
    int count;
    long lost;
    synchronized (this) {
      delegate = real;
      phase = BUILT;
      spans = held;
      count = heldCount;
      lost = notHeld;
      held = null;
    }
    try {
      handOver(real, spans, count, lost);
    } finally {
      // flush and shutdown wait for the spans held, too
      built.countDown();
    }
  }

  private static void handOver(SpanProcessor real, ReadableSpan[] spans, int count, long lost) {
    if (real != null) {
      for (int i = 0; i < count; i++) {
        try {
          real.onEnd(spans[i]);
        } catch (Throwable t) {
          // the real processor catches its own; never let one span stop the others
        }
      }
      if (lost > 0) {
        logger.warning(
            "otel-opsgenie: "
                + lost
                + " spans ended before it had started, beyond the "
                + HELD
                + " it holds, and were not read");
      }
    }
  }

  /** Builds on the caller when nothing has begun; else waits for the build under way. */
  private SpanProcessor awaitBuilt() {
    wake.countDown();
    boolean here;
    synchronized (this) {
      here = phase == PENDING;
      if (here) {
        phase = BUILDING;
      }
    }
    if (here) {
      run();
    } else {
      try {
        if (!built.await(BUILD_WAIT_SECONDS, TimeUnit.SECONDS)) {
          logger.warning("otel-opsgenie: still starting after " + BUILD_WAIT_SECONDS + " s");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    return delegate;
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
