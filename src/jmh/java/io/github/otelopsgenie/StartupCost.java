/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The time the extension adds to SDK autoconfiguration on the thread that runs it (the agent's main
 * thread, in {@code premain}), not a JMH benchmark: a main run by {@code mvn -B -Pjmh -DskipTests
 * package exec:exec@startup-cost}.
 *
 * <p>Builds the SDK with {@link AutoConfiguredOpenTelemetrySdk} (exporters none, as the agent would
 * with them off) in pairs: without the extension, and with it, its classes (and its shaded semconv)
 * loaded afresh from the {@code -extension.jar} by a new class loader each time, as the agent's
 * extension class loader does once per process. The SDK's own classes stay loaded, as they are in
 * the agent either way. The extension is given a token and an API base on loopback, so it builds
 * the sender that really sends. Per build: wall time and the calling thread's CPU time; the
 * extension's cost is the difference within a pair (order alternating), the first pair (JVM cold:
 * closest to a real startup) and the median over pairs. It also records which thread defined each
 * of the extension's classes: the JSON writer and reader and the HTTP client's answer parser belong
 * on the sender's thread (its warm-up), never on the calling one.
 *
 * <p>By default it builds as under the agent (issue 30): before the build, the extension's loader
 * marks what the agent listener's constructor marks ({@code util.AgentStart.PROCESS.expect()}), so
 * the calling thread's share is what the customizer does in {@code premain}; after the timed build
 * it marks the agent's end ({@code started()}) and the run waits for the processor built on the
 * extension's start thread. {@code -Dstartup.agent=false} builds as without the agent (SDK
 * autoconfiguration in the application: everything on the calling thread).
 *
 * <p>Knobs: {@code -Dstartup.pairs=20}, {@code -Dstartup.agent=true}, {@code
 * -Dstartup.profile=true} (a rough profile of the calling thread); passed with {@code
 * -Dstartup.args="..."}.
 */
public final class StartupCost {

  static final int PAIRS = Integer.getInteger("startup.pairs", 20);

  /** Samples the calling thread's stack every millisecond of the builds with the extension. */
  static final boolean PROFILE = Boolean.getBoolean("startup.profile");

  /** As under the agent: the processor's build deferred to the agent's end (issue 30). */
  static final boolean AGENT = !"false".equals(System.getProperty("startup.agent"));

  static final String AGENT_START = "io.github.otelopsgenie.internal.util.AgentStart";

  /** Classes that must not be loaded on the calling thread: the delivery's heavy parts. */
  static final String[] SENDER_ONLY = {
    "io.github.otelopsgenie.internal.delivery.json.JsonWriter",
    "io.github.otelopsgenie.internal.delivery.json.JsonReader",
    "io.github.otelopsgenie.internal.delivery.json.RequestBodies",
    "io.github.otelopsgenie.internal.delivery.json.ResponseParser"
  };

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private StartupCost() {}

  public static void main(String[] args) throws Exception {
    Path jar = args.length == 1 ? Path.of(args[0]) : null;
    if (jar == null || !Files.isRegularFile(jar)) {
      System.err.println(
          "usage: StartupCost <otel-opsgenie-*-extension.jar> (mvn -B -Pjmh -DskipTests package"
              + " exec:exec@startup-cost builds it first); not found: "
              + jar);
      System.exit(2);
    }
    java.util.logging.Logger.getLogger("io.github.otelopsgenie")
        .setLevel(java.util.logging.Level.WARNING);
    System.out.printf(
        Locale.ROOT,
        "startup cost: %s %s, %d cores, %s, %s%n",
        System.getProperty("java.vm.name"),
        System.getProperty("java.runtime.version"),
        Runtime.getRuntime().availableProcessors(),
        jar.getFileName(),
        AGENT
            ? "as under the agent (the processor built after premain)"
            : "as without the agent (-Dstartup.agent=false)");
    boolean ok;
    try (LocalOpsgenie opsgenie = new LocalOpsgenie()) {
      Map<String, String> properties = new LinkedHashMap<>();
      properties.put("otel.service.name", "startup-cost");
      properties.put("otel.traces.exporter", "none");
      properties.put("otel.metrics.exporter", "none");
      properties.put("otel.logs.exporter", "none");
      properties.put("otel.opsgenie.token", "startup-cost-key");
      properties.put("otel.opsgenie.api.base", opsgenie.baseUrl());
      URL jarUrl = jar.toUri().toURL();

      // the SDK's own autoconfiguration, loaded and run once before anything is counted
      build(null, properties);
      List<long[]> without = new ArrayList<>();
      List<long[]> with = new ArrayList<>();
      ExtensionLoader first = null;
      for (int pair = 0; pair < PAIRS; pair++) {
        boolean withFirst = pair % 2 == 0;
        for (int side = 0; side < 2; side++) {
          boolean extension = (side == 0) == withFirst;
          ExtensionLoader loader = extension ? new ExtensionLoader(jarUrl) : null;
          long[] cost = build(loader, properties);
          (extension ? with : without).add(cost);
          if (extension && first == null) {
            first = loader;
          }
        }
      }
      ok = report(without, with, first);
    }
    if (PROFILE) {
      Sampler.print();
    }
    System.exit(ok ? 0 : 1);
  }

