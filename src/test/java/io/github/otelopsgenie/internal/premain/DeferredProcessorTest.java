/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.premain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.github.otelopsgenie.LogCapture;
import io.github.otelopsgenie.internal.util.AgentMoment;
import io.github.otelopsgenie.internal.util.AgentStart;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Issue 30: under the agent the real processor is built after the agent's premain, on a thread of
 * its own; the spans that end before are held and handed to it in their order; a flush or a
 * shutdown before builds or waits; a build that leaves ours out drops what was held.
 */
@Timeout(30)
class DeferredProcessorTest {

  private final Recording real = new Recording();
  private final AtomicInteger builds = new AtomicInteger();
  private final AtomicReference<String> buildThread = new AtomicReference<>();
  private SdkTracerProvider provider;
  private LogCapture logs;

  @BeforeEach
  void underTheAgent() {
    AgentMoment.inPremain();
    logs = LogCapture.of(DeferredProcessor.class);
  }

  @AfterEach
  void forget() {
    if (provider != null) {
      provider.close();
    }
    logs.close();
    AgentMoment.forget();
  }

  private Supplier<SpanProcessor> building(SpanProcessor result) {
    return () -> {
      builds.incrementAndGet();
      buildThread.set(Thread.currentThread().getName());
      return result;
    };
  }

  private DeferredProcessor deferred(Supplier<SpanProcessor> build) {
    return deferred(
        build, java.util.concurrent.TimeUnit.NANOSECONDS.toMillis(AgentStart.SETTLE_NANOS));
  }

  private DeferredProcessor deferred(Supplier<SpanProcessor> build, long settleMillis) {
    DeferredProcessor deferred = new DeferredProcessor(build, settleMillis);
    provider = SdkTracerProvider.builder().addSpanProcessor(deferred).build();
    return deferred;
  }

  private void end(String name) {
    Tracer tracer = provider.get("test");
    tracer.spanBuilder(name).setSpanKind(SpanKind.SERVER).startSpan().end();
  }

  @Test
  void nothingIsBuiltInPremainAndTheBuildBeginsOnItsOwnThreadAtTheAgentsEnd() throws Exception {
    assertThat(AgentStart.PROCESS.duringPremain()).isTrue();
    deferred(building(real));
    Thread.sleep(100);
    assertThat(builds).hasValue(0);

    AgentMoment.premainOver();
    assertThat(AgentStart.PROCESS.duringPremain()).isFalse();
    await().until(() -> builds.get() == 1);
    assertThat(buildThread.get()).isEqualTo("otel-opsgenie-start");
    await().until(() -> provider.toString().contains("Recording"));
    end("after");
    assertThat(real.names).containsExactly("after");
  }

  @Test
  void afterTheAgentsEndTheBuildWaitsTheSettleDelayUnlessASpanEnds() throws Exception {
    deferred(building(real), 60_000);
    AgentMoment.premainOver();
    // the application's main class loads now: nothing of ours is built beside it
    Thread.sleep(300);
    assertThat(builds).hasValue(0);
    long ended = System.nanoTime();
    end("first request");
    await().until(() -> real.names.size() == 1);
    // begun by the span, not by the end of the 60 s delay
    assertThat(System.nanoTime() - ended)
        .isLessThan(java.util.concurrent.TimeUnit.SECONDS.toNanos(10));
    assertThat(buildThread.get()).isEqualTo("otel-opsgenie-start");
    assertThat(real.names).containsExactly("first request");
  }

  @Test
  void aFlushDuringTheSettleDelayEndsItAndGetsTheBuiltProcessor() {
    deferred(building(real), 60_000);
    AgentMoment.premainOver();
    assertThat(provider.forceFlush().join(10, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
        .isTrue();
    assertThat(builds).hasValue(1);
    assertThat(real.flushes).hasValue(1);
  }

  @Test
  void spansEndedBeforeTheBuildAreHandedOverInTheirOrder() {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    deferred(
        () -> {
          builds.incrementAndGet();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return real;
        });
    end("first");
    end("second");
    // the first span held begins the build (a span to judge), which is still under way
    await().until(() -> builds.get() == 1);
    end("third");
    assertThat(real.names).isEmpty();
    release.countDown();
    await().until(() -> real.names.size() == 3);
    end("fourth");
    assertThat(real.names).containsExactly("first", "second", "third", "fourth");
    assertThat(builds).hasValue(1);
  }

  @Test
  void aShutdownBeforeAnyBuildBuildsOnTheCallerAndShutsTheRealOneDown() {
    DeferredProcessor deferred = deferred(building(real));
    assertThat(deferred.shutdown().join(5, java.util.concurrent.TimeUnit.SECONDS).isSuccess())
        .isTrue();
    assertThat(buildThread.get()).isEqualTo(Thread.currentThread().getName());
    assertThat(real.shutdowns).hasValue(1);
    provider = null;
  }

  @Test
  void aBuildThatLeavesOursOutDropsWhatWasHeld() {
    DeferredProcessor deferred = deferred(building(null));
    end("held");
    await().until(() -> builds.get() == 1);
    end("after");
    assertThat(deferred.forceFlush().isSuccess()).isTrue();
    assertThat(deferred.toString()).isEqualTo("DeferredProcessor{off}");
    assertThat(real.names).isEmpty();
  }

  @Test
  void aBuildThatThrowsIsOneSevereLineAndLeavesOursOut() {
    deferred(
        () -> {
          throw new IllegalStateException("broken");
        });
    end("held");
    await().until(() -> !logs.at(Level.SEVERE).isEmpty());
    assertThat(logs.at(Level.SEVERE)).singleElement().asString().contains("alerting is OFF");
    end("after");
  }

  @Test
  void beyondTheHeldSpansTheRestAreCountedAndSaidOnce() {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    deferred(
        () -> {
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          return real;
        });
    for (int i = 0; i < HeldSpans.MAX + 5; i++) {
      end("s" + i);
    }
    release.countDown();
    await().until(() -> real.names.size() == HeldSpans.MAX);
    await().until(() -> !logs.at(Level.WARNING).isEmpty());
    assertThat(logs.at(Level.WARNING))
        .singleElement()
        .asString()
        .contains("5 spans ended before it had started");
    assertThat(real.names.get(0)).isEqualTo("s0");
  }

  /** The real processor: the names of the spans it was given. */
  private static final class Recording implements SpanProcessor {
    final List<String> names = new CopyOnWriteArrayList<>();
    final AtomicInteger shutdowns = new AtomicInteger();
    final AtomicInteger flushes = new AtomicInteger();

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      names.add(span.getName());
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }

    @Override
    public CompletableResultCode shutdown() {
      shutdowns.incrementAndGet();
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode forceFlush() {
      flushes.incrementAndGet();
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public String toString() {
      return "Recording";
    }
  }
}
