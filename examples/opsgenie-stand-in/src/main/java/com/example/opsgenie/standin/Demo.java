package com.example.opsgenie.standin;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The demo: the local Opsgenie stand-in, the Spring Boot example under the OpenTelemetry Java agent
 * with the otel-opsgenie extension (and its in-process Kafka broker), a few good and bad requests
 * and messages, and every alert that arrived. Stops by itself; exits 1 when an alert type is
 * missing or an alert breaks the Opsgenie contract (the one the stand-in carries, or the one in
 * {@code --spec}'s directory).
 *
 * <pre>
 *   java -cp opsgenie-stand-in.jar com.example.opsgenie.standin.Demo \
 *        --agent=opentelemetry-javaagent.jar --extension=otel-opsgenie-...-extension.jar \
 *        --app=spring-boot-service.jar [--logs=dir] [--spec=dir]
 * </pre>
 */
public final class Demo {

  private static final String KEY = "demo-api-key";
  private static final String UNSAMPLED = "00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-00";

  private static final HttpClient CLIENT =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Demo() {}

  /** One request the demo sends, and what it shows. */
  private record Call(String path, String expect, Map<String, String> headers) {
    Call(String path, String expect) {
      this(path, expect, Map.of());
    }
  }

  public static void main(String[] args) throws Exception {
    Map<String, String> opts = options(args);
    Path agent = requiredFile(opts, "agent");
    Path extension = requiredFile(opts, "extension");
    Path app = requiredFile(opts, "app");
    Path logs = Path.of(opts.getOrDefault("logs", "."));
    Path spec = opts.containsKey("spec") ? Path.of(opts.get("spec")) : null;
    Path grpc = opts.containsKey("grpc") ? requiredFile(opts, "grpc") : null;
    System.exit(
        run(
            Path.of(System.getProperty("java.home"), "bin", "java"),
            agent,
            extension,
            app,
            grpc,
            spec,
            logs,
            System.out));
  }

  /** Runs the demo, printing to {@code out}; returns 0 when every expected alert arrived intact. */
  public static int run(Path agent, Path extension, Path app, Path spec, Path logs, PrintStream out)
      throws Exception {
    return run(
        Path.of(System.getProperty("java.home"), "bin", "java"),
        agent,
        extension,
        app,
        null,
        spec,
        logs,
        out);
  }

  /**
   * The same, with the services on the given java executable, and the gRPC example ({@code
   * grpcApp}, may be null) after the Spring Boot one.
   */
  public static int run(
      Path java,
      Path agent,
      Path extension,
      Path app,
      Path grpcApp,
      Path spec,
      Path logs,
      PrintStream out)
      throws Exception {
    AlertContract contract = spec != null ? AlertContract.load(spec) : AlertContract.load();
    long started = System.nanoTime();
    try (OpsgenieStandIn standIn = OpsgenieStandIn.start(0, contract, KEY)) {
      say(out, "");
      say(out, "== otel-opsgenie demo ==");
      say(
          out,
          "1. Opsgenie stand-in listening on "
              + standIn.baseUrl()
              + " (checks every alert against the Opsgenie create-alert contract)");

      Map<String, String> env = new LinkedHashMap<>();
      env.put("OTEL_OPSGENIE_TOKEN", KEY);
      env.put("OTEL_OPSGENIE_API_BASE", standIn.baseUrl());
      env.put("OTEL_OPSGENIE_ALERT_STATUS_CLASSES", "5XX");
      env.put("OTEL_OPSGENIE_IGNORED_ENDPOINTS", "/health");
      env.put("OTEL_OPSGENIE_THRESHOLD_RESPONSE_TIME", "1000");
      env.put("OTEL_OPSGENIE_RESPONSE_TIME_MONITORED_ENDPOINTS", "/res_slow/.*/info/");
      env.put("OTEL_OPSGENIE_ALERT_TAGS", "demo,shop");
      env.put("OTEL_OPSGENIE_ALERT_PRIORITY", "P3");
      env.put("OTEL_OPSGENIE_RESPONDERS", "team:shop-oncall");
      env.put("OTEL_OPSGENIE_FORWARDED_HEADER_KEYS", "X-Request-Id");
      env.put("OTEL_OPSGENIE_ALERT_COOLDOWN", "0");
      env.put("OTEL_OPSGENIE_DEPENDENCY_ERROR_RATE", "50%");
      env.put("OTEL_OPSGENIE_DEPENDENCY_MIN_REQUESTS", "3");
      env.put("OTEL_OPSGENIE_HEARTBEAT_NAME", "{service_id}-heartbeat");
      env.put("OTEL_OPSGENIE_HEARTBEAT_INTERVAL", "2s");
      env.put("OTEL_OPSGENIE_HEARTBEAT_CREATE", "true");
      say(
          out,
          "2. Starting the Spring Boot example under the OpenTelemetry Java agent with the otel-opsgenie extension:");
      say(
          out,
          "     java -javaagent:"
              + agent.getFileName()
              + " -Dotel.javaagent.extensions="
              + extension.getFileName()
              + " -jar "
              + app.getFileName());
      env.forEach((k, v) -> say(out, "     " + k + "=" + v));
      Files.createDirectories(logs);
      Path log = logs.resolve("demo-shop-service.log");
      List<ReceivedAlert> alerts;
      int pings;
      // with its own in-process Kafka broker, for the listener's consumer alert
      try (ServiceProcess service =
          start(java, agent, extension, app, env, log, "--example.kafka.embedded=true")) {
        say(
            out,
            "   shop-service is up on "
                + service.baseUrl()
                + " (its log: "
                + log.toAbsolutePath().normalize()
                + ")");

        List<Call> calls =
            List.of(
                new Call("/ok", "healthy: no alert"),
                new Call("/status/404", "4XX is not an alerting class: no alert"),
                new Call("/health?status=503", "ignored endpoint: no alert"),
                new Call(
                    "/status/500", "status alert (5XX)", Map.of("X-Request-Id", "demo-req-500")),
                new Call("/status/503", "status alert (5XX)"),
                new Call(
                    "/status/502",
                    "status alert, although the caller's trace is not sampled",
                    Map.of("traceparent", UNSAMPLED)),
                new Call("/res_slow/42/info/?ms=1300", "latency alert (over 1000 ms)"),
                new Call("/boom", "exception alert (unhandled IllegalStateException)"),
                new Call("/handled", "exception alert (caught, Span.current().recordException)"),
                new Call(
                    "/handled-helper",
                    "handled-exception alert from the helper (P2, extra details)"),
                new Call("/background", "handled-exception alert when the background task fails"),
                new Call(
                    "POST /jobs/report/fail",
                    "the next run of the @Scheduled ReportJob.nightly throws: job alert"),
                new Call(
                    "POST /payment-provider/failing?on=true",
                    "the payment provider answers 503 from now on"),
                new Call(
                    "/pay/o-1", "answers 200, the order is kept; its call to the provider failed"),
                new Call("/pay/o-2", "a second failed call"),
                new Call(
                    "/pay/o-3",
                    "dependency alert: 3 of 3 calls to the provider failed (rate 50%, at least 3 calls)"),
                new Call(
                    "POST /order-events?event=order-1-paid",
                    "published to Kafka; the @KafkaListener processes it: no alert"),
                new Call(
                    "POST /order-events?event=poison-7",
                    "the @KafkaListener throws on this one: consumer alert"));
        say(out, "3. Sending requests:");
        for (Call call : calls) {
          String shown = call.path().startsWith("POST ") ? call.path() : "GET " + call.path();
          say(
              out,
              String.format(
                  "     %-42s -> %-4s %s", shown, send(service.baseUrl(), call), call.expect()));
        }
        standIn.await(a -> true, 11, Duration.ofSeconds(20));
        // anything unexpected would arrive about now too
        Thread.sleep(1000);
        alerts = standIn.alerts();
        say(out, "");
        say(out, "4. " + alerts.size() + " alerts arrived at the Opsgenie stand-in:");
        print(out, alerts, 0);
        pings = heartbeatSection(standIn, service, out);
      }

      if (grpcApp != null) {
        alerts = new ArrayList<>(alerts);
        alerts.addAll(
            grpcSection(java, agent, extension, grpcApp, standIn, logs, alerts.size(), out));
      }

      say(out, "");
      say(
          out,
          "5. A typo in a setting does not take the service down: the same service restarted with"
              + " OTEL_OPSGENIE_ALERT_PRIORITY=P9");
      env.put("OTEL_OPSGENIE_ALERT_PRIORITY", "P9");
      Path badLog = logs.resolve("demo-shop-service-misconfigured.log");
      List<ReceivedAlert> misconfigured;
      try (ServiceProcess service = start(java, agent, extension, app, env, badLog)) {
        say(
            out,
            String.format(
                "     GET %-28s -> %-4s %s",
                "/ok",
                send(service.baseUrl(), new Call("/ok", "")),
                "the service serves as before"));
        say(
            out,
            String.format(
                "     GET %-28s -> %-4s %s",
                "/status/500",
                send(service.baseUrl(), new Call("/status/500", "")),
                "no status alert: alerting is off until the setting is fixed"));
        for (String line :
            service.lines(
                l -> l.contains("io.github.otelopsgenie") && l.contains("alerting is OFF"))) {
          say(
              out,
              "   its log: " + line.substring(Math.max(0, line.indexOf("io.github.otelopsgenie"))));
        }
        standIn.await(a -> "misconfiguration".equals(a.type()), 1, Duration.ofSeconds(20));
        Thread.sleep(1000);
        List<ReceivedAlert> now = standIn.alerts();
        misconfigured = new ArrayList<>(now.subList(alerts.size(), now.size()));
        say(out, "   and Opsgenie is told that alerting is off:");
        print(out, misconfigured, alerts.size());
        service.stop(Duration.ofSeconds(20));
      }
      say(out, "");
      List<ReceivedAlert> all = new ArrayList<>(alerts);
      all.addAll(misconfigured);
      Map<String, Integer> expected =
          new TreeMap<>(
              Map.of(
                  "status",
                  3,
                  "latency",
                  1,
                  "exception",
                  2,
                  "handled_exception",
                  2,
                  "misconfiguration",
                  1,
                  "job",
                  1,
                  "dependency",
                  1,
                  "consumer",
                  1));
      if (grpcApp != null) {
        expected.put("rpc_status", 1);
      }
      int code = summary(out, expected, all, (System.nanoTime() - started) / 1_000_000_000);
      if (pings < 2) {
        say(out, "FAILED: the heartbeat's pings did not arrive at the stand-in.");
        return 1;
      }
      return code;
    }
  }

  /**
   * The heartbeat: created at startup (heartbeat.create), pinged every 2 s with the key, and no
   * ping once the service stopped. Stops the service; returns how many pings arrived before.
   */
  private static int heartbeatSection(
      OpsgenieStandIn standIn, ServiceProcess service, PrintStream out) throws Exception {
    String name = "shop-service-heartbeat";
    HeartbeatBook book = standIn.heartbeats();
    List<HeartbeatBook.Ping> pings = book.awaitPings(name, 3, Duration.ofSeconds(20));
    say(out, "");
    say(
        out,
        "4a. The heartbeat: a page when the service itself stops (OTEL_OPSGENIE_HEARTBEAT_NAME,"
            + " _INTERVAL=2s, _CREATE=true)");
    for (HeartbeatBook.Heartbeat created : book.created()) {
      say(
          out,
          "     created at startup: "
              + created.name()
              + ", expires after "
              + created.interval()
              + " "
              + (created.interval() == 1
                  ? created.intervalUnit().replaceAll("s$", "")
                  : created.intervalUnit())
              + " without a ping, alert \""
              + created.alertMessage()
              + "\" "
              + created.alertPriority());
    }
    say(
        out,
        "     "
            + pings.size()
            + " pings arrived since the service started"
            + (pings.size() > 4 ? "; the last four:" : ":"));
    java.time.Instant previous = null;
    for (HeartbeatBook.Ping ping : pings.subList(Math.max(0, pings.size() - 5), pings.size())) {
      if (previous == null && pings.size() > 4) {
        previous = ping.at();
        continue;
      }
      say(
          out,
          String.format(
              "     PING %s at %s%s, %s",
              ping.name(),
              ping.at(),
              previous == null
                  ? ""
                  : String.format(
                      " (+%.1f s)", Duration.between(previous, ping.at()).toMillis() / 1000.0),
              ping.authorized() ? "with the key" : "WITHOUT the key"));
      previous = ping.at();
    }
    service.stop(Duration.ofSeconds(20));
    int before = book.pings(name).size();
    Thread.sleep(4_000);
    int after = book.pings(name).size();
    say(
        out,
        "     shop-service stopped: "
            + (after == before
                ? "no ping in the 4 s since; Opsgenie pages once the heartbeat expires"
                : (after - before) + " pings arrived after it stopped (unexpected)"));
    return after == before ? pings.size() : 0;
  }

  /** The gRPC example under the agent, called by its own client: OK, then UNAVAILABLE. */
  private static List<ReceivedAlert> grpcSection(
      Path java,
      Path agent,
      Path extension,
      Path grpcApp,
      OpsgenieStandIn standIn,
      Path logs,
      int before,
      PrintStream out)
      throws Exception {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("OTEL_OPSGENIE_TOKEN", KEY);
    env.put("OTEL_OPSGENIE_API_BASE", standIn.baseUrl());
    env.put("OTEL_OPSGENIE_ALERT_RPC_STATUS_CODES", "UNAVAILABLE,INTERNAL");
    say(out, "");
    say(out, "4b. The gRPC example (grpc-java) under the agent, with:");
    env.forEach((k, v) -> say(out, "     " + k + "=" + (k.endsWith("TOKEN") ? KEY : v)));
    Path log = logs.resolve("demo-grpc-service.log");
    try (ServiceProcess service =
        ServiceProcess.builder("grpc-service")
            .java(java)
            .agent(agent)
            .extension(extension)
            .systemProperty("otel.service.name", "orders-grpc")
            .systemProperty("otel.traces.exporter", "none")
            .systemProperty("otel.metrics.exporter", "none")
            .systemProperty("otel.logs.exporter", "none")
            .env(env)
            .jar(grpcApp)
            .arg("--port=0")
            .logFile(log)
            .start(Duration.ofSeconds(120))) {
      Process client =
          new ProcessBuilder(
                  java.toString(),
                  "-cp",
                  grpcApp.toString(),
                  "com.example.opsgenie.grpc.GrpcCall",
                  "127.0.0.1:" + service.port(),
                  "ok",
                  "fail:UNAVAILABLE")
              .redirectErrorStream(true)
              .start();
      String answers = new String(client.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      client.waitFor();
      for (String line : answers.split("\\R")) {
        if (line.startsWith("CALL ")) {
          say(
              out,
              "     shop.Orders/Place "
                  + line.substring(5)
                  + (line.contains("UNAVAILABLE") ? "   gRPC status alert" : "   OK: no alert"));
        }
      }
      standIn.await(a -> "rpc_status".equals(a.type()), 1, Duration.ofSeconds(20));
      Thread.sleep(500);
      List<ReceivedAlert> now = standIn.alerts();
      List<ReceivedAlert> mine = new ArrayList<>(now.subList(before, now.size()));
      print(out, mine, before);
      service.stop(Duration.ofSeconds(20));
      return mine;
    }
  }

  private static ServiceProcess start(
      Path java,
      Path agent,
      Path extension,
      Path app,
      Map<String, String> env,
      Path log,
      String... args)
      throws IOException, InterruptedException {
    ServiceProcess.Builder builder =
        ServiceProcess.builder("shop-service")
            .java(java)
            .agent(agent)
            .extension(extension)
            .systemProperty("otel.service.name", "shop-service")
            .systemProperty("otel.traces.exporter", "none")
            .systemProperty("otel.metrics.exporter", "none")
            .systemProperty("otel.logs.exporter", "none")
            .env(env)
            .jar(app)
            .arg("--server.port=0")
            .arg("--server.address=127.0.0.1")
            .logFile(log);
    for (String arg : args) {
      builder.arg(arg);
    }
    return builder.start(Duration.ofSeconds(120));
  }

  private static void print(PrintStream out, List<ReceivedAlert> alerts, int first) {
    int n = first;
    for (ReceivedAlert alert : alerts) {
      say(out, "");
      say(out, "#" + (++n) + " " + AlertPrinter.format(alert));
    }
  }

  private static int summary(
      PrintStream out, Map<String, Integer> expected, List<ReceivedAlert> alerts, long seconds) {
    Map<String, Integer> got = new TreeMap<>();
    List<String> problems = new ArrayList<>();
    for (ReceivedAlert a : alerts) {
      got.merge(String.valueOf(a.type()), 1, Integer::sum);
      for (String p : a.problems()) {
        problems.add(a.alias() + ": " + p);
      }
    }
    say(out, "== Summary: " + got + " (expected " + expected + "), demo ran " + seconds + " s ==");
    boolean ok = got.equals(expected) && problems.isEmpty();
    if (!problems.isEmpty()) {
      say(out, "Alerts that Opsgenie would not accept as they are:");
      problems.forEach(p -> say(out, "  " + p));
    }
    say(
        out,
        ok
            ? "OK: every alert type arrived, every alert matches the Opsgenie create-alert contract."
            : "FAILED: the alerts above differ from what the demo expects.");
    return ok ? 0 : 1;
  }

  private static String send(String base, Call call) throws InterruptedException {
    boolean post = call.path().startsWith("POST ");
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(base + (post ? call.path().substring(5) : call.path())))
            .timeout(Duration.ofSeconds(10));
    request = post ? request.POST(HttpRequest.BodyPublishers.noBody()) : request.GET();
    call.headers().forEach(request::header);
    try {
      return Integer.toString(
          CLIENT.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode());
    } catch (IOException e) {
      return "(" + e.getClass().getSimpleName() + ")";
    }
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> opts = new LinkedHashMap<>();
    for (String arg : args) {
      if (arg.startsWith("--") && arg.contains("=")) {
        opts.put(
            arg.substring(2, arg.indexOf('=')).toLowerCase(Locale.ROOT),
            arg.substring(arg.indexOf('=') + 1));
      }
    }
    return opts;
  }

  private static Path requiredFile(Map<String, String> opts, String name) {
    String value = opts.get(name);
    if (value == null || !Files.isRegularFile(Path.of(value))) {
      System.err.println("demo: --" + name + "=<file> is missing or not a file: " + value);
      System.exit(2);
    }
    return Path.of(value);
  }

  private static void say(PrintStream out, String line) {
    out.println(line);
  }
}