  /**
   * A rough profile of the calling thread during the builds with the extension ({@code
   * -Dstartup.profile=true}): every millisecond, its innermost frame of our code and its top frame.
   * Safepoint-biased, like any sampler that asks a thread for its stack; enough to tell class
   * loading from our own work.
   */
  static final class Sampler extends Thread {
    static final Map<String, Integer> OURS = new ConcurrentHashMap<>();
    static final Map<String, Integer> TOP = new ConcurrentHashMap<>();
    static int samples;
    final Thread target;
    volatile boolean running = true;

    private Sampler(Thread target) {
      super("startup-sampler");
      setDaemon(true);
      this.target = target;
    }

    static Sampler start(Thread target) {
      Sampler s = new Sampler(target);
      s.start();
      return s;
    }

    @Override
    public void run() {
      while (running) {
        StackTraceElement[] stack = target.getStackTrace();
        String ours = "(no frame of ours)";
        for (StackTraceElement e : stack) {
          if (e.getClassName().startsWith("io.github.otelopsgenie.")
              && !e.getClassName().startsWith("io.github.otelopsgenie.StartupCost")) {
            ours = e.getClassName() + "." + e.getMethodName();
            break;
          }
        }
        String top =
            stack.length == 0 ? "?" : stack[0].getClassName() + "." + stack[0].getMethodName();
        OURS.merge(ours, 1, Integer::sum);
        TOP.merge(top, 1, Integer::sum);
        synchronized (Sampler.class) {
          samples++;
        }
        try {
          Thread.sleep(1);
        } catch (InterruptedException e) {
          return;
        }
      }
    }

    void finish() throws InterruptedException {
      running = false;
      join();
    }

    static void print() {
      System.out.printf(Locale.ROOT, "%nprofile of the calling thread, %d samples:%n", samples);
      for (Map<String, Integer> m : List.of(OURS, TOP)) {
        System.out.println(m == OURS ? "  innermost frame of ours:" : "  top frame:");
        m.entrySet().stream()
            .sorted((a, b) -> b.getValue() - a.getValue())
            .limit(15)
            .forEach(
                e -> System.out.printf(Locale.ROOT, "    %5d  %s%n", e.getValue(), e.getKey()));
      }
    }
  }

  /**
   * Calls {@code mark} on the extension's {@code AgentStart.PROCESS}, as the agent listener does.
   */
  static void markAgentStart(ClassLoader loader, String mark) throws Exception {
    Class<?> agentStart = Class.forName(AGENT_START, true, loader);
    agentStart.getMethod(mark).invoke(agentStart.getField("PROCESS").get(null));
  }

  /**
   * One SDK build; with {@code loader} null, without the extension. Returns {wall ns, calling
   * thread's CPU ns}. The SDK is shut down afterwards (outside the timing), ending the sender.
   */
  static long[] build(ExtensionLoader loader, Map<String, String> properties) throws Exception {
    ClassLoader services = loader != null ? loader : new HidingLoader();
    if (loader != null && AGENT) {
      // what OpsgenieAgentListener's constructor does, before the agent builds the SDK
      markAgentStart(loader, "expect");
    }
    Sampler sampler = loader != null && PROFILE ? Sampler.start(Thread.currentThread()) : null;
    long cpu = THREADS.getCurrentThreadCpuTime();
    long start = System.nanoTime();
    OpenTelemetrySdk sdk =
        AutoConfiguredOpenTelemetrySdk.builder()
            .setServiceClassLoader(services)
            .addPropertiesSupplier(() -> properties)
            .disableShutdownHook()
            .build()
            .getOpenTelemetrySdk();
    long wall = System.nanoTime() - start;
    long thread = THREADS.getCurrentThreadCpuTime() - cpu;
    if (sampler != null) {
      sampler.finish();
    }
    if (loader != null && AGENT) {
      // the agent's end (afterAgent): the processor is built on the extension's start thread
      markAgentStart(loader, "started");
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (!sdk.getSdkTracerProvider().toString().contains("AlertingSpanProcessor")
          && System.nanoTime() < deadline) {
        Thread.sleep(5);
      }
    }
    boolean ours = sdk.getSdkTracerProvider().toString().contains("AlertingSpanProcessor");
    sdk.shutdown().join(10, TimeUnit.SECONDS);
    if (ours != (loader != null)) {
      throw new IllegalStateException(
          "the extension was "
              + (ours ? "" : "not ")
              + "in the SDK built "
              + (ours ? "without" : "with")
              + " it");
    }
    return new long[] {wall, thread};
  }

