package com.example.opsgenie.standin;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
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
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;

/**
 * A local stand-in for the Opsgenie alert API on 127.0.0.1. It answers {@code POST /v2/alerts}
 * (create) and {@code POST /v2/alerts/{identifier}/close?identifierType=alias} (close by alias) as
 * Opsgenie does (202 and a request id), records every request, and checks each one: the {@code
 * Authorization: GenieKey <key>} header, and the body against {@link AlertContract} when a contract
 * is given; for a close also the percent-encoded alias in the path and the {@code identifierType}
 * query parameter. Heartbeats (pings, reads, creates) are answered by the {@link HeartbeatBook}. A
 * key check, {@code GET /v2/alerts/requests/{id}}, is answered 404 (no such request) with a valid
 * key and 401 with another, as Opsgenie does. It also accepts OTLP/HTTP exports ({@code
 * /v1/traces}, ...) and counts them, so a service can point its exporter at it too.
 *
 * <p>Plain HTTP by default; over HTTPS, as Opsgenie is served, with a {@link StandInCertificate}
 * ({@link #startHttps}). Either way it answers without waiting for the client's acknowledgement
 * (TCP_NODELAY, see {@link #answerWithoutDelay()}).
 */
public final class OpsgenieStandIn implements AutoCloseable {

  private final HttpServer server;
  private final AlertContract contract;
  private final String expectedKey;
  private final List<ReceivedAlert> alerts = new CopyOnWriteArrayList<>();
  private final List<ReceivedClose> closes = new CopyOnWriteArrayList<>();
  private final List<String> otherRequests = new CopyOnWriteArrayList<>();
  private final List<ReceivedStatusCheck> statusChecks = new CopyOnWriteArrayList<>();
  private final AtomicInteger otlpExports = new AtomicInteger();
  private final List<Consumer<ReceivedAlert>> listeners = new CopyOnWriteArrayList<>();
  private final List<Consumer<ReceivedClose>> closeListeners = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();
  private final AlertBook book = new AlertBook();
  private final HeartbeatBook heartbeats = new HeartbeatBook();
  private final List<ReceivedAction> actions = new CopyOnWriteArrayList<>();
  private volatile int readStatus = 200;
  private volatile String readBody;
  private volatile String pathPrefix = "";

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
    return start(port, contract, expectedKey, null);
  }

  /**
   * Starts the stand-in, over HTTPS when {@code tls} is given.
   *
   * @param port 0 for any free port
   * @param contract checks every body against it; null to check only the JSON and the header
   * @param expectedKey the API key a request must carry; null to accept any non-blank key
   * @param tls the server's TLS context (for instance {@link StandInCertificate#serverContext()});
   *     null for plain HTTP
   */
  public static OpsgenieStandIn start(
      int port, AlertContract contract, String expectedKey, SSLContext tls) throws IOException {
    answerWithoutDelay();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
    HttpServer server;
    if (tls == null) {
      server = HttpServer.create(address, 0);
    } else {
      HttpsServer https = HttpsServer.create(address, 0);
      https.setHttpsConfigurator(new HttpsConfigurator(tls));
      server = https;
    }
    OpsgenieStandIn standIn = new OpsgenieStandIn(server, contract, expectedKey);
    server.createContext("/", standIn::handle);
    server.setExecutor(
        Executors.newFixedThreadPool(
            4,
            r -> {
              Thread t = new Thread(r, "opsgenie-stand-in");
              t.setDaemon(true);
              return t;
            }));
    server.start();
    return standIn;
  }

  /**
   * Starts on a free port, checking bodies against the Opsgenie API contract the stand-in carries
   * ({@link AlertContract#load()}).
   */
  public static OpsgenieStandIn start(String expectedKey) throws IOException {
    return start(0, AlertContract.load(), expectedKey);
  }

  /**
   * Starts over HTTPS on a free port with {@code certificate}, checking bodies against the Opsgenie
   * API contract the stand-in carries. A client trusts it through {@link
   * StandInCertificate#trustStoreProperties()}.
   */
  public static OpsgenieStandIn startHttps(String expectedKey, StandInCertificate certificate)
      throws IOException {
    OpsgenieStandIn standIn =
        start(0, AlertContract.load(), expectedKey, certificate.serverContext());
    standIn.warmUpTls(certificate.clientContext());
    return standIn;
  }

  /** TLS handshakes the stand-in serves at start, before any client's. */
  static final int TLS_WARM_UP_HANDSHAKES = 40;

  /**
   * A production API's TLS front end is warm; a fresh JVM's first server handshakes (its key share,
   * the RSA signature over the handshake) run in the interpreter and take tens of milliseconds,
   * which a client's first request would wait for and count as its own. So the stand-in serves some
   * handshakes to itself first; they make no request, so nothing is recorded.
   */
  private void warmUpTls(SSLContext client) {
    for (int i = 0; i < TLS_WARM_UP_HANDSHAKES; i++) {
      try (SSLSocket socket =
          (SSLSocket)
              client.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port())) {
        socket.setSoTimeout(5_000);
        socket.startHandshake();
      } catch (IOException e) {
        return; // only a warm-up: the first client pays instead
      }
    }
  }

  private static final String NO_DELAY = "sun.net.httpserver.nodelay";

  /**
   * The JDK's HttpServer writes an answer's headers and its body as two writes; without TCP_NODELAY
   * (its default) the kernel holds the body until the client has acknowledged the headers, and a
   * client that reads the whole answer before it sends again (as HttpURLConnection does, to reuse
   * the connection) delays that acknowledgement by up to 40 ms on Linux. The stand-in should not
   * add a wait of its own to every other request, so it asks for TCP_NODELAY. The JDK reads {@code
   * sun.net.httpserver.nodelay} once per JVM, when its first HttpServer starts: a value set
   * otherwise is kept, and an HttpServer started earlier in the same JVM decides for all.
   */
  private static void answerWithoutDelay() {
    if (System.getProperty(NO_DELAY) == null) {
      System.setProperty(NO_DELAY, "true");
    }
  }

  /** The value for {@code otel.opsgenie.api.base} ({@code OTEL_OPSGENIE_API_BASE}). */
  public String baseUrl() {
    return (server instanceof HttpsServer ? "https" : "http")
        + "://127.0.0.1:"
        + server.getAddress().getPort();
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** Called on the stand-in's thread for every alert, after it is recorded. */
  public void onAlert(Consumer<ReceivedAlert> listener) {
    listeners.add(listener);
  }

  /** Called on the stand-in's thread for every close request, after it is recorded. */
  public void onClose(Consumer<ReceivedClose> listener) {
    closeListeners.add(listener);
  }

  /** Every close-alert request so far, in arrival order. */
  public List<ReceivedClose> closes() {
    return new ArrayList<>(closes);
  }

  /** Every create-alert request so far, in arrival order. */
  public List<ReceivedAlert> alerts() {
    return new ArrayList<>(alerts);
  }

  /**
   * Every {@code GET /v2/alerts/requests/{id}} so far (the extension's key check), in arrival
   * order. The stand-in knows no request id: 404 with a valid key, 401 with another.
   */
  public List<ReceivedStatusCheck> statusChecks() {
    return new ArrayList<>(statusChecks);
  }

  /** Requests that were neither alerts, closes, status checks nor OTLP exports ("METHOD path"). */
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

  /**
   * Waits until at least {@code count} close requests match, and returns the matching ones
   * (possibly fewer when the time ran out).
   */
  public List<ReceivedClose> awaitCloses(
      Predicate<ReceivedClose> filter, int count, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<ReceivedClose> matching = new ArrayList<>();
        for (ReceivedClose c : closes) {
          if (filter.test(c)) {
            matching.add(c);
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

  /**
   * The alerts as Opsgenie would hold them after the requests so far: open or closed, counted,
   * {@code lastOccurredAt}, notes.
   */
  public AlertBook book() {
    return book;
  }

  /**
   * The heartbeats as Opsgenie would hold them (created ones are readable), and every ping with its
   * time and whether it carried the key.
   */
  public HeartbeatBook heartbeats() {
    return heartbeats;
  }

  /** Every get-alert and add-note request so far, in arrival order. */
  public List<ReceivedAction> actions() {
    return new ArrayList<>(actions);
  }

  /**
   * Answers every get-alert request with {@code status} (404 or 405: an integration API without
   * reads) instead of the alert; 200 restores reads.
   */
  public void answerReadsWith(int status) {
    this.readStatus = status;
  }

  /**
   * Answers every get-alert request with {@code status} and {@code body} as they are (not
   * Opsgenie's JSON: a gateway's or a proxy's answer), as an API without reads may.
   */
  public void answerReadsWith(int status, String body) {
    this.readBody = body;
    this.readStatus = status;
  }

  /**
   * Serves the alert API under {@code prefix} only, as Jira Service Management Operations does
   * under {@code /jsm/ops/integration}: {@code {prefix}/v2/alerts...}; a request outside it is one
   * of the {@link #otherRequests()}.
   */
  public void servePrefix(String prefix) {
    this.pathPrefix = prefix;
  }

  /**
   * Acts as a JSM Operations base: under {@link #JSM_PREFIX}, reads answered by a gateway's 404.
   */
  public void actAsJsm() {
    servePrefix(JSM_PREFIX);
    answerReadsWith(
        404, "<html><head><title>404 Not Found</title></head><body>Not Found</body></html>");
  }

  /** The path of Jira Service Management Operations' integration API. */
  public static final String JSM_PREFIX = "/jsm/ops/integration";

  /** Forgets every recorded request, and every alert. */
  public void clear() {
    book.clear();
    heartbeats.clear();
    actions.clear();
    alerts.clear();
    closes.clear();
    otherRequests.clear();
    statusChecks.clear();
    otlpExports.set(0);
  }

  @Override
  public void close() {
    server.stop(0);
    ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
  }

  private void handle(HttpExchange exchange) throws IOException {
    // when the request arrived, before the stand-in's own parsing and contract checks
    Instant arrived = Instant.now();
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
      String rawPath = exchange.getRequestURI().getRawPath();
      String prefix = pathPrefix;
      if (!prefix.isEmpty()) {
        if (!rawPath.startsWith(prefix + "/")) {
          otherRequests.add(method + " " + exchange.getRequestURI());
          respond(
              exchange,
              404,
              "text/html",
              "<html>Not Found</html>".getBytes(StandardCharsets.UTF_8));
          return;
        }
        rawPath = rawPath.substring(prefix.length());
        path = path.substring(prefix.length());
      }
      if (HeartbeatBook.handles(rawPath)) {
        heartbeats.handle(this, exchange, method, rawPath, bytes);
        return;
      }
      if (method.equals("POST")
          && rawPath.startsWith(CLOSE_PREFIX)
          && rawPath.endsWith(CLOSE_SUFFIX)
          && rawPath.length() > CLOSE_PREFIX.length() + CLOSE_SUFFIX.length()
          && rawPath.indexOf('/', CLOSE_PREFIX.length())
              == rawPath.length() - CLOSE_SUFFIX.length()) {
        recordClose(exchange, arrived, rawPath, new String(bytes, StandardCharsets.UTF_8));
        return;
      }
      if (method.equals("GET") && rawPath.startsWith(REQUESTS_PREFIX)) {
        recordStatusCheck(exchange, method, rawPath, new String(bytes, StandardCharsets.UTF_8));
        return;
      }
      if (rawPath.startsWith(CLOSE_PREFIX) && AlertActions.handles(method, rawPath)) {
        AlertActions.handle(
            this,
            exchange,
            method,
            rawPath,
            bytes,
            action -> {
              synchronized (lock) {
                actions.add(action);
                lock.notifyAll();
              }
            });
        return;
      }
      if (!(method.equals("POST") && path.equals("/v2/alerts"))) {
        otherRequests.add(method + " " + exchange.getRequestURI());
        respond(
            exchange,
            404,
            "application/json",
            json(Map.of("message", "Could not find the requested resource", "took", 0.0)));
        return;
      }
      record(exchange, arrived, method, path, new String(bytes, StandardCharsets.UTF_8));
    } finally {
      exchange.close();
    }
  }

  private void record(
      HttpExchange exchange, Instant arrived, String method, String path, String raw)
      throws IOException {
    List<String> problems = new ArrayList<>();
    boolean authorized = checkAuthorization(exchange, problems);
    String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
    if (contentType == null
        || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
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
    ReceivedAlert alert = new ReceivedAlert(arrived, method, path, headers, raw, body, problems);
    if (authorized && body instanceof Map) {
      Object message = ((Map<?, ?>) body).get("message");
      book.created(
          alert.alias(), message instanceof String ? (String) message : null, alert.receivedAt());
    }
    // recorded before the answer: a client that saw it accepted finds it here
    synchronized (lock) {
      alerts.add(alert);
      lock.notifyAll();
    }
    answerWrite(exchange, authorized, body != null);
    for (Consumer<ReceivedAlert> listener : listeners) {
      try {
        listener.accept(alert);
      } catch (RuntimeException e) {
        // a listener's failure must not fail the request
      }
    }
  }

  private static final String REQUESTS_PREFIX = "/v2/alerts/requests/";

  private void recordStatusCheck(HttpExchange exchange, String method, String rawPath, String raw)
      throws IOException {
    List<String> problems = new ArrayList<>();
    boolean authorized = checkAuthorization(exchange, problems);
    String requestId = percentDecode(rawPath.substring(REQUESTS_PREFIX.length()), problems);
    if (contract != null) {
      problems.addAll(contract.checkRequestStatus(method, requestId, raw));
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    ReceivedStatusCheck check =
        new ReceivedStatusCheck(Instant.now(), requestId, headers, raw, problems);
    synchronized (lock) {
      statusChecks.add(check);
      lock.notifyAll();
    }
    if (!authorized) {
      answer(exchange, 401, "message", "Key format is not valid!", 0.001);
    } else {
      answer(exchange, 404, "message", "Request not found. It might not be processed, yet.", 0.001);
    }
  }

  private static final String CLOSE_PREFIX = "/v2/alerts/";
  private static final String CLOSE_SUFFIX = "/close";
  private static final List<String> IDENTIFIER_TYPES = List.of("id", "alias", "tiny");

  private void recordClose(HttpExchange exchange, Instant arrived, String rawPath, String raw)
      throws IOException {
    List<String> problems = new ArrayList<>();
    boolean authorized = checkAuthorization(exchange, problems);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String rawIdentifier =
        rawPath.substring(CLOSE_PREFIX.length(), rawPath.length() - CLOSE_SUFFIX.length());
    String identifier = percentDecode(rawIdentifier, problems);
    String identifierType = null;
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (name.equals("identifierType")) {
          identifierType = percentDecode(eq < 0 ? "" : pair.substring(eq + 1), problems);
        } else if (!name.isEmpty()) {
          problems.add("unknown query parameter " + name + " (close takes identifierType only)");
        }
      }
    }
    List<String> types = contract != null ? contract.identifierTypes() : IDENTIFIER_TYPES;
    if (identifierType == null) {
      problems.add(
          "identifierType is absent: Opsgenie reads the identifier as an alert id, not as an alias");
    } else if (!types.contains(identifierType)) {
      problems.add("identifierType=" + identifierType + " is not one of " + types);
    } else if (!identifierType.equals("alias")) {
      problems.add(
          "identifierType="
              + identifierType
              + ": the stand-in hands out no alert ids, close by alias");
    }
    int aliasMax = contract != null ? contract.aliasMaxChars() : 512;
    if (identifier.isBlank()) {
      problems.add("the identifier is blank");
    } else if (identifier.codePointCount(0, identifier.length()) > aliasMax) {
      problems.add(
          "the alias has "
              + identifier.codePointCount(0, identifier.length())
              + " characters, over the limit of "
              + aliasMax);
    }
    Object body = Map.of();
    boolean parsed = true;
    if (!raw.isEmpty()) {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null
          || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        problems.add("Content-Type is not application/json: " + contentType);
      }
      try {
        body = Json.parse(raw);
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
        parsed = false;
      }
    }
    if (parsed) {
      if (contract != null) {
        problems.addAll(contract.checkClose(body));
      } else if (!(body instanceof Map)) {
        problems.add("the close body is not a JSON object");
      }
    }
    boolean created = false;
    for (ReceivedAlert a : alerts) {
      if (identifier.equals(a.alias())) {
        created = true;
        break;
      }
    }
    Map<String, List<String>> headers = new LinkedHashMap<>(exchange.getRequestHeaders());
    ReceivedClose close =
        new ReceivedClose(
            arrived,
            rawPath,
            rawQuery,
            rawIdentifier,
            identifier,
            identifierType,
            headers,
            raw,
            parsed ? body : null,
            created,
            problems);
    if (authorized && parsed && "alias".equals(identifierType)) {
      book.closed(identifier, close.receivedAt());
    }
    // recorded before the answer: a client that saw it accepted finds it here
    synchronized (lock) {
      closes.add(close);
      lock.notifyAll();
    }
    answerWrite(exchange, authorized, parsed);
    for (Consumer<ReceivedClose> listener : closeListeners) {
      try {
        listener.accept(close);
      } catch (RuntimeException e) {
        // a listener's failure must not fail the request
      }
    }
  }

  /**
   * Decodes one percent-encoded URI component (UTF-8; a '+' stays a plus sign), noting characters
   * that a path segment must not carry unencoded and malformed escapes.
   */
  static String percentDecode(String raw, List<String> problems) {
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c == '%') {
        int hi = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 1), 16) : -1;
        int lo = i + 2 < raw.length() ? Character.digit(raw.charAt(i + 2), 16) : -1;
        if (hi < 0 || lo < 0) {
          problems.add("malformed percent-encoding at " + i + " in " + raw);
          bytes.write('%');
          continue;
        }
        bytes.write(hi * 16 + lo);
        i += 2;
      } else {
        if (!(Character.isLetterOrDigit(c) && c < 128) && "-._~!$&'()*+,;=:@".indexOf(c) < 0) {
          problems.add("character '" + c + "' is not percent-encoded in " + raw);
        }
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        bytes.write(b, 0, b.length);
      }
    }
    return new String(bytes.toByteArray(), StandardCharsets.UTF_8);
  }

  /** The {@code Authorization: GenieKey <key>} header; false (and a problem) when it is wrong. */
  boolean checkAuthorization(HttpExchange exchange, List<String> problems) {
    String auth = exchange.getRequestHeaders().getFirst("Authorization");
    if (auth == null || !auth.startsWith("GenieKey ") || auth.substring(9).isBlank()) {
      problems.add(
          "Authorization header is not \"GenieKey <key>\": "
              + (auth == null ? "absent" : "malformed"));
      return false;
    }
    if (expectedKey != null && !auth.substring(9).equals(expectedKey)) {
      problems.add("Authorization header carries a key other than the expected one");
      return false;
    }
    return true;
  }

  int readStatus() {
    return readStatus;
  }

  /** The body a get-alert request is answered with as it is; null for Opsgenie's JSON. */
  String readBody() {
    return readBody;
  }

  AlertContract contract() {
    return contract;
  }

  /**
   * Opsgenie's answer to a create or a close: 401 without the expected key, 400 for a body it
   * cannot process, else 202 (processed later).
   */
  private static void answerWrite(HttpExchange exchange, boolean authorized, boolean processable)
      throws IOException {
    if (!authorized) {
      answer(exchange, 401, "message", "Key format is not valid!", 0.001);
    } else if (!processable) {
      answer(exchange, 400, "message", "Request body is not processable", 0.001);
    } else {
      answer(exchange, 202, "result", "Request will be processed", 0.002);
    }
  }

  /** One JSON answer as Opsgenie words it: {@code field}, {@code took} and a fresh requestId. */
  private static void answer(
      HttpExchange exchange, int status, String field, String text, double took)
      throws IOException {
    respond(
        exchange,
        status,
        "application/json",
        json(Map.of(field, text, "took", took, "requestId", UUID.randomUUID().toString())));
  }

  static byte[] json(Map<String, ?> value) {
    return Json.write(new LinkedHashMap<>(value)).getBytes(StandardCharsets.UTF_8);
  }

  static void respond(HttpExchange exchange, int status, String contentType, byte[] body)
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
