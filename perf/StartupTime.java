/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import com.sun.net.httpserver.HttpServer;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import javax.tools.ToolProvider;

/**
 * Startup time of a process under the OpenTelemetry Java agent, without and with the otel-opsgenie
 * extension (docs/performance.md), run by perf/startup.sh: {@code java perf/StartupTime.java
 * <agent.jar> <extension.jar> <out dir> [<baseline extension.jar>]}. With a baseline jar (an older
 * build of the extension, or the empty extension that {@code perf/startup.sh --baseline empty}
 * builds from perf/baseline/), each round runs three processes (without, with, baseline) in an
 * order that rotates from round to round, and both extensions are compared with the same runs
 * without.
 *
 * <p>The process is a main class that prints {@link System#nanoTime()} and returns at once, so that
 * its time to {@code main} is the JVM's and the agent's startup, which the agent spends on the main
 * thread ({@code premain}: instrumentation, then the SDK's autoconfiguration, where the extension's
 * customizers run). On Linux {@code System.nanoTime()} is {@code CLOCK_MONOTONIC}, the same clock
 * in this process and the child: the time to main is the child's reading minus this process's just
 * before it started the child. Runs come in pairs, without and with the extension, the order
 * alternating, after warm-up pairs that are not counted; the extension's cost is the difference
 * within each pair, whose median and spread are printed, with the whole process's wall time (to its
 * exit, which adds the SDK's shutdown) and its CPU time until main (all threads: the JVM's
 * compilers and the agent's and the extension's background threads too).
 *
 * <p>Both runs have the same agent settings (exporters none); the extension is given a token and a
 * stand-in on loopback as its API base (it answers the key check as Opsgenie does, rather than a
 * closed port's refusal), as in production, so its sender starts, warms up and makes its key check
 * on its own thread when it is due.
 *
 * <p>Knobs (system properties): startup.pairs (20), startup.warmup (2), startup.cpus (unset: every
 * core; e.g. {@code 0} runs every process under {@code taskset -c 0}, on one core),
 * startup.profiler (unset; the path of async-profiler's {@code libasyncProfiler.so}).
 *
 * <p>The warm-up rounds, not timed, count what each side loads instead (issue 30): each probe runs
 * with {@code -Xlog:class+load} (uptime and thread id), and the summary gives, per side, the median
 * number of classes the main thread loaded before {@code main} and how many of them are ours; with
 * {@code startup.profiler} also a CPU profile of every thread (1 ms samples), summarised as the
 * main thread's samples in all, in frames of ours, in the SDK's autoconfiguration, in the agent's
 * retransformation of classes loaded before it, and in the extension class loader's rewriting of
 * our classes. Counts and CPU samples of one thread, unlike times, hardly move with the load of the
 * machine: the figures to compare changes with on a busy one.
 */
public final class StartupTime {

  static final int PAIRS = Integer.getInteger("startup.pairs", 20);
  static final int WARMUP = Integer.getInteger("startup.warmup", 2);
  static final String CPUS = System.getProperty("startup.cpus", "");
  static final String PROFILER = System.getProperty("startup.profiler", "");

  public static void main(String[] args) throws Exception {
    if (args.length != 3 && args.length != 4) {
      System.err.println(
          "usage: java perf/StartupTime.java <agent.jar> <extension.jar> <out dir>"
              + " [<baseline extension.jar>]");
      System.exit(2);
    }
    Path agent = existing(args[0]);
    Path extension = existing(args[1]);
    Path baseline = args.length == 4 ? existing(args[3]) : null;
    Path out = Files.createDirectories(Path.of(args[2]));
    Path probe = compileProbe(out.resolve("probe"));

    HttpServer standIn = standIn();
    String apiBase = "http://127.0.0.1:" + standIn.getAddress().getPort();
    List<Run> without = new ArrayList<>();
    List<Run> with = new ArrayList<>();
    List<Run> old = new ArrayList<>();
    List<List<Counted>> counted = new ArrayList<>();
    Path[] sides =
        baseline == null ? new Path[] {null, extension} : new Path[] {null, extension, baseline};
    String[] names = {"without", "with", "baseline"};
    for (int k = 0; k < sides.length; k++) {
      counted.add(new ArrayList<>());
    }
    try {
      for (int round = -WARMUP; round < PAIRS; round++) {
        int first = Math.floorMod(round, sides.length);
        for (int k = 0; k < sides.length; k++) {
          int side = (first + k) % sides.length;
          Path counts = round < 0 ? out.resolve(names[side] + "-warmup" + (WARMUP + round)) : null;
          Run run =
              run(agent, sides[side], apiBase, probe, out.resolve(names[side] + ".log"), counts);
          if (round >= 0) {
            (side == 0 ? without : side == 1 ? with : old).add(run);
          } else {
            counted.get(side).add(Counted.of(counts));
          }
        }
      }
    } finally {
      standIn.stop(0);
    }
    String summary =
        summary(without, with, baseline == null ? null : old, sides.length)
            + Counted.summary(counted, names);
    System.out.println(summary);
    Files.writeString(out.resolve("summary.md"), summary);
    System.out.println("results: " + out.resolve("summary.md"));
  }