  static boolean report(List<long[]> without, List<long[]> with, ExtensionLoader first) {
    int n = Math.min(without.size(), with.size());
    double[] wall = new double[n];
    double[] cpu = new double[n];
    for (int i = 0; i < n; i++) {
      wall[i] = (with.get(i)[0] - without.get(i)[0]) / 1e6;
      cpu[i] = (with.get(i)[1] - without.get(i)[1]) / 1e6;
    }
    System.out.printf(
        Locale.ROOT,
        "%n%d pairs (SDK autoconfiguration without / with the extension, order alternating)%n",
        n);
    System.out.printf(
        Locale.ROOT,
        "  build without: wall median %.1f ms; with: wall median %.1f ms%n",
        median(column(without, 0)),
        median(column(with, 0)));
    System.out.printf(
        Locale.ROOT,
        "  added by the extension, first pair (its classes and the JVM cold): wall %.1f ms, calling"
            + " thread's CPU %.1f ms%n",
        wall[0],
        cpu[0]);
    System.out.printf(
        Locale.ROOT,
        "  added by the extension, median over pairs (its classes loaded afresh each time): wall"
            + " %.1f ms (min %.1f, max %.1f), calling thread's CPU %.1f ms (min %.1f, max %.1f)%n",
        median(wall.clone()),
        min(wall),
        max(wall),
        median(cpu.clone()),
        min(cpu),
        max(cpu));
    Map<String, List<String>> byThread = new TreeMap<>();
    first.defined.forEach(
        (name, thread) -> byThread.computeIfAbsent(thread, k -> new ArrayList<>()).add(name));
    System.out.println("  classes of the extension's jar defined, first build, by thread:");
    List<String> misplaced = new ArrayList<>();
    for (Map.Entry<String, List<String>> e : byThread.entrySet()) {
      int shaded = 0;
      for (String name : e.getValue()) {
        if (name.contains(".shaded.")) {
          shaded++;
        }
        if (e.getKey().equals(first.caller)) {
          for (String prefix : SENDER_ONLY) {
            if (name.startsWith(prefix)) {
              misplaced.add(name);
            }
          }
        }
      }
      System.out.printf(
          Locale.ROOT,
          "    %s%s: %d classes (%d of them bundled semconv)%n",
          e.getKey(),
          e.getKey().equals(first.caller) ? " (the calling thread)" : "",
          e.getValue().size(),
          shaded);
    }
    if (misplaced.isEmpty()) {
      System.out.println(
          "  check: no JSON writer, reader or answer parser class loaded on the calling thread: ok");
      return true;
    }
    Collections.sort(misplaced);
    System.out.println(
        "  check FAILED: loaded on the calling thread, which should be the sender's warm-up's: "
            + misplaced.size()
            + " classes, e.g. "
            + misplaced.subList(0, Math.min(10, misplaced.size())));
    return false;
  }

  static double[] column(List<long[]> runs, int i) {
    return runs.stream().mapToDouble(r -> r[i] / 1e6).toArray();
  }

  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  static double min(double[] values) {
    return Arrays.stream(values).min().orElse(0);
  }

  static double max(double[] values) {
    return Arrays.stream(values).max().orElse(0);
  }

  /** Whether a services file of the parent names one of our classes: hidden from both sides. */
  static boolean ours(URL resource) {
    try (InputStream in = resource.openStream()) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8)
          .contains("io.github.otelopsgenie.");
    } catch (IOException e) {
      return false;
    }
  }

  static Enumeration<URL> parentServices(String name) throws IOException {
    List<URL> kept = new ArrayList<>();
    for (URL url : Collections.list(StartupCost.class.getClassLoader().getResources(name))) {
      if (!name.startsWith("META-INF/services/") || !ours(url)) {
        kept.add(url);
      }
    }
    return Collections.enumeration(kept);
  }

  /** The classpath without our services: the SDK as a service without the extension sees it. */
  static final class HidingLoader extends ClassLoader {
    HidingLoader() {
      super(StartupCost.class.getClassLoader());
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      return parentServices(name);
    }
  }

  /**
   * The extension's jar, child-first for {@code io.github.otelopsgenie.*} (ours and the shaded
   * semconv), everything else from the classpath (the SDK): a fresh copy of the extension's
   * classes, as the agent's extension class loader has. Records the thread that defined each class.
   */
  static final class ExtensionLoader extends URLClassLoader {
    final Map<String, String> defined = new ConcurrentHashMap<>();
    final String caller = Thread.currentThread().getName();

    ExtensionLoader(URL jar) {
      super(new URL[] {jar}, StartupCost.class.getClassLoader());
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (!name.startsWith("io.github.otelopsgenie.")) {
        return super.loadClass(name, resolve);
      }
      synchronized (getClassLoadingLock(name)) {
        Class<?> c = findLoadedClass(name);
        if (c == null) {
          try {
            c = findClass(name);
            defined.put(name, Thread.currentThread().getName());
          } catch (ClassNotFoundException e) {
            c = super.loadClass(name, false);
          }
        }
        if (resolve) {
          resolveClass(c);
        }
        return c;
      }
    }

    @Override
    public Enumeration<URL> getResources(String name) throws IOException {
      List<URL> all = Collections.list(findResources(name));
      all.addAll(Collections.list(parentServices(name)));
      return Collections.enumeration(all);
    }
  }
}
