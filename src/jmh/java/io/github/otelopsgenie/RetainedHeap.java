/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.BrokenBarrierException;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Retained heap of the extension (issue 18 point 6), not a JMH benchmark: a main run by {@code mvn
 * -B -Pjmh test-compile exec:exec@retained-heap} in a JVM of its own with the serial collector, so
 * that the used heap after {@link System#gc()} is the live heap.
 *
 * <p><b>routes</b>: the processor built by the public builder with every windowed rule on (minimum
 * occurrences, error rate, latency percentile, auto-close, storm control with the alias budget),
 * sending to a {@link LocalOpsgenie} on loopback. Four threads end SERVER spans over 4,096 distinct
 * {@code http.route} values in lockstep (so that the same route is hit by several threads at once,
 * as striped counters would need to grow) for longer than the window, so that every time slice of
 * every route was used; then 50 routes answer 500 three times, which opens 50 status aliases
 * (checked at the stand-in). The heap retained is the used heap after that minus the used heap with
 * the processor built and empty; a further window of healthy traffic shows whether it still grows
 * (steady state).
 *
 * <p><b>queue</b>: the retained size of one queued alert, whatever the queue holds. The stand-in
 * holds every request unanswered, so that the sender's worker blocks on its first request; then N
 * alerting spans are ended (cooldown 0: each is queued) and dropped by the harness, so that only
 * the queue keeps anything of them; the heap delta over N is the size of one queued item. Done for
 * an exception alert (500 with an exception event and its stack trace) and a status alert (500).
 * The stand-in then answers, and must receive every one (none was dropped).
 *
 * <p>Knobs (system properties): {@code heap.routes} (4096), {@code heap.aliases} (50), {@code
 * heap.window} (10s: short, so that a run covers every slice of it twice in about half a minute;
 * {@code 5m} is the default of the setting), {@code heap.queued} (1000), {@code heap.mode} (both;
 * routes or queue).
 */
public final class RetainedHeap {

  static final int ROUTES = Integer.getInteger("heap.routes", 4096);
  static final int ALIASES = Integer.getInteger("heap.aliases", 50);
  static final Duration WINDOW = Duration.parse("PT" + System.getProperty("heap.window", "10s"));
  static final int QUEUED = Integer.getInteger("heap.queued", 1000);
  static final String MODE = System.getProperty("heap.mode", "both");
  static final int THREADS = 4;

  /** Healthy durations, well under the latency threshold: no latency alert. */
  static final Duration THRESHOLD = Duration.ofSeconds(2);

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  /** Our loggers' parent, held so that its level stays set: only warnings are printed. */
  private static final java.util.logging.Logger QUIET =
      java.util.logging.Logger.getLogger("io.github.otelopsgenie");

  private RetainedHeap() {}

  public static void main(String[] args) throws Exception {
    String gc =
        ManagementFactory.getGarbageCollectorMXBeans().stream()
            .map(b -> b.getName())
            .reduce((a, b) -> a + ", " + b)
            .orElse("?");
    System.out.printf(
        Locale.ROOT,
        "retained heap: %s %s, %d cores, max heap %d MB, collectors %s%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().availableProcessors(),
        Runtime.getRuntime().maxMemory() >> 20,
        gc);
    if (!gc.contains("Copy") && !gc.contains("MarkSweepCompact")) {
      System.out.println(
          "note: not the serial collector (-XX:+UseSerialGC); used heap after System.gc() may"
              + " include garbage");
    }
    QUIET.setLevel(java.util.logging.Level.WARNING);
    boolean ok = true;
    try (LocalOpsgenie opsgenie = new LocalOpsgenie()) {
      if (MODE.equals("both") || MODE.equals("routes")) {
        ok &= routes(opsgenie);
      }
    }
    if (MODE.equals("both") || MODE.equals("queue")) {
      ok &= queued("exception alert", true);
      ok &= queued("status alert", false);
    }
    System.exit(ok ? 0 : 1);
  }

  // ---------------------------------------------------------------- routes and open aliases

  static boolean routes(LocalOpsgenie opsgenie) throws Exception {
    // a first, smaller run loads and initialises every class and static the measured one uses
    runRoutes(opsgenie, "/warm-up", 64, 2, Duration.ofSeconds(2), false);
    return runRoutes(opsgenie, "/api/v1", ROUTES, ALIASES, WINDOW, true);
  }

  private static boolean runRoutes(
      LocalOpsgenie opsgenie,
      String prefix,
      int routes,
      int aliases,
      Duration window,
      boolean report)
      throws Exception {
    int createsBefore = opsgenie.creates();
    int aliasesBefore = opsgenie.distinctAliases();
    long before = settledUsedHeap();
    AlertingSpanProcessor processor =
        AlertingSpanProcessor.builder()
            .setToken("retained-heap-key")
            .setApiBase(opsgenie.baseUrl())
            .setResource(BenchmarkSpans.RESOURCE)
            .setAlertStatusClasses("5XX")
            // an alias per route, so that 50 failing routes open 50 alerts
            .setAlertStatusAlias("{service_id}-{route}-{status_code}")
            .setThresholdResponseTime(THRESHOLD)
            .setResponseTimeMonitoredEndpoints(".*")
            .setSetting("alert.min.occurrences", "3")
            .setSetting("alert.window", window.toMillis() + "ms")
            .setSetting("alert.error.rate", "0.2")
            .setSetting("alert.latency.percentile", "95")
            .setSetting("alert.auto.close", "10m")
            .setAlertCooldown(Duration.ofSeconds(60))
            .setSetting("alert.alias.budget", Integer.toString(Math.max(aliases, 1)))
            .build();
    SdkTracerProvider provider =
        SdkTracerProvider.builder()
            .setResource(BenchmarkSpans.RESOURCE)
            .addSpanProcessor(processor)
            .build();
    Tracer tracer = provider.get("io.opentelemetry.tomcat-10.0");
    String[] names = new String[routes];
    for (int i = 0; i < routes; i++) {
      names[i] = prefix + "/resource" + i + "/{id}";
    }
    long empty = settledUsedHeap();

    // every slice of the window used, by every route, several threads at once
    long fedFor = feed(tracer, names, window.plus(window.dividedBy(5)), 0);
    int trackedFed = processor.state().trackedRouteStats();
    // then 50 routes fail three times each, within the window, far below the error rate
    for (int round = 0; round < 3; round++) {
      feed(tracer, names, Duration.ZERO, aliases);
    }
    boolean opened =
        LocalOpsgenie.await(() -> opsgenie.distinctAliases() - aliasesBefore >= aliases, 30);
    processor.forceFlush().join(30, TimeUnit.SECONDS);
    long loaded = settledUsedHeap();
    int openAliases = opsgenie.distinctAliases() - aliasesBefore;
    int creates = opsgenie.creates() - createsBefore;

    // another window and more of healthy traffic: a steady state no longer grows
    feed(tracer, names, window.plus(window.dividedBy(5)), 0);
    processor.forceFlush().join(30, TimeUnit.SECONDS);
    long later = settledUsedHeap();
    int tracked = processor.state().trackedRouteStats();
    int openTracked = processor.state().openAlertCount();

    boolean ok = opened && openAliases == aliases && creates == aliases;
    if (report) {
      long retained = loaded - empty;
      long retainedLater = later - empty;
      long steady = Math.max(retained, retainedLater);
      System.out.printf(
          Locale.ROOT,
          "%nroutes: %d routes, %d open aliases, every windowed rule on (min occurrences 3,"
              + " window %s, error rate 0.2, latency p95 over %d ms, auto-close 10m, cooldown 60s,"
              + " alias budget %d); %d threads fed spans for %.1f s%n",
          routes,
          aliases,
          window,
          THRESHOLD.toMillis(),
          aliases,
          THREADS,
          fedFor / 1e9);
      System.out.printf(
          Locale.ROOT,
          "  processor built, empty (sender, queue, thread; above the JVM's own): %,d bytes%n",
          empty - before);
      System.out.printf(
          Locale.ROOT,
          "  retained after a window of traffic and the %d aliases opened: %,d bytes (route windows"
              + " tracked %d)%n",
          aliases,
          retained,
          trackedFed);
      System.out.printf(
          Locale.ROOT,
          "  retained one window of healthy traffic later: %,d bytes (route windows tracked %d;"
              + " %+,d)%n",
          retainedLater,
          tracked,
          retainedLater - retained);
      System.out.printf(
          Locale.ROOT,
          "  RESULT: %,d bytes for %d routes and %d open aliases (the larger of the two), %,.0f"
              + " bytes per route%n",
          steady,
          routes,
          aliases,
          steady / (double) routes);
      System.out.printf(
          Locale.ROOT,
          "  checks: creates at the stand-in %d, distinct aliases %d (want %d), open alerts tracked"
              + " %d. Route windows are kept in two generations of half the route bound: a scan"
              + " over more routes than a generation holds forgets and re-creates windows, so the"
              + " count tracked moves between half the bound and the bound%n",
          creates,
          openAliases,
          aliases,
          openTracked);
      if (!ok) {
        System.out.println(
            "  FAILED: the run did not open exactly "
                + aliases
                + " aliases with one create each; the figures above do not measure what they say");
      }
    }
    processor.shutdown().join(10, TimeUnit.SECONDS);
    provider.shutdown().join(10, TimeUnit.SECONDS);
    return ok || !report;
  }

  /**
   * Rounds of {@link #THREADS} threads each ending one span per route, all in the same order and
   * released together each round (contention on the same route), for at least {@code duration} (at
   * least one round). With {@code failing} over 0, thread 0 makes the first {@code failing} routes
   * answer 500 (one round). Returns the nanoseconds it took.
   */
  private static long feed(Tracer tracer, String[] routes, Duration duration, int failing)
      throws Exception {
    long start = System.nanoTime();
    long end = start + duration.toNanos();
    // decided once per round, by the barrier's action, for every thread alike
    AtomicBoolean more = new AtomicBoolean(true);
    CyclicBarrier roundStart = new CyclicBarrier(THREADS);
    CyclicBarrier roundEnd = new CyclicBarrier(THREADS, () -> more.set(System.nanoTime() < end));
    List<Thread> threads = new ArrayList<>();
    Throwable[] failure = new Throwable[1];
    for (int t = 0; t < THREADS; t++) {
      int id = t;
      Thread thread =
          new Thread(
              () -> {
                try {
                  for (int round = 0; more.get(); round++) {
                    roundStart.await();
                    for (int i = 0; i < routes.length; i++) {
                      boolean fail = id == 0 && i < failing;
                      server(tracer, routes[i], i + round, fail ? 500 : 200);
                    }
                    roundEnd.await();
                  }
                } catch (InterruptedException | BrokenBarrierException | RuntimeException e) {
                  failure[0] = e;
                }
              },
              "request-" + t);
      threads.add(thread);
      thread.start();
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (failure[0] != null) {
      throw new IllegalStateException("a feeding thread failed", failure[0]);
    }
    return System.nanoTime() - start;
  }

  /** One SERVER span of {@code route} that took 5 to 50 ms and ended now. */
  private static void server(Tracer tracer, String route, int i, int status) {
    long end = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    long start = end - TimeUnit.MILLISECONDS.toNanos(5 + (i % 46));
    Span span =
        BenchmarkSpans.startServer(tracer, "GET", route.replace("{id}", Integer.toString(i)))
            .setStartTimestamp(start, TimeUnit.NANOSECONDS)
            .startSpan();
    span.updateName("GET " + route);
    span.setAttribute("http.route", route);
    span.setAttribute("http.response.status_code", (long) status);
    if (status >= 500) {
      span.setAttribute("error.type", Integer.toString(status));
    }
    span.end(end, TimeUnit.NANOSECONDS);
  }

  // ---------------------------------------------------------------- one queued item

  static boolean queued(String what, boolean withException) throws Exception {
    try (LocalOpsgenie opsgenie = new LocalOpsgenie()) {
      opsgenie.hold();
      AlertingSpanProcessor processor =
          AlertingSpanProcessor.builder()
              .setToken("retained-heap-key")
              .setApiBase(opsgenie.baseUrl())
              .setResource(BenchmarkSpans.RESOURCE)
              .setAlertStatusClasses("5XX")
              .setAlertCooldown(Duration.ZERO)
              .setQueueSize(QUEUED + 16)
              .setTimeout(Duration.ofSeconds(120))
              .setStartupCheck(false)
              .build();
      SdkTracerProvider provider =
          SdkTracerProvider.builder()
              .setResource(BenchmarkSpans.RESOURCE)
              .addSpanProcessor(processor)
              .build();
      Tracer tracer = provider.get("io.opentelemetry.tomcat-10.0");
      // the first alert: the worker takes it and blocks on its request, which the stand-in holds
      alerting(tracer, 0, withException);
      boolean blocked = LocalOpsgenie.await(() -> opsgenie.held() == 1, 30);
      // more of the same before the baseline, so that what the first queued ones load is there
      for (int i = 1; i <= 16; i++) {
        alerting(tracer, i, withException);
      }
      long dropsBefore = processor.state().droppedCount();
      long before = settledUsedHeap();
      for (int i = 0; i < QUEUED; i++) {
        alerting(tracer, 100 + i, withException);
      }
      long after = settledUsedHeap();
      long dropped = processor.state().droppedCount() - dropsBefore;
      opsgenie.release();
      int expected = 1 + 16 + QUEUED;
      boolean delivered = LocalOpsgenie.await(() -> opsgenie.creates() >= expected, 120);
      processor.shutdown().join(30, TimeUnit.SECONDS);
      provider.shutdown().join(10, TimeUnit.SECONDS);
      boolean ok = blocked && dropped == 0 && delivered;
      System.out.printf(
          Locale.ROOT,
          "%nqueue, %s: %d queued items retain %,d bytes: %,.0f bytes per queued item"
              + " (worker blocked on its request: %b, dropped %d, delivered after release %d of %d)%n",
          what,
          QUEUED,
          after - before,
          (after - before) / (double) QUEUED,
          blocked,
          dropped,
          opsgenie.creates(),
          expected);
      if (!ok) {
        System.out.println(
            "  FAILED: not every item was queued and delivered; the figure does not measure a"
                + " queued item");
      }
      return ok;
    }
  }

  /**
   * Ends one alerting SERVER span on a monitored route: 500, with an unhandled exception's event (a
   * stack 60 frames deep, about as deep as a Spring MVC request's) when {@code withException}. The
   * span is not kept: once ended, only what the processor queued retains anything of it.
   */
  private static void alerting(Tracer tracer, int i, boolean withException) {
    long end = TimeUnit.MILLISECONDS.toNanos(System.currentTimeMillis());
    Span span =
        BenchmarkSpans.startServer(tracer, "GET", "/api/v1/orders/" + (1000 + i))
            .setStartTimestamp(end - TimeUnit.MILLISECONDS.toNanos(12), TimeUnit.NANOSECONDS)
            .startSpan();
    span.updateName("GET " + BenchmarkSpans.MONITORED_ROUTE);
    span.setAttribute("http.route", BenchmarkSpans.MONITORED_ROUTE);
    span.setAttribute("http.response.status_code", 500L);
    span.setAttribute("error.type", withException ? "java.lang.IllegalStateException" : "500");
    if (withException) {
      span.recordException(deep(60, "order " + i + ": payment backend unavailable"));
    }
    span.end(end, TimeUnit.NANOSECONDS);
  }

  private static IllegalStateException deep(int depth, String message) {
    return depth == 0 ? new IllegalStateException(message) : deep(depth - 1, message);
  }

  // ---------------------------------------------------------------- the heap

  /**
   * The used heap once collections no longer change it: {@link System#gc()} until two readings in a
   * row agree within 1 KB (at most 20), then the median of three such readings.
   */
  static long settledUsedHeap() throws InterruptedException {
    long[] readings = new long[3];
    for (int r = 0; r < readings.length; r++) {
      long previous = -1;
      long used = 0;
      int agreeing = 0;
      for (int i = 0; i < 20 && agreeing < 2; i++) {
        System.gc();
        Thread.sleep(20);
        used = MEMORY.getHeapMemoryUsage().getUsed();
        agreeing = previous >= 0 && Math.abs(used - previous) <= 1024 ? agreeing + 1 : 0;
        previous = used;
      }
      readings[r] = used;
    }
    Arrays.sort(readings);
    return readings[1];
  }
}