  /** One process's figures. */
  static final class Run {
    double toMainMs;
    double wallMs;
    double cpuToMainMs;
    double mainCpuMs;
  }

  /**
   * One probe process; with {@code counts} (a warm-up round) its class loading logged to {@code
   * counts}.classes (and, with a profiler, its profile to {@code counts}.collapsed).
   */
  static Run run(Path agent, Path extension, String apiBase, Path probe, Path log, Path counts)
      throws Exception {
    List<String> command = new ArrayList<>();
    if (!CPUS.isEmpty()) {
      command.add("taskset");
      command.add("-c");
      command.add(CPUS);
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    if (counts != null) {
      command.add("-Xlog:class+load:file=" + counts + ".classes:uptime,tid");
      if (!PROFILER.isEmpty()) {
        command.add(
            "-agentpath:"
                + PROFILER
                + "=start,event=cpu,interval=1ms,threads,collapsed,file="
                + counts
                + ".collapsed");
      }
    }
    command.add("-javaagent:" + agent);
    command.add("-Dotel.service.name=startup-probe");
    command.add("-Dotel.traces.exporter=none");
    command.add("-Dotel.metrics.exporter=none");
    command.add("-Dotel.logs.exporter=none");
    if (extension != null) {
      command.add("-Dotel.javaagent.extensions=" + extension);
      command.add("-Dotel.opsgenie.token=startup-key");
      command.add("-Dotel.opsgenie.api.base=" + apiBase);
    }
    command.add("-cp");
    command.add(probe.toString());
    command.add("StartupProbe");
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    long start = System.nanoTime();
    Process process = builder.start();
    long mainAt = -1;
    long cpuToMain = -1;
    long mainCpuToMain = -1;
    StringBuilder output = new StringBuilder();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; (line = in.readLine()) != null; ) {
        if (line.startsWith("PROBE-MAIN ")) {
          String[] parts = line.split(" ");
          mainAt = Long.parseLong(parts[1]);
          cpuToMain = Long.parseLong(parts[2]);
          mainCpuToMain = Long.parseLong(parts[3]);
        } else {
          output.append(line).append('\n');
        }
      }
    }
    if (!process.waitFor(60, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new IllegalStateException("the probe did not exit within 60 s");
    }
    long end = System.nanoTime();
    Files.writeString(log, output);
    if (mainAt < 0) {
      throw new IllegalStateException("the probe did not reach main; see " + log);
    }
    // a baseline may be another extension altogether (an empty one: the agent's cost of any)
    if (extension != null
        && extension.getFileName().toString().contains("opsgenie")
        && !output.toString().contains("otel-opsgenie alerting is on")) {
      throw new IllegalStateException("the extension did not start in the probe; see " + log);
    }
    Run run = new Run();
    run.toMainMs = (mainAt - start) / 1e6;
    run.wallMs = (end - start) / 1e6;
    run.cpuToMainMs = cpuToMain / 1e6;
    run.mainCpuMs = mainCpuToMain / 1e6;
    return run;
  }

