/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.Responder;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A scripted Opsgenie on 127.0.0.1 (the JDK's {@code HttpServer}, any free port): it answers each
 * request with the next scripted {@link Reply} (202 and a request id once the script is used up, or
 * whatever {@link #replyAlways} says), records every request, and can stall, holding requests
 * unanswered until {@link #release()} or {@link #close()}.
 *
 * <p>{@link #violations(JsonNode)} checks a create-alert body against Opsgenie's documented limits
 * (the numbers of
 * examples/opsgenie-stand-in/src/main/resources/opsgenie-api/create-alert-limits.json, as {@link
 * FieldLimits} holds them) and the spec's field names and shapes.
 */
public final class ScriptedOpsgenie implements AutoCloseable {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> CREATE_FIELDS =
      new TreeSet<>(
          Arrays.asList(
              "message",
              "alias",
              "description",
              "responders",
              "visibleTo",
              "actions",
              "tags",
              "details",
              "entity",
              "source",
              "priority",
              "user",
              "note"));
  private static final List<String> PRIORITIES = Arrays.asList("P1", "P2", "P3", "P4", "P5");

  private final HttpServer server;
  private final ExecutorService executor;
  private final ConcurrentLinkedQueue<Reply> script = new ConcurrentLinkedQueue<>();
  private final List<Recorded> requests = new CopyOnWriteArrayList<>();
  private volatile Reply always = Reply.accepted();
  private volatile java.util.function.Function<Recorded, Reply> answer;
  private volatile CountDownLatch stall;

  /** Requests whose path ends with a key are answered with its reply, outside the script. */
  private final Map<String, Reply> byPathEnd = new java.util.concurrent.ConcurrentHashMap<>();

  /** Only requests whose path starts with this are held by {@link #stall}; null: every one. */
  private volatile String stallPrefix;

  private ScriptedOpsgenie(HttpServer server, ExecutorService executor) {
    this.server = server;
    this.executor = executor;
  }

  public static ScriptedOpsgenie start() {
    try {
      HttpServer server =
          HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      ExecutorService executor =
          Executors.newCachedThreadPool(
              r -> {
                Thread t = new Thread(r, "scripted-opsgenie");
                t.setDaemon(true);
                return t;
              });
      ScriptedOpsgenie opsgenie = new ScriptedOpsgenie(server, executor);
      server.createContext("/", opsgenie::handle);
      server.setExecutor(executor);
      server.start();
      return opsgenie;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code http://127.0.0.1:<port>}, the API base. */
  public URI base() {
    return base("");
  }

  /** The API base with a path prefix, e.g. {@code /jsm/ops/integration}. */
  public URI base(String prefix) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + prefix);
  }

  /** Answers the next requests with these replies, in order. */
  public ScriptedOpsgenie then(Reply... replies) {
    script.addAll(Arrays.asList(replies));
    return this;
  }

  /**
   * Answers every request whose raw path ends with {@code suffix} (such as {@code /ping}) with
   * {@code reply}, without taking a reply from the script.
   */
  public ScriptedOpsgenie answerPathsEndingWith(String suffix, Reply reply) {
    byPathEnd.put(suffix, reply);
    return this;
  }

  /** Answers every request the script does not cover with {@code reply}. */
  public ScriptedOpsgenie replyAlways(Reply reply) {
    this.always = reply;
    return this;
  }

  /**
   * Answers every request the script does not cover with what {@code answer} makes of it (takes
   * precedence over {@link #replyAlways}).
   */
  public ScriptedOpsgenie answer(java.util.function.Function<Recorded, Reply> answer) {
    this.answer = answer;
    return this;
  }

  /** Holds every request from now on, unanswered, until {@link #release()}. */
  public ScriptedOpsgenie stall() {
    this.stallPrefix = null;
    this.stall = new CountDownLatch(1);
    return this;
  }

  /**
   * Holds, unanswered until {@link #release()}, only the requests whose path starts with {@code
   * prefix} (such as {@code /v2/alerts}); the others are answered as usual.
   */
  public ScriptedOpsgenie stall(String prefix) {
    this.stallPrefix = prefix;
    this.stall = new CountDownLatch(1);
    return this;
  }

  /** Answers the held requests, and the next ones at once. */
  public void release() {
    CountDownLatch latch = stall;
    stall = null;
    if (latch != null) {
      latch.countDown();
    }
  }

  public List<Recorded> requests() {
    return Collections.unmodifiableList(new ArrayList<>(requests));
  }

  public int count() {
    return requests.size();
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body = readAll(exchange.getRequestBody());
      Map<String, String> headers = new LinkedHashMap<>();
      for (Map.Entry<String, List<String>> h : exchange.getRequestHeaders().entrySet()) {
        headers.put(h.getKey().toLowerCase(Locale.ROOT), String.join(",", h.getValue()));
      }
      URI uri = exchange.getRequestURI();
      Recorded recorded =
          new Recorded(
              exchange.getRequestMethod(),
              uri.getRawPath(),
              uri.getRawQuery(),
              headers,
              new String(body, StandardCharsets.UTF_8));
      requests.add(recorded);
      CountDownLatch latch = stall;
      String prefix = stallPrefix;
      if (latch != null && (prefix == null || uri.getRawPath().startsWith(prefix))) {
        latch.await(60, TimeUnit.SECONDS);
      }
      Reply reply = null;
      for (Map.Entry<String, Reply> e : byPathEnd.entrySet()) {
        if (uri.getRawPath().endsWith(e.getKey())) {
          reply = e.getValue();
        }
      }
      reply = reply != null ? reply : script.poll();
      java.util.function.Function<Recorded, Reply> answering = answer;
      reply = reply != null ? reply : answering != null ? answering.apply(recorded) : always;
      byte[] answer = reply.body.getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      for (Map.Entry<String, String> h : reply.headers.entrySet()) {
        exchange.getResponseHeaders().set(h.getKey(), h.getValue());
      }
      exchange.sendResponseHeaders(reply.status, answer.length == 0 ? -1 : answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      exchange.close();
    }
  }

  private static byte[] readAll(InputStream in) throws IOException {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    byte[] buffer = new byte[8192];
    int n;
    while ((n = in.read(buffer)) != -1) {
      out.write(buffer, 0, n);
    }
    return out.toByteArray();
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }

  /**
   * Every way {@code body} breaks Opsgenie's create-alert contract: unknown fields, a missing or
   * blank message, a field over its documented limit, a responder of the wrong shape, details that
   * are not flat strings or exceed their total, a priority outside P1..P5. Empty when it fits.
   */
  public static List<String> violations(JsonNode body) {
    List<String> out = new ArrayList<>();
    if (body == null || !body.isObject()) {
      out.add("body is not a JSON object");
      return out;
    }
    for (Iterator<String> it = body.fieldNames(); it.hasNext(); ) {
      String field = it.next();
      if (!CREATE_FIELDS.contains(field)) {
        out.add("unknown field " + field);
      }
    }
    JsonNode message = body.get("message");
    if (message == null || !message.isTextual() || message.asText().trim().isEmpty()) {
      out.add("message is required and must not be blank");
    }
    text(body, "message", FieldLimits.MESSAGE, out);
    text(body, "alias", FieldLimits.ALIAS, out);
    text(body, "description", FieldLimits.DESCRIPTION, out);
    text(body, "entity", FieldLimits.ENTITY, out);
    text(body, "source", FieldLimits.SOURCE, out);
    text(body, "user", FieldLimits.USER, out);
    text(body, "note", FieldLimits.NOTE, out);
    texts(body, "tags", FieldLimits.TAGS, FieldLimits.TAG, out);
    texts(body, "actions", 10, 50, out);
    responders(body, "responders", out);
    responders(body, "visibleTo", out);
    JsonNode details = body.get("details");
    if (details != null) {
      if (!details.isObject()) {
        out.add("details must be an object");
      } else {
        int total = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = details.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> e = it.next();
          if (!e.getValue().isTextual()) {
            out.add("details." + e.getKey() + " must be a string (details are flat)");
          }
          total += e.getKey().length() + e.getValue().asText().length();
        }
        if (total > FieldLimits.DETAILS_TOTAL) {
          out.add("details hold " + total + " chars, over " + FieldLimits.DETAILS_TOTAL);
        }
      }
    }
    JsonNode priority = body.get("priority");
    if (priority != null && !PRIORITIES.contains(priority.asText())) {
      out.add("priority " + priority + " is not one of " + PRIORITIES);
    }
    return out;
  }

  private static void text(JsonNode body, String field, int max, List<String> out) {
    JsonNode node = body.get(field);
    if (node == null) {
      return;
    }
    if (!node.isTextual()) {
      out.add(field + " must be a string");
    } else if (node.asText().length() > max) {
      out.add(field + " has " + node.asText().length() + " chars, over " + max);
    }
  }

  private static void texts(
      JsonNode body, String field, int maxItems, int maxChars, List<String> out) {
    JsonNode node = body.get(field);
    if (node == null) {
      return;
    }
    if (!node.isArray()) {
      out.add(field + " must be an array");
      return;
    }
    if (node.size() > maxItems) {
      out.add(field + " has " + node.size() + " items, over " + maxItems);
    }
    for (JsonNode item : node) {
      if (!item.isTextual() || item.asText().length() > maxChars) {
        out.add(field + " item " + item + " is not a string of at most " + maxChars + " chars");
      }
    }
  }

  private static void responders(JsonNode body, String field, List<String> out) {
    JsonNode node = body.get(field);
    if (node == null) {
      return;
    }
    if (!node.isArray() || node.size() > FieldLimits.RESPONDERS) {
      out.add(field + " must be an array of at most " + FieldLimits.RESPONDERS);
      return;
    }
    for (JsonNode r : node) {
      String type = r.path("type").asText();
      List<String> keys = new ArrayList<>();
      r.fieldNames().forEachRemaining(keys::add);
      keys.remove("type");
      boolean known = Responder.TYPES.contains(type);
      boolean oneKey =
          keys.size() == 1
              && (keys.get(0).equals("id")
                  || keys.get(0).equals("name")
                  || (keys.get(0).equals("username") && type.equals("user")));
      if (!known || !oneKey) {
        out.add(field + " item " + r + " is not {type, id|name|username(user)}");
      }
    }
  }

  /** One scripted answer. */
  public static final class Reply {
    final int status;
    final String body;
    final Map<String, String> headers = new LinkedHashMap<>();

    private Reply(int status, String body) {
      this.status = status;
      this.body = body;
    }

    /** 202 with Opsgenie's documented body. */
    public static Reply accepted() {
      return new Reply(
              202,
              "{\"result\":\"Request will be processed\",\"took\":0.302,"
                  + "\"requestId\":\"43a29c5c-3dbf-4fa4-9c26-f4f71023e120\"}")
          .header("X-Request-ID", "43a29c5c-3dbf-4fa4-9c26-f4f71023e120")
          .header("X-RateLimit-State", "OK");
    }

    public static Reply status(int status, String body) {
      return new Reply(status, body);
    }

    public Reply header(String name, String value) {
      headers.put(name, value);
      return this;
    }
  }

  /** One request as it arrived. */
  public static final class Recorded {
    public final String method;

    /** The raw (still percent-encoded) path. */
    public final String path;

    public final String query;

    /** By lower-case name. */
    public final Map<String, String> headers;

    public final String body;

    Recorded(String method, String path, String query, Map<String, String> headers, String body) {
      this.method = method;
      this.path = path;
      this.query = query;
      this.headers = Collections.unmodifiableMap(headers);
      this.body = body;
    }

    public String header(String name) {
      return headers.get(name.toLowerCase(Locale.ROOT));
    }

    public JsonNode json() {
      try {
        return JSON.readTree(body);
      } catch (IOException e) {
        throw new UncheckedIOException("not JSON: " + body, e);
      }
    }

    @Override
    public String toString() {
      return method + " " + path + (query == null ? "" : "?" + query) + " " + body;
    }
  }
}
