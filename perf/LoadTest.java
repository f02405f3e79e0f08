/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of the Spring Boot example under the OpenTelemetry Java agent, without and with the
 * otel-opsgenie extension, same agent settings, everything on 127.0.0.1 (docs/performance.md).
 *
 * <p>Run by perf/loadtest.sh: {@code java perf/LoadTest.java <agent.jar> <extension.jar> <app.jar>
 * <out dir>}. For each scenario (healthy: GET /ok, 200; storm: GET /boom, an unhandled exception,
 * 500, one exception alert per request) it starts the service twice, without and with the
 * extension, side by side; warms each up, then drives them in turn (without, with, with, without,
 * ...) for a number of short measured slices with a fixed number of keep-alive connections in a
 * closed loop, so that drift of a shared machine hits both alike; it reports requests per second
 * and latency percentiles, the median over slices. A stand-in on loopback takes the agent's OTLP
 * trace exports and the extension's alerts (202 to everything), so that both services export their
 * spans the same way and the alerts travel over HTTP as in production.
 *
 * <p>Knobs (system properties): loadtest.connections (16), loadtest.warmupSeconds (40),
 * loadtest.seconds (10, one slice), loadtest.slices (6), loadtest.heap (512m), loadtest.scenarios
 * (healthy,storm), loadtest.cooldown (unset: the extension's default).
 */
public final class LoadTest {

  static final int CONNECTIONS = Integer.getInteger("loadtest.connections", 16);
  static final int WARMUP_SECONDS = Integer.getInteger("loadtest.warmupSeconds", 40);
  static final int SECONDS = Integer.getInteger("loadtest.seconds", 10);
  static final int SLICES = Integer.getInteger("loadtest.slices", 6);
  static final String HEAP = System.getProperty("loadtest.heap", "512m");
  static final List<String> SCENARIOS =
      Arrays.asList(System.getProperty("loadtest.scenarios", "healthy,storm").split(","));
  static final String COOLDOWN = System.getProperty("loadtest.cooldown");

  /** Per connection: latencies beyond this many are not kept (the count still is). */
  static final int MAX_SAMPLES = 2_000_000;

  private static final Pattern READY = Pattern.compile("EXAMPLE-READY port=(\\d+)");

  public static void main(String[] args) throws Exception {
    if (args.length != 4) {
      System.err.println(
          "usage: java perf/LoadTest.java <agent.jar> <extension.jar> <app.jar> <out dir>");
      System.exit(2);
    }
    Path agent = existing(args[0]);
    Path extension = existing(args[1]);
    Path app = existing(args[2]);
    Path out = Files.createDirectories(Path.of(args[3]));

    StandIn standIn = new StandIn();
    Map<String, List<Result>> results = new LinkedHashMap<>();
    try {
      for (String scenario : SCENARIOS) {
        String path = scenario.equals("storm") ? "/boom" : "/ok";
        // both services run side by side, and the load alternates between them in short slices
        // (without, with, with, without, ...): drift of a shared machine hits both alike
        try (Service without = Service.start(scenario, false, agent, extension, app, out, standIn);
            Service with = Service.start(scenario, true, agent, extension, app, out, standIn)) {
          new Load(without.port, path).drive(WARMUP_SECONDS, false);
          new Load(with.port, path).drive(WARMUP_SECONDS, false);
          for (int slice = 1; slice <= SLICES; slice++) {
            boolean withFirst = slice % 2 == 0;
            for (Service service : withFirst ? List.of(with, without) : List.of(without, with)) {
              Result r = measure(service, path, scenario, slice, standIn);
              results
                  .computeIfAbsent(
                      scenario + (service.withExtension ? "/with" : "/without"),
                      k -> new ArrayList<>())
                  .add(r);
              System.out.println(r.line());
            }
          }
        }
      }
    } finally {
      standIn.close();
    }
    String table = table(results);
    System.out.println();
    System.out.println(table);
    Files.writeString(out.resolve("summary.md"), table);
    Files.writeString(out.resolve("result.json"), json(results));
    System.out.println("results: " + out.resolve("result.json") + ", " + out.resolve("summary.md"));
  }

  static Result measure(Service service, String path, String scenario, int slice, StandIn standIn)
      throws Exception {
    long alertsBefore = standIn.alerts.get();
    String loadBefore = loadAverage();
    Result result = new Load(service.port, path).drive(SECONDS, true);
    result.loadAverage = loadBefore + " -> " + loadAverage();
    result.scenario = scenario;
    result.round = slice;
    result.withExtension = service.withExtension;
    result.alerts = standIn.alerts.get() - alertsBefore;
    return result;
  }

  /** The example service under the agent, with or without the extension; stopped by close. */
  static final class Service implements AutoCloseable {
    final Process process;
    final int port;
    final boolean withExtension;

    private Service(Process process, int port, boolean withExtension) {
      this.process = process;
      this.port = port;
      this.withExtension = withExtension;
    }

    static Service start(
        String scenario,
        boolean withExtension,
        Path agent,
        Path extension,
        Path app,
        Path out,
        StandIn standIn)
        throws Exception {
      List<String> command = new ArrayList<>();
      command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      command.add("-Xms" + HEAP);
      command.add("-Xmx" + HEAP);
      command.add("-javaagent:" + agent);
      // the same agent settings for both services: traces exported over OTLP to the stand-in
      command.add("-Dotel.service.name=shop-service");
      command.add("-Dotel.traces.exporter=otlp");
      command.add("-Dotel.exporter.otlp.protocol=http/protobuf");
      command.add("-Dotel.exporter.otlp.endpoint=" + standIn.base());
      command.add("-Dotel.metrics.exporter=none");
      command.add("-Dotel.logs.exporter=none");
      if (withExtension) {
        command.add("-Dotel.javaagent.extensions=" + extension);
        command.add("-Dotel.opsgenie.token=loadtest-key");
        command.add("-Dotel.opsgenie.api.base=" + standIn.base());
        command.add("-Dotel.opsgenie.alert.status.classes=5XX");
        if (COOLDOWN != null) {
          command.add("-Dotel.opsgenie.alert.cooldown=" + COOLDOWN);
        }
      }
      command.add("-jar");
      command.add(app.toString());
      command.add("--server.port=0");
      command.add("--server.tomcat.threads.max=" + Math.max(CONNECTIONS, 16));
      // Tomcat logs each 500 of the storm with its stack trace (about 7 KB a request, 500 MB a
      // run): off for both services, so that the storm measures requests rather than the disk
      command.add("--logging.level.org.apache.catalina.core.ContainerBase=OFF");

      Path log = out.resolve(scenario + "-" + (withExtension ? "with" : "without") + ".log");
      Process process =
          new ProcessBuilder(command)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      try {
        return new Service(process, awaitReady(process, log), withExtension);
      } catch (Exception | Error e) {
        stop(process);
        throw e;
      }
    }

    @Override
    public void close() throws InterruptedException {
      stop(process);
    }

    private static void stop(Process process) throws InterruptedException {
      process.destroy();
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    }
  }

  /** The machine's 1-minute load average (Linux), to show when other work shared the CPUs. */
  static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException | RuntimeException e) {
      return "?";
    }
  }

  static int awaitReady(Process process, Path log) throws Exception {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("the service stopped at startup; see " + log);
      }
      if (Files.exists(log)) {
        Matcher m = READY.matcher(Files.readString(log, StandardCharsets.ISO_8859_1));
        if (m.find()) {
          return Integer.parseInt(m.group(1));
        }
      }
      Thread.sleep(200);
    }
    throw new IllegalStateException("the service did not start within 120 s; see " + log);
  }

  /** Closed-loop load: CONNECTIONS threads, one keep-alive connection each. */
  static final class Load {
    final int port;
    final byte[] request;

    Load(int port, String path) {
      this.port = port;
      this.request =
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nUser-Agent: otel-opsgenie-loadtest\r\nAccept: */*\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
    }

    Result drive(int seconds, boolean keep) throws Exception {
      long[][] samples = new long[CONNECTIONS][];
      int[] counts = new int[CONNECTIONS];
      AtomicLong requests = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(CONNECTIONS);
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      for (int c = 0; c < CONNECTIONS; c++) {
        int id = c;
        samples[c] = keep ? new long[1024] : null;
        Thread t =
            new Thread(
                () -> {
                  Client client = null;
                  try {
                    while (System.nanoTime() < end) {
                      try {
                        if (client == null) {
                          client = new Client(port);
                        }
                        long t0 = System.nanoTime();
                        int status = client.call(request);
                        long took = System.nanoTime() - t0;
                        requests.incrementAndGet();
                        statuses
                            .computeIfAbsent(status, k -> new AtomicInteger())
                            .incrementAndGet();
                        if (client.closed) {
                          client.close();
                          client = null;
                        }
                        if (keep && counts[id] < MAX_SAMPLES) {
                          if (counts[id] == samples[id].length) {
                            samples[id] = Arrays.copyOf(samples[id], samples[id].length * 2);
                          }
                          samples[id][counts[id]++] = took;
                        }
                      } catch (IOException e) {
                        errors.incrementAndGet();
                        if (client != null) {
                          client.close();
                        }
                        client = null;
                      }
                    }
                  } finally {
                    if (client != null) {
                      client.close();
                    }
                    done.countDown();
                  }
                },
                "load-" + c);
        t.setDaemon(true);
        t.start();
      }
      done.await();
      double elapsed = (System.nanoTime() - start) / 1e9;
      Result r = new Result();
      r.requests = requests.get();
      r.errors = errors.get();
      r.seconds = elapsed;
      r.statuses = new java.util.TreeMap<>();
      statuses.forEach((k, v) -> r.statuses.put(k, v.get()));
      if (keep) {
        int total = 0;
        for (int n : counts) {
          total += n;
        }
        long[] all = new long[total];
        int at = 0;
        for (int c = 0; c < CONNECTIONS; c++) {
          System.arraycopy(samples[c], 0, all, at, counts[c]);
          at += counts[c];
        }
        Arrays.sort(all);
        r.p50 = percentile(all, 0.50);
        r.p99 = percentile(all, 0.99);
        r.max = all.length == 0 ? 0 : all[all.length - 1];
      }
      return r;
    }
  }

  static long percentile(long[] sorted, double p) {
    if (sorted.length == 0) {
      return 0;
    }
    int i = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, i))];
  }

  /** A minimal HTTP/1.1 client on one keep-alive socket: Content-Length and chunked bodies. */
  static final class Client {
    final Socket socket;
    final InputStream in;
    final OutputStream out;
    final byte[] buffer = new byte[16384];
    int pos;
    int limit;

    /** The server said Connection: close (Tomcat does after an error, and every 100 requests). */
    boolean closed;

    Client(int port) throws IOException {
      socket = new Socket(InetAddress.getLoopbackAddress(), port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(30_000);
      in = socket.getInputStream();
      out = socket.getOutputStream();
    }

    int call(byte[] request) throws IOException {
      out.write(request);
      out.flush();
      String statusLine = line();
      int status = Integer.parseInt(statusLine.substring(9, 12));
      long length = -1;
      boolean chunked = false;
      boolean close = false;
      for (String h; !(h = line()).isEmpty(); ) {
        String lower = h.toLowerCase(Locale.ROOT);
        if (lower.startsWith("content-length:")) {
          length = Long.parseLong(lower.substring(15).trim());
        } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
          chunked = true;
        } else if (lower.startsWith("connection:") && lower.contains("close")) {
          close = true;
        }
      }
      if (chunked) {
        for (long size; (size = Long.parseLong(line().split(";")[0].trim(), 16)) > 0; ) {
          skip(size);
          line();
        }
        while (!line().isEmpty()) {
          // trailers
        }
      } else if (length > 0) {
        skip(length);
      }
      closed = close;
      return status;
    }

    private int read() throws IOException {
      if (pos == limit) {
        limit = in.read(buffer);
        pos = 0;
        if (limit <= 0) {
          limit = 0;
          throw new IOException("connection closed");
        }
      }
      return buffer[pos++] & 0xff;
    }

    private String line() throws IOException {
      StringBuilder sb = new StringBuilder();
      for (int b; (b = read()) != '\n'; ) {
        if (b != '\r') {
          sb.append((char) b);
        }
      }
      return sb.toString();
    }

    private void skip(long n) throws IOException {
      while (n > 0) {
        if (pos == limit) {
          read();
          pos--;
        }
        int step = (int) Math.min(n, limit - pos);
        pos += step;
        n -= step;
      }
    }

    void close() {
      try {
        socket.close();
      } catch (IOException e) {
        // closing
      }
    }
  }

  /** Takes OTLP trace exports (200, empty answer) and alerts (202) on 127.0.0.1; counts alerts. */
  static final class StandIn implements AutoCloseable {
    final HttpServer server;
    final AtomicLong alerts = new AtomicLong();
    final AtomicLong exports = new AtomicLong();

    StandIn() throws IOException {
      // without TCP_NODELAY the JDK's server answers a kept-alive connection ~40 ms late
      System.setProperty("sun.net.httpserver.nodelay", "true");
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 128);
      server.createContext(
          "/",
          exchange -> {
            try (InputStream body = exchange.getRequestBody()) {
              body.transferTo(OutputStream.nullOutputStream());
            }
            String path = exchange.getRequestURI().getPath();
            byte[] answer;
            int status;
            if (path.startsWith("/v2/alerts")) {
              alerts.incrementAndGet();
              status = 202;
              answer =
                  "{\"result\":\"Request will be processed\",\"took\":0.001,\"requestId\":\"loadtest\"}"
                      .getBytes(StandardCharsets.UTF_8);
              exchange.getResponseHeaders().set("Content-Type", "application/json");
            } else {
              exports.incrementAndGet();
              status = 200;
              answer = new byte[0];
              exchange.getResponseHeaders().set("Content-Type", "application/x-protobuf");
            }
            exchange.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
            try (OutputStream o = exchange.getResponseBody()) {
              o.write(answer);
            }
          });
      server.setExecutor(
          java.util.concurrent.Executors.newFixedThreadPool(
              2,
              r -> {
                Thread t = new Thread(r, "stand-in");
                t.setDaemon(true);
                return t;
              }));
      server.start();
    }

    String base() {
      return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  static final class Result {
    String scenario;
    int round;
    boolean withExtension;
    long requests;
    long errors;
    double seconds;
    long p50;
    long p99;
    long max;
    long alerts;
    String loadAverage;
    Map<Integer, Integer> statuses;

    double rps() {
      return requests / seconds;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-7s slice %d %-17s %9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms  statuses %s  errors %d  alerts received %d  load average %s",
          scenario,
          round,
          withExtension ? "with extension" : "without extension",
          rps(),
          p50 / 1e6,
          p99 / 1e6,
          max / 1e6,
          statuses,
          errors,
          alerts,
          loadAverage);
    }
  }

  static String table(Map<String, List<Result>> results) {
    StringBuilder sb = new StringBuilder();
    sb.append(
        String.format(
            Locale.ROOT,
            "connections=%d, warm-up %d s, then %d measured slices of %d s per service, heap %s%s%n%n",
            CONNECTIONS,
            WARMUP_SECONDS,
            SLICES,
            SECONDS,
            HEAP,
            COOLDOWN == null ? "" : ", otel.opsgenie.alert.cooldown=" + COOLDOWN));
    sb.append(
        "| scenario | requests/s without | requests/s with | with / without | p99 without (ms) | p99 with (ms) | p50 without (ms) | p50 with (ms) | alerts received |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    for (String scenario : SCENARIOS) {
      List<Result> without = results.getOrDefault(scenario + "/without", List.of());
      List<Result> with = results.getOrDefault(scenario + "/with", List.of());
      if (without.isEmpty() || with.isEmpty()) {
        continue;
      }
      double rpsWithout = median(without.stream().mapToDouble(Result::rps).toArray());
      double rpsWith = median(with.stream().mapToDouble(Result::rps).toArray());
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | %.3f | %.2f | %.2f | %.2f | %.2f | %d |%n",
              scenario,
              rpsWithout,
              rpsWith,
              rpsWith / rpsWithout,
              median(without.stream().mapToDouble(r -> r.p99 / 1e6).toArray()),
              median(with.stream().mapToDouble(r -> r.p99 / 1e6).toArray()),
              median(without.stream().mapToDouble(r -> r.p50 / 1e6).toArray()),
              median(with.stream().mapToDouble(r -> r.p50 / 1e6).toArray()),
              with.stream().mapToLong(r -> r.alerts).sum()));
    }
    sb.append(
        "\n(median over slices; both services run side by side and the load alternates between them, without, with, with, without, ...)\n\n");
    sb.append(
        "| run | requests/s | p50 (ms) | p99 (ms) | max (ms) | statuses | errors | alerts | load average |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|\n");
    for (List<Result> list : results.values()) {
      for (Result r : list) {
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s slice %d %s | %.0f | %.2f | %.2f | %.1f | %s | %d | %d | %s |%n",
                r.scenario,
                r.round,
                r.withExtension ? "with" : "without",
                r.rps(),
                r.p50 / 1e6,
                r.p99 / 1e6,
                r.max / 1e6,
                r.statuses,
                r.errors,
                r.alerts,
                r.loadAverage));
      }
    }
    return sb.toString();
  }

  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  static String json(Map<String, List<Result>> results) {
    StringBuilder sb =
        new StringBuilder(
            "{\n  \"connections\": "
                + CONNECTIONS
                + ", \"warmupSeconds\": "
                + WARMUP_SECONDS
                + ", \"seconds\": "
                + SECONDS
                + ", \"heap\": \""
                + HEAP
                + "\", \"cooldown\": "
                + (COOLDOWN == null ? "null" : "\"" + COOLDOWN + "\"")
                + ",\n  \"runs\": [\n");
    List<String> runs = new ArrayList<>();
    for (List<Result> list : results.values()) {
      for (Result r : list) {
        runs.add(
            String.format(
                Locale.ROOT,
                "    {\"scenario\": \"%s\", \"slice\": %d, \"extension\": %b, \"requests\": %d, \"seconds\": %.3f,"
                    + " \"requestsPerSecond\": %.1f, \"p50Ms\": %.3f, \"p99Ms\": %.3f, \"maxMs\": %.3f,"
                    + " \"errors\": %d, \"alertsReceived\": %d, \"statuses\": \"%s\", \"loadAverage\": \"%s\"}",
                r.scenario,
                r.round,
                r.withExtension,
                r.requests,
                r.seconds,
                r.rps(),
                r.p50 / 1e6,
                r.p99 / 1e6,
                r.max / 1e6,
                r.errors,
                r.alerts,
                r.statuses,
                r.loadAverage));
      }
    }
    sb.append(String.join(",\n", runs)).append("\n  ]\n}\n");
    return sb.toString();
  }

  static Path existing(String file) {
    Path p = Path.of(file);
    if (!Files.isRegularFile(p)) {
      System.err.println("not found: " + p + " (build first: mvn -B -DskipTests verify)");
      System.exit(2);
    }
    return p.toAbsolutePath();
  }

  private LoadTest() {}
}
