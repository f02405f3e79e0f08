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
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Load test of the Spring Boot example under the OpenTelemetry Java agent, without and with the
 * otel-opsgenie extension, same agent settings, everything on 127.0.0.1 (docs/performance.md).
 *
 * <p>Run by perf/loadtest.sh: {@code java perf/LoadTest.java <agent.jar> <extension.jar> <app.jar>
 * <out dir>}. Scenarios ({@link Scenario}): healthy (GET /ok, 200), storm-exception (GET /boom, an
 * unhandled exception, 500: an exception alert per request) and storm-status (GET /status/500, a
 * 500 answered without an exception: a status alert per request). For each it starts the service
 * twice, without and with the extension, side by side, and drives them with keep-alive connections
 * in a closed loop for a number of short measured slices. In the default mode, {@code concurrent},
 * both services take their load at the same time, half the connections each: they share the
 * machine's cores at every instant, so the ratio of their requests/s is the ratio of what a request
 * costs each, untouched by the drift of a shared machine (the other tenants, the CPU's clock),
 * which hits both alike within the slice. In {@code alternating} mode each service has the machine
 * to itself, in turn (without, with, with, without, ...), all the connections each. Per slice it
 * reports requests per second and latency percentiles of each side, and the ratio with / without of
 * that slice; the summary gives the median of those ratios, their spread (min, max), the median p99
 * of each side and their ratio.
 *
 * <p>A stand-in on loopback takes the agent's OTLP trace exports and the extension's Opsgenie
 * calls, answering as Opsgenie does, and counts the calls by kind (creates, closes, notes, reads,
 * key checks), so that each storm reports the Opsgenie calls it made; the extension is given a
 * token and the stand-in as its API base, so it really sends.
 *
 * <p>Knobs (system properties): loadtest.mode (concurrent, or alternating), loadtest.connections
 * (16, in all: 8 for each service in concurrent mode), loadtest.warmupSeconds (60),
 * loadtest.seconds (10, one slice), loadtest.slices (16), loadtest.heap (512m), loadtest.scenarios
 * (healthy,storm-exception,storm-status; storm is the old name of storm-exception),
 * loadtest.cooldown (unset: the extension's default).
 */
public final class LoadTest {

  static final int CONNECTIONS = Integer.getInteger("loadtest.connections", 16);
  static final boolean CONCURRENT =
      !"alternating".equals(System.getProperty("loadtest.mode", "concurrent"));
  static final int WARMUP_SECONDS = Integer.getInteger("loadtest.warmupSeconds", 60);
  static final int SECONDS = Integer.getInteger("loadtest.seconds", 10);
  static final int SLICES = Integer.getInteger("loadtest.slices", 16);
  static final String HEAP = System.getProperty("loadtest.heap", "512m");
  static final List<Scenario> SCENARIOS =
      Scenario.parse(
          System.getProperty("loadtest.scenarios", "healthy,storm-exception,storm-status"));
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

    Machine machine = Machine.now();
    System.out.println(machine.line());
    StandIn standIn = new StandIn();
    Map<String, List<Result>> results = new LinkedHashMap<>();
    Map<String, long[]> scenarioCalls = new LinkedHashMap<>();
    try {
      for (Scenario scenario : SCENARIOS) {
        long[] callsBefore = standIn.calls();
        // both services run side by side; concurrent: both take load at once, so that the drift
        // of a shared machine hits both alike within each slice; alternating: the load alternates
        // between them in short slices (without, with, with, without, ...)
        try (Service without = Service.start(scenario, false, agent, extension, app, out, standIn);
            Service with = Service.start(scenario, true, agent, extension, app, out, standIn)) {
          if (CONCURRENT) {
            int half = Math.max(1, CONNECTIONS / 2);
            both(
                new Load(without.port, scenario.path, half),
                new Load(with.port, scenario.path, half),
                WARMUP_SECONDS,
                false);
            for (int slice = 1; slice <= SLICES; slice++) {
              long[] sliceCallsBefore = standIn.calls();
              String loadBefore = loadAverage();
              Result[] r =
                  both(
                      new Load(without.port, scenario.path, half),
                      new Load(with.port, scenario.path, half),
                      SECONDS,
                      true);
              String load = loadBefore + " -> " + loadAverage();
              // only the service with the extension calls Opsgenie
              long[] calls = Calls.minus(standIn.calls(), sliceCallsBefore);
              for (int side = 0; side < 2; side++) {
                Result result = r[side];
                result.loadAverage = load;
                result.scenario = scenario.name;
                result.round = slice;
                result.withExtension = side == 1;
                result.calls = side == 1 ? calls : new long[calls.length];
                keep(results, result);
              }
            }
          } else {
            new Load(without.port, scenario.path, CONNECTIONS).drive(WARMUP_SECONDS, false);
            new Load(with.port, scenario.path, CONNECTIONS).drive(WARMUP_SECONDS, false);
            for (int slice = 1; slice <= SLICES; slice++) {
              boolean withFirst = slice % 2 == 0;
              for (Service service : withFirst ? List.of(with, without) : List.of(without, with)) {
                keep(results, measure(service, scenario, slice, standIn));
              }
            }
          }
        }
        // after both stopped: a shutdown's last sends (a storm's roll-up note) are counted too
        scenarioCalls.put(scenario.name, Calls.minus(standIn.calls(), callsBefore));
      }
    } finally {
      standIn.close();
    }
    machine.loadAverageAfter = loadAverage();
    String table = table(machine, results, scenarioCalls);
    System.out.println();
    System.out.println(table);
    Files.writeString(out.resolve("summary.md"), table);
    Files.writeString(out.resolve("result.json"), json(machine, results, scenarioCalls));
    System.out.println("results: " + out.resolve("result.json") + ", " + out.resolve("summary.md"));
  }

  /** Files a measured slice under its scenario and side, and prints it. */
  static void keep(Map<String, List<Result>> results, Result result) {
    results
        .computeIfAbsent(
            result.scenario + (result.withExtension ? "/with" : "/without"), k -> new ArrayList<>())
        .add(result);
    System.out.println(result.line());
  }

  /** Drives both loads at the same time for {@code seconds}; their results, in that order. */
  static Result[] both(Load first, Load second, int seconds, boolean keep) throws Exception {
    Result[] results = new Result[2];
    Exception[] failed = new Exception[1];
    Thread other =
        new Thread(
            () -> {
              try {
                results[1] = second.drive(seconds, keep);
              } catch (Exception e) {
                failed[0] = e;
              }
            },
            "load-second");
    other.start();
    results[0] = first.drive(seconds, keep);
    other.join();
    if (failed[0] != null) {
      throw failed[0];
    }
    return results;
  }

  /** What a scenario's requests ask for, and so which alerts the extension raises. */
  static final class Scenario {
    static final Map<String, Scenario> ALL = new LinkedHashMap<>();

    static {
      add("healthy", "/ok", "GET /ok: 200, no alert");
      add(
          "storm-exception",
          "/boom",
          "GET /boom: an unhandled exception, 500, an exception alert on every request");
      add(
          "storm-status",
          "/status/500",
          "GET /status/500: a 500 answered without an exception, a status alert on every request");
    }

    final String name;
    final String path;
    final String description;

    private Scenario(String name, String path, String description) {
      this.name = name;
      this.path = path;
      this.description = description;
    }

    private static void add(String name, String path, String description) {
      ALL.put(name, new Scenario(name, path, description));
    }

    boolean storm() {
      return name.startsWith("storm");
    }

    /**
     * Comma-separated names; {@code storm}, the old name of {@code storm-exception}, still works.
     */
    static List<Scenario> parse(String names) {
      List<Scenario> list = new ArrayList<>();
      for (String raw : names.split(",")) {
        String name = raw.trim().equals("storm") ? "storm-exception" : raw.trim();
        Scenario scenario = ALL.get(name);
        if (scenario == null) {
          System.err.println(
              "unknown scenario '"
                  + raw.trim()
                  + "' in -Dloadtest.scenarios; known: "
                  + ALL.keySet());
          System.exit(2);
        }
        if (!list.contains(scenario)) {
          list.add(scenario);
        }
      }
      return list;
    }
  }

  static Result measure(Service service, Scenario scenario, int slice, StandIn standIn)
      throws Exception {
    long[] callsBefore = standIn.calls();
    String loadBefore = loadAverage();
    Result result = new Load(service.port, scenario.path, CONNECTIONS).drive(SECONDS, true);
    result.loadAverage = loadBefore + " -> " + loadAverage();
    result.scenario = scenario.name;
    result.round = slice;
    result.withExtension = service.withExtension;
    result.calls = Calls.minus(standIn.calls(), callsBefore);
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
        Scenario scenario,
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

      Path log = out.resolve(scenario.name + "-" + (withExtension ? "with" : "without") + ".log");
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

  /** Closed-loop load: {@code connections} threads, one keep-alive connection each. */
  static final class Load {
    final int port;
    final int connections;
    final byte[] request;

    Load(int port, String path, int connections) {
      this.port = port;
      this.connections = connections;
      this.request =
          ("GET "
                  + path
                  + " HTTP/1.1\r\nHost: 127.0.0.1:"
                  + port
                  + "\r\nUser-Agent: otel-opsgenie-loadtest\r\nAccept: */*\r\n\r\n")
              .getBytes(StandardCharsets.ISO_8859_1);
    }

    Result drive(int seconds, boolean keep) throws Exception {
      long[][] samples = new long[connections][];
      int[] counts = new int[connections];
      AtomicLong requests = new AtomicLong();
      AtomicLong errors = new AtomicLong();
      Map<Integer, AtomicInteger> statuses = new java.util.concurrent.ConcurrentHashMap<>();
      CountDownLatch done = new CountDownLatch(connections);
      long start = System.nanoTime();
      long end = start + TimeUnit.SECONDS.toNanos(seconds);
      for (int c = 0; c < connections; c++) {
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
        for (int c = 0; c < connections; c++) {
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

  /** The kinds of Opsgenie call the stand-in counts; {@link #ordinal()} indexes a count array. */
  enum Calls {
    CREATE("creates", "POST /v2/alerts"),
    CLOSE("closes", "POST /v2/alerts/{alias}/close"),
    NOTE("notes", "POST /v2/alerts/{alias}/notes"),
    READ("reads", "GET /v2/alerts/{alias}"),
    KEY_CHECK("key checks", "GET /v2/alerts/requests/{id}"),
    OTHER("other", "any other /v2 call");

    final String label;
    final String call;

    Calls(String label, String call) {
      this.label = label;
      this.call = call;
    }

    /** The kind of one call to the Opsgenie API (a path under /v2/alerts). */
    static Calls of(String method, String rawPath) {
      String rest = rawPath.substring("/v2/alerts".length());
      if (rest.isEmpty() || rest.equals("/")) {
        return method.equals("POST") ? CREATE : OTHER;
      }
      if (method.equals("GET") && rest.startsWith("/requests/")) {
        return KEY_CHECK;
      }
      int slash = rest.indexOf('/', 1);
      String action = slash < 0 ? "" : rest.substring(slash);
      if (method.equals("POST") && action.equals("/close")) {
        return CLOSE;
      }
      if (method.equals("POST") && action.equals("/notes")) {
        return NOTE;
      }
      if (method.equals("GET") && action.isEmpty()) {
        return READ;
      }
      return OTHER;
    }

    static long[] minus(long[] after, long[] before) {
      long[] d = new long[after.length];
      for (int i = 0; i < d.length; i++) {
        d[i] = after[i] - before[i];
      }
      return d;
    }

    static long[] sum(List<Result> results) {
      long[] total = new long[values().length];
      for (Result r : results) {
        for (int i = 0; i < total.length; i++) {
          total[i] += r.calls[i];
        }
      }
      return total;
    }

    /** "creates 2, closes 0, ..." */
    static String describe(long[] calls) {
      List<String> parts = new ArrayList<>();
      for (Calls kind : values()) {
        parts.add(kind.label + " " + calls[kind.ordinal()]);
      }
      return String.join(", ", parts);
    }
  }

  /**
   * On 127.0.0.1: takes OTLP trace exports (200, empty answer) and the Opsgenie calls, answered as
   * Opsgenie does: creates, closes and notes 202 with a request id, the key check 404 (an id
   * Opsgenie never gave out, with a valid key), a read 404 (the stand-in keeps no alerts; only
   * {@code alert.auto.close} reads). Counts the Opsgenie calls by {@link Calls} kind.
   */
  static final class StandIn implements AutoCloseable {
    final HttpServer server;
    final AtomicLongArray calls = new AtomicLongArray(Calls.values().length);
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
            String path = exchange.getRequestURI().getRawPath();
            byte[] answer;
            int status;
            if (path.startsWith("/v2/alerts")) {
              Calls kind = Calls.of(exchange.getRequestMethod(), path);
              calls.incrementAndGet(kind.ordinal());
              switch (kind) {
                case CREATE:
                case CLOSE:
                case NOTE:
                  status = 202;
                  answer =
                      "{\"result\":\"Request will be processed\",\"took\":0.001,\"requestId\":\"loadtest\"}"
                          .getBytes(StandardCharsets.UTF_8);
                  break;
                default:
                  status = 404;
                  answer =
                      "{\"message\":\"Could not find the requested resource\",\"took\":0.001,\"requestId\":\"loadtest\"}"
                          .getBytes(StandardCharsets.UTF_8);
              }
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

    /** The Opsgenie calls so far, indexed by {@link Calls#ordinal()}. */
    long[] calls() {
      long[] now = new long[calls.length()];
      for (int i = 0; i < now.length; i++) {
        now[i] = calls.get(i);
      }
      return now;
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  /** What the run was measured on, written with the results. */
  static final class Machine {
    int cores;
    String cpu;
    String memory;
    String jdk;
    String os;
    String loadAverageBefore;
    String loadAverageAfter;

    static Machine now() {
      Machine m = new Machine();
      m.cores = Runtime.getRuntime().availableProcessors();
      m.cpu = procLine("/proc/cpuinfo", "model name");
      m.memory = procLine("/proc/meminfo", "MemTotal");
      m.jdk =
          System.getProperty("java.vm.name")
              + " "
              + System.getProperty("java.runtime.version")
              + " ("
              + System.getProperty("java.vendor")
              + ")";
      m.os =
          System.getProperty("os.name")
              + " "
              + System.getProperty("os.version")
              + " "
              + System.getProperty("os.arch");
      m.loadAverageBefore = loadAverage();
      return m;
    }

    /** The value of the first "key: value" line of a /proc file starting with key; "?" if none. */
    private static String procLine(String file, String key) {
      try {
        for (String line : Files.readAllLines(Path.of(file))) {
          if (line.startsWith(key)) {
            return line.substring(line.indexOf(':') + 1).trim();
          }
        }
      } catch (IOException | RuntimeException e) {
        // not Linux
      }
      return "?";
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "machine: %d cores (%s), memory %s, %s, %s; services: -Xms%s -Xmx%s each; load average %s%s",
          cores,
          cpu,
          memory,
          jdk,
          os,
          HEAP,
          HEAP,
          loadAverageBefore,
          loadAverageAfter == null ? "" : " -> " + loadAverageAfter);
    }

    String json() {
      return String.format(
          Locale.ROOT,
          "{\"cores\": %d, \"cpu\": \"%s\", \"memory\": \"%s\", \"jdk\": \"%s\", \"os\": \"%s\","
              + " \"heap\": \"%s\", \"loadAverageBefore\": \"%s\", \"loadAverageAfter\": \"%s\"}",
          cores,
          jsonText(cpu),
          jsonText(memory),
          jsonText(jdk),
          jsonText(os),
          HEAP,
          loadAverageBefore,
          loadAverageAfter);
    }
  }

  static String jsonText(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
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
    long[] calls = new long[Calls.values().length];
    String loadAverage;
    Map<Integer, Integer> statuses;

    double rps() {
      return requests / seconds;
    }

    String line() {
      return String.format(
          Locale.ROOT,
          "%-15s slice %d %-17s %9.0f req/s  p50 %7.3f ms  p99 %7.3f ms  max %8.3f ms  statuses %s  errors %d  Opsgenie creates %d  load average %s",
          scenario,
          round,
          withExtension ? "with extension" : "without extension",
          rps(),
          p50 / 1e6,
          p99 / 1e6,
          max / 1e6,
          statuses,
          errors,
          calls[Calls.CREATE.ordinal()],
          loadAverage);
    }
  }

  /** One scenario's figures over its slices: ratios pair by pair, medians, spread. */
  static final class Summary {
    final double rpsWithout;
    final double rpsWith;
    final double ratioMedian;
    final double ratioMin;
    final double ratioMax;
    final double p99Without;
    final double p99With;
    final double p50Without;
    final double p50With;
    final double[] ratios;

    Summary(List<Result> without, List<Result> with) {
      rpsWithout = median(without.stream().mapToDouble(Result::rps).toArray());
      rpsWith = median(with.stream().mapToDouble(Result::rps).toArray());
      // the two sides of one slice ran back to back: their ratio is the least drifted figure
      int n = Math.min(without.size(), with.size());
      ratios = new double[n];
      for (int i = 0; i < n; i++) {
        ratios[i] = with.get(i).rps() / without.get(i).rps();
      }
      double[] sorted = ratios.clone();
      ratioMedian = median(sorted);
      ratioMin = n == 0 ? 0 : sorted[0];
      ratioMax = n == 0 ? 0 : sorted[n - 1];
      p99Without = median(without.stream().mapToDouble(r -> r.p99 / 1e6).toArray());
      p99With = median(with.stream().mapToDouble(r -> r.p99 / 1e6).toArray());
      p50Without = median(without.stream().mapToDouble(r -> r.p50 / 1e6).toArray());
      p50With = median(with.stream().mapToDouble(r -> r.p50 / 1e6).toArray());
    }
  }

  static String table(
      Machine machine, Map<String, List<Result>> results, Map<String, long[]> scenarioCalls) {
    StringBuilder sb = new StringBuilder();
    sb.append(machine.line()).append("\n\n");
    sb.append(
        String.format(
            Locale.ROOT,
            "mode %s, connections=%d%s, warm-up %d s, then %d measured slices of %d s per service, heap %s%s%n%n",
            CONCURRENT ? "concurrent" : "alternating",
            CONNECTIONS,
            CONCURRENT ? " (half for each service, both at once)" : " (each service in turn)",
            WARMUP_SECONDS,
            SLICES,
            SECONDS,
            HEAP,
            COOLDOWN == null ? "" : ", otel.opsgenie.alert.cooldown=" + COOLDOWN));
    sb.append(
        "| scenario | requests/s without | requests/s with | with / without (median of slices) | min | max | p99 without (ms) | p99 with (ms) | p99 with / without | p50 without (ms) | p50 with (ms) |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario scenario : SCENARIOS) {
      List<Result> without = results.getOrDefault(scenario.name + "/without", List.of());
      List<Result> with = results.getOrDefault(scenario.name + "/with", List.of());
      if (without.isEmpty() || with.isEmpty()) {
        continue;
      }
      Summary s = new Summary(without, with);
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %.0f | %.0f | **%.3f** | %.3f | %.3f | %.2f | %.2f | %.3f | %.2f | %.2f |%n",
              scenario.name,
              s.rpsWithout,
              s.rpsWith,
              s.ratioMedian,
              s.ratioMin,
              s.ratioMax,
              s.p99Without,
              s.p99With,
              s.p99With / s.p99Without,
              s.p50Without,
              s.p50With));
    }
    sb.append(
        "\n(requests/s and latencies: median over slices; with / without: the ratio of the two"
            + " services' requests/s within each slice, whose median and spread are shown; both"
            + (CONCURRENT
                ? " services run side by side and take their load at the same time, half the"
                    + " connections each)\n\n"
                : " services run side by side and the load alternates between them, without,"
                    + " with, with, without, ...)\n\n"));
    sb.append(
        "Opsgenie calls received by the stand-in (only the service with the extension sends):\n\n");
    sb.append(
        "| scenario | what its requests do | during the measured slices | during the whole scenario (startups, warm-up, shutdowns included) |\n");
    sb.append("|---|---|---|---|\n");
    List<String> warnings = new ArrayList<>();
    for (Scenario scenario : SCENARIOS) {
      long[] whole = scenarioCalls.get(scenario.name);
      if (whole == null) {
        continue;
      }
      sb.append(
          String.format(
              Locale.ROOT,
              "| %s | %s | %s | %s |%n",
              scenario.name,
              scenario.description,
              Calls.describe(Calls.sum(slicesOf(results, scenario))),
              Calls.describe(whole)));
      if (scenario.storm() && whole[Calls.CREATE.ordinal()] == 0) {
        warnings.add(
            "WARNING: "
                + scenario.name
                + " made no create call: the extension did not send (see "
                + scenario.name
                + "-with.log); its figures do not measure a storm");
      }
    }
    sb.append("\n(");
    List<String> kinds = new ArrayList<>();
    for (Calls kind : Calls.values()) {
      kinds.add(kind.label + ": " + kind.call);
    }
    sb.append(String.join("; ", kinds)).append(")\n\n");
    for (String warning : warnings) {
      sb.append(warning).append("\n\n");
    }
    sb.append(
        "| run | requests/s | with / without (this slice) | p50 (ms) | p99 (ms) | max (ms) | statuses | errors | Opsgenie calls | load average |\n");
    sb.append("|---|---|---|---|---|---|---|---|---|---|\n");
    for (Scenario scenario : SCENARIOS) {
      List<Result> without = results.getOrDefault(scenario.name + "/without", List.of());
      List<Result> with = results.getOrDefault(scenario.name + "/with", List.of());
      List<Result> all = new ArrayList<>(without);
      all.addAll(with);
      all.sort(
          (a, b) ->
              a.round != b.round
                  ? Integer.compare(a.round, b.round)
                  : Boolean.compare(a.withExtension, b.withExtension));
      for (Result r : all) {
        String ratio = "";
        if (r.withExtension && r.round - 1 < without.size()) {
          ratio = String.format(Locale.ROOT, "%.3f", r.rps() / without.get(r.round - 1).rps());
        }
        sb.append(
            String.format(
                Locale.ROOT,
                "| %s slice %d %s | %.0f | %s | %.2f | %.2f | %.1f | %s | %d | %s | %s |%n",
                r.scenario,
                r.round,
                r.withExtension ? "with" : "without",
                r.rps(),
                ratio,
                r.p50 / 1e6,
                r.p99 / 1e6,
                r.max / 1e6,
                r.statuses,
                r.errors,
                Calls.describe(r.calls),
                r.loadAverage));
      }
    }
    return sb.toString();
  }

  /** Every measured slice of a scenario, both services (the sender's calls are asynchronous). */
  static List<Result> slicesOf(Map<String, List<Result>> results, Scenario scenario) {
    List<Result> all = new ArrayList<>(results.getOrDefault(scenario.name + "/without", List.of()));
    all.addAll(results.getOrDefault(scenario.name + "/with", List.of()));
    return all;
  }

  static double median(double[] values) {
    Arrays.sort(values);
    int n = values.length;
    return n == 0 ? 0 : n % 2 == 1 ? values[n / 2] : (values[n / 2 - 1] + values[n / 2]) / 2;
  }

  static String callsJson(long[] calls) {
    List<String> parts = new ArrayList<>();
    for (Calls kind : Calls.values()) {
      parts.add("\"" + kind.label.replace(" ", "") + "\": " + calls[kind.ordinal()]);
    }
    return "{" + String.join(", ", parts) + "}";
  }

  static String json(
      Machine machine, Map<String, List<Result>> results, Map<String, long[]> scenarioCalls) {
    StringBuilder sb =
        new StringBuilder(
            "{\n  \"machine\": "
                + machine.json()
                + ",\n  \"mode\": \""
                + (CONCURRENT ? "concurrent" : "alternating")
                + "\", \"connections\": "
                + CONNECTIONS
                + ", \"warmupSeconds\": "
                + WARMUP_SECONDS
                + ", \"seconds\": "
                + SECONDS
                + ", \"slices\": "
                + SLICES
                + ", \"heap\": \""
                + HEAP
                + "\", \"cooldown\": "
                + (COOLDOWN == null ? "null" : "\"" + COOLDOWN + "\"")
                + ",\n  \"scenarios\": [\n");
    List<String> summaries = new ArrayList<>();
    for (Scenario scenario : SCENARIOS) {
      List<Result> without = results.getOrDefault(scenario.name + "/without", List.of());
      List<Result> with = results.getOrDefault(scenario.name + "/with", List.of());
      if (without.isEmpty() || with.isEmpty()) {
        continue;
      }
      Summary s = new Summary(without, with);
      summaries.add(
          String.format(
              Locale.ROOT,
              "    {\"scenario\": \"%s\", \"path\": \"%s\", \"requestsPerSecondWithout\": %.1f,"
                  + " \"requestsPerSecondWith\": %.1f, \"ratioMedian\": %.4f, \"ratioMin\": %.4f,"
                  + " \"ratioMax\": %.4f, \"ratios\": %s, \"p99WithoutMs\": %.3f, \"p99WithMs\": %.3f,"
                  + " \"p99Ratio\": %.4f, \"p50WithoutMs\": %.3f, \"p50WithMs\": %.3f,"
                  + " \"opsgenieCallsInSlices\": %s, \"opsgenieCallsInScenario\": %s}",
              scenario.name,
              scenario.path,
              s.rpsWithout,
              s.rpsWith,
              s.ratioMedian,
              s.ratioMin,
              s.ratioMax,
              Arrays.toString(s.ratios),
              s.p99Without,
              s.p99With,
              s.p99With / s.p99Without,
              s.p50Without,
              s.p50With,
              callsJson(Calls.sum(slicesOf(results, scenario))),
              callsJson(
                  scenarioCalls.getOrDefault(scenario.name, new long[Calls.values().length]))));
    }
    sb.append(String.join(",\n", summaries)).append("\n  ],\n  \"runs\": [\n");
    List<String> runs = new ArrayList<>();
    for (List<Result> list : results.values()) {
      for (Result r : list) {
        runs.add(
            String.format(
                Locale.ROOT,
                "    {\"scenario\": \"%s\", \"slice\": %d, \"extension\": %b, \"requests\": %d, \"seconds\": %.3f,"
                    + " \"requestsPerSecond\": %.1f, \"p50Ms\": %.3f, \"p99Ms\": %.3f, \"maxMs\": %.3f,"
                    + " \"errors\": %d, \"opsgenieCalls\": %s, \"statuses\": \"%s\", \"loadAverage\": \"%s\"}",
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
                callsJson(r.calls),
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