  static String summary(List<Run> without, List<Run> with, List<Run> old, int perRound) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "machine: %d cores%s, %s %s; load average %s%n%n",
            Runtime.getRuntime().availableProcessors(),
            CPUS.isEmpty() ? "" : " (the probes under taskset -c " + CPUS + ")",
            System.getProperty("java.vm.name"),
            System.getProperty("java.runtime.version"),
            loadAverage()));
    sb.append(
        String.format(
            Locale.ROOT,
            "%d rounds of %d processes (java -javaagent:... StartupProbe, without / with"
                + " -Dotel.javaagent.extensions%s), order rotating, after %d warm-up rounds%n%n",
            Math.min(without.size(), with.size()),
            perRound,
            old == null ? "" : " / with the baseline extension",
            WARMUP));
    table(sb, "with", without, with);
    if (old != null) {
      sb.append("\nThe baseline extension, against the same runs without:\n\n");
      table(sb, "baseline", without, old);
      sb.append("\nThe extension against the baseline, round by round:\n\n");
      table(sb, "with", old, with, "baseline");
    }
    return sb.toString();
  }

  /**
   * What one warm-up probe loaded on its main thread before main, and its main thread's profile.
   */
  static final class Counted {
    int mainClasses;
    int ourClasses;
    int samples = -1;
    int oursSamples;
    int sdkSamples;
    int retransformSamples;
    int remapSamples;

    static Counted of(Path counts) throws IOException {
      Counted c = new Counted();
      List<String[]> rows = new ArrayList<>();
      String mainTid = null;
      java.util.regex.Pattern line =
          java.util.regex.Pattern.compile("\\[([0-9.]+)s\\]\\[ *(\\d+) *\\] (\\S+) source: .*");
      for (String l : Files.readAllLines(Path.of(counts + ".classes"))) {
        java.util.regex.Matcher m = line.matcher(l);
        if (m.matches()) {
          rows.add(new String[] {m.group(2), m.group(3)});
          if (m.group(3).equals("StartupProbe")) {
            mainTid = m.group(2);
            break;
          }
        }
      }
      for (String[] row : rows) {
        if (row[0].equals(mainTid)) {
          c.mainClasses++;
          if (row[1].startsWith("io.github.otelopsgenie.")) {
            c.ourClasses++;
          }
        }
      }
      Path profile = Path.of(counts + ".collapsed");
      if (Files.isRegularFile(profile)) {
        c.samples = 0;
        for (String l : Files.readAllLines(profile)) {
          if (!l.startsWith("[DestroyJavaVM") && !l.startsWith("[main")) {
            continue;
          }
          int space = l.lastIndexOf(' ');
          int n = Integer.parseInt(l.substring(space + 1));
          String stack = l.substring(0, space);
          c.samples += n;
          if (stack.contains("io/github/otelopsgenie/")) {
            c.oursSamples += n;
          }
          if (stack.contains("OpenTelemetryInstaller.installOpenTelemetrySdk")) {
            c.sdkSamples += n;
          }
          if (stack.contains("retransformClasses")) {
            c.retransformSamples += n;
          }
          if (stack.contains("RemappingUrlConnection")) {
            c.remapSamples += n;
          }
        }
      }
      return c;
    }

    static String summary(List<List<Counted>> sides, String[] names) {
      if (sides.get(0).isEmpty()) {
        return "";
      }
      StringBuilder sb = new StringBuilder();
      sb.append(
          String.format(
              Locale.ROOT,
              "%nWhat the main thread does before main, from the %d warm-up rounds (not timed:"
                  + " -Xlog:class+load%s), median per side:%n%n",
              sides.get(0).size(),
              sides.get(0).get(0).samples >= 0 ? " and async-profiler, 1 ms CPU samples" : ""));
      sb.append("| figure |");
      for (int k = 0; k < sides.size(); k++) {
        sb.append(' ').append(names[k]).append(" |");
      }
      sb.append('\n').append("|---|");
      for (int k = 0; k < sides.size(); k++) {
        sb.append("---|");
      }
      sb.append('\n');
      line(sb, sides, "classes loaded by the main thread before main", c -> c.mainClasses);
      line(sb, sides, "of them ours (io.github.otelopsgenie)", c -> c.ourClasses);
      if (sides.get(0).get(0).samples >= 0) {
        line(sb, sides, "main thread's CPU samples (ms) until main", c -> c.samples);
        line(sb, sides, "in frames of ours", c -> c.oursSamples);
        line(
            sb,
            sides,
            "in the SDK's autoconfiguration (our customizers run there)",
            c -> c.sdkSamples);
        line(
            sb,
            sides,
            "in the agent's retransformation of classes loaded before it",
            c -> c.retransformSamples);
        line(
            sb,
            sides,
            "in the extension class loader's rewriting of classes (RemappingUrlConnection)",
            c -> c.remapSamples);
      }
      return sb.toString();
    }

    static void line(
        StringBuilder sb,
        List<List<Counted>> sides,
        String figure,
        java.util.function.ToDoubleFunction<Counted> f) {
      sb.append("| ").append(figure).append(" |");
      for (List<Counted> side : sides) {
        sb.append(
            String.format(Locale.ROOT, " %.0f |", median(side.stream().mapToDouble(f).toArray())));
      }
      sb.append('\n');
    }
  }

  static void table(StringBuilder sb, String side, List<Run> without, List<Run> with) {
    table(sb, side, without, with, "without");
  }

  static void table(StringBuilder sb, String side, List<Run> without, List<Run> with, String base) {
    int n = Math.min(without.size(), with.size());
    double[] toMain = new double[n];
    double[] wall = new double[n];
    double[] cpu = new double[n];
    double[] mainCpu = new double[n];
    for (int i = 0; i < n; i++) {
      mainCpu[i] = with.get(i).mainCpuMs - without.get(i).mainCpuMs;
      toMain[i] = with.get(i).toMainMs - without.get(i).toMainMs;
      wall[i] = with.get(i).wallMs - without.get(i).wallMs;
      cpu[i] = with.get(i).cpuToMainMs - without.get(i).cpuToMainMs;
    }
    sb.append(
        String.format(
            Locale.ROOT,
            "| figure (ms) | %s: median | %s: median | %s - %s, round by round: median | min | max |%n",
            base,
            side,
            side,
            base));
    sb.append("|---|---|---|---|---|---|\n");
    row(sb, "time to main (JVM and agent startup)", without, with, r -> r.toMainMs, toMain);
    row(sb, "CPU time until main, all threads", without, with, r -> r.cpuToMainMs, cpu);
    row(
        sb,
        "CPU time until main, the main thread (premain)",
        without,
        with,
        r -> r.mainCpuMs,
        mainCpu);
    row(sb, "whole process, to its exit", without, with, r -> r.wallMs, wall);
  }

  static void row(
      StringBuilder sb,
      String figure,
      List<Run> without,
      List<Run> with,
      java.util.function.ToDoubleFunction<Run> f,
      double[] diff) {
    double[] d = diff.clone();
    Arrays.sort(d);
    sb.append(
        String.format(
            Locale.ROOT,
            "| %s | %.0f | %.0f | **%.1f** | %.1f | %.1f |%n",
            figure,
            median(without.stream().mapToDouble(f).toArray()),
            median(with.stream().mapToDouble(f).toArray()),
            median(d),
            d.length == 0 ? 0 : d[0],
            d.length == 0 ? 0 : d[d.length - 1]));
  }

  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  /**
   * Compiles the probe: a main that prints its nanoTime and the process's CPU time, and returns.
   */
  static Path compileProbe(Path dir) throws IOException {
    Files.createDirectories(dir);
    Path source = dir.resolve("StartupProbe.java");
    Files.writeString(
        source,
        "public class StartupProbe {\n"
            + "  public static void main(String[] args) {\n"
            + "    long now = System.nanoTime();\n"
            + "    long cpu = ProcessHandle.current().info().totalCpuDuration()\n"
            + "        .map(java.time.Duration::toNanos).orElse(0L);\n"
            + "    long mainCpu = java.lang.management.ManagementFactory.getThreadMXBean()\n"
            + "        .getCurrentThreadCpuTime();\n"
            + "    System.out.println(\"PROBE-MAIN \" + now + \" \" + cpu + \" \" + mainCpu);\n"
            + "  }\n"
            + "}\n");
    int rc =
        ToolProvider.getSystemJavaCompiler()
            .run(null, null, null, "-d", dir.toString(), source.toString());
    if (rc != 0) {
      throw new IllegalStateException("could not compile " + source);
    }
    return dir;
  }

  /**
   * Answers the extension's key check as Opsgenie does (its own 404 for an id never given out, with
   * {@code took} and {@code requestId}: a valid key).
   */
  static HttpServer standIn() throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
    server.createContext(
        "/",
        exchange -> {
          try (InputStream body = exchange.getRequestBody()) {
            body.transferTo(OutputStream.nullOutputStream());
          }
          byte[] answer =
              ("{\"message\":\"Request not found. It might not be processed, yet.\","
                      + "\"took\":0.001,\"requestId\":\"4cf5d6c1-3f2c-4c5b-9f4a-1d2e3f4a5b6c\"}")
                  .getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(404, answer.length);
          try (OutputStream o = exchange.getResponseBody()) {
            o.write(answer);
          }
        });
    server.start();
    return server;
  }

  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static Path existing(String file) {
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) {
      System.err.println("not found: " + p + " (build first: mvn -B -DskipTests package)");
      System.exit(2);
    }
    return p.toAbsolutePath();
  }

  private StartupTime() {}
}
