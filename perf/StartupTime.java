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
 * build of the extension), each round runs three processes (without, with, baseline) in an order
 * that rotates from round to round, and both extensions are compared with the same runs without.
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
 * core; e.g. {@code 0} runs every process under {@code taskset -c 0}, on one core).
 */
public final class StartupTime {

  static final int PAIRS = Integer.getInteger("startup.pairs", 20);
  static final int WARMUP = Integer.getInteger("startup.warmup", 2);
  static final String CPUS = System.getProperty("startup.cpus", "");

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
    Path[] sides =
        baseline == null ? new Path[] {null, extension} : new Path[] {null, extension, baseline};
    String[] names = {"without", "with", "baseline"};
    try {
      for (int round = -WARMUP; round < PAIRS; round++) {
        int first = Math.floorMod(round, sides.length);
        for (int k = 0; k < sides.length; k++) {
          int side = (first + k) % sides.length;
          Run run = run(agent, sides[side], apiBase, probe, out.resolve(names[side] + ".log"));
          if (round >= 0) {
            (side == 0 ? without : side == 1 ? with : old).add(run);
          }
        }
      }
    } finally {
      standIn.stop(0);
    }
    String summary = summary(without, with, baseline == null ? null : old, sides.length);
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

  static Run run(Path agent, Path extension, String apiBase, Path probe, Path log)
      throws Exception {
    List<String> command = new ArrayList<>();
    if (!CPUS.isEmpty()) {
      command.add("taskset");
      command.add("-c");
      command.add(CPUS);
    }
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
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
