package com.example.opsgenie.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A local stand-in for the Opsgenie alert API on 127.0.0.1. It answers {@code POST /v2/alerts} as
 * Opsgenie does (202 and a request id), records every request, and checks each one: the
 * {@code Authorization: GenieKey <key>} header, and the body against {@link AlertContract} when a
 * contract is given. It also accepts OTLP/HTTP exports ({@code /v1/traces}, ...) and counts them,
 * so a service can point its exporter at it too.
 */
public final class OpsgenieStandIn implements AutoCloseable {

  private final HttpServer server;
  private final AlertContract contract;
  private final String expectedKey;
  private final List<ReceivedAlert> alerts = new CopyOnWriteArrayList<>();
  private final List<String> otherRequests = new CopyOnWriteArrayList<>();
  private final AtomicInteger otlpExports = new AtomicInteger();
  private final List<Consumer<ReceivedAlert>> listeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  private OpsgenieStandIn(HttpServer server, AlertContract contract, String expectedKey) {
    this.server = server;
    this.contract = contract;
    this.expectedKey = expectedKey;
  }

  /**
   * Starts the stand-in.
   *
   * @param port 0 for any free port
   * @param contract checks every body against it; null to check only the JSON and the header
   * @param expectedKey the API key a request must carry; null to accept any non-blank key
   */
  public static OpsgenieStandIn start(int port, AlertContract contract, String expectedKey)
      throws IOException {
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    OpsgenieStandIn standIn = new OpsgenieStandIn(server, contract, expectedKey);
    server.createContext("/", standIn::handle);
    server.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "opsgenie-stand-in");
      t.setDaemon(true);
      return t;
    }));
    server.start();
    return standIn;
  }

  /** Starts on a free port, checking bodies against the contract files in {@code specDir}. */
  public static OpsgenieStandIn start(Path specDir, String expectedKey) throws IOException {
    return start(0, AlertContract.load(specDir), expectedKey);
  }

  /** The value for {@code otel.opsgenie.api.base} ({@code OTEL_OPSGENIE_API_BASE}). */
  public String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Called on the stand-in's thread for every alert, after it is recorded. */
  public void onAlert(Consumer<ReceivedAlert> listener) {
    listeners.add(listener);
  }

  /** Every create-alert request so far, in arrival order. */
  public List<ReceivedAlert> alerts() {
    return new ArrayList<>(alerts);
  }

  /** Requests that were neither alerts nor OTLP exports ("METHOD path"). */
  public List<String> otherRequests() {
    return new ArrayList<>(otherRequests);
  }

  /** How many OTLP/HTTP export requests arrived. */
  public int otlpExports() {
    return otlpExports.get();
  }

  /**
   * Waits until at least {@code count} alerts match, and returns the matching ones (possibly fewer
   * when the time ran out).
   */
  public List<ReceivedAlert> await(Predicate<ReceivedAlert> filter, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<ReceivedAlert> matching = new ArrayList<>();
        for (ReceivedAlert a : alerts) {
          if (filter.test(a)) {
            matching.add(a);
          }
        }
        long left = deadline - System.nanoTime();
        if (matching.size() >= count || left <= 0) {
          return matching;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  /** Forgets every recorded request. */
  public void clear() {
    alerts.clear();
    otherRequests.clear();
    otlpExports.set(0);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getPath();
      byte[] bytes;
      try (InputStream in = exchange.getRequestBody()) {
        bytes = in.readAllBytes();
      }
      if (path.startsWith("/v1/") && method.equals("POST")) {
        otlpExports.incrementAndGet();
        respond(exchange, 200, "application/x-protobuf", new byte[0]);
        return;
      }
      if (!(method.equals("POST") && path.equals("/v2/alerts"))) {
        otherRequests.add(method + " " + exchange.getRequestURI());
        respond(exchange, 404, "application/json",
            json(Map.of("message", "Could not find the requested resource", "took", 0.0)));
        return;
      }
      record(exchange, method, path, new String(bytes, StandardCharsets.UTF_8));
    } finally {
      exchange.close();
    }
  }

  private void record(HttpExchange exchange, String method, String path, String raw)
      throws IOException {
    List<String> problems = new ArrayList<>();
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    boolean authorized = true;
    if (auth == null || !auth.startsWith("GenieKey ") || auth.substring(9).isBlank()) {
      problems.add("Authorization header is not \"GenieKey <key>\": " + (auth == null ? "absent" : "malformed"));
      authorized = false;
    } else if (expectedKey != null && !auth.substring(9).equals(expectedKey)) {
      problems.add("Authorization header carries a key other than the expected one");
      authorized = false;
    }
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
      problems.add("Content-Type is not application/json: " + contentType);
    }
    Object body = null;
    try {
      body = Json.parse(raw);
      if (contract != null) {
        problems.addAll(contract.check(body));
      } else if (!(body instanceof Map)) {
        problems.add("the body is not a JSON object");
      }
    } catch (IllegalArgumentException e) {
      problems.add(e.getMessage());
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    ReceivedAlert alert = new ReceivedAlert(Instant.now(), method, path, headers, raw, body, problems);
    String requestId = UUID.randomUUID().toString();
    if (!authorized) {
      respond(exchange, 401, "application/json",
          json(Map.of("message", "Key format is not valid!", "took", 0.001, "requestId", requestId)));
    } else if (body == null) {
      respond(exchange, 400, "application/json",
          json(Map.of("message", "Request body is not processable", "took", 0.001, "requestId", requestId)));
    } else {
      respond(exchange, 202, "application/json",
          json(Map.of("result", "Request will be processed", "took", 0.002, "requestId", requestId)));
    }
    synchronized (lock) {
      alerts.add(alert);
      lock.notifyAll();
    }
    for (Consumer<ReceivedAlert> listener : listeners) {
      try {
        listener.accept(alert);
      } catch (RuntimeException e) {
        // a listener's failure must not fail the request
      }
    }
  }

  private static byte[] json(Map<String, Object> value) {
    return Json.write(new LinkedHashMap<>(value)).getBytes(StandardCharsets.UTF_8);
  }

  private static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
      throws IOException {
    exchange.getResponseHeaders().set("Content-Type", contentType);
    exchange.getResponseHeaders().set("X-Request-ID", UUID.randomUUID().toString());
    exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
    if (body.length > 0) {
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }
}
