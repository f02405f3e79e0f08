package com.example.opsgenie.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The stand-in's heartbeats, as Opsgenie's heartbeat API answers them: a ping ({@code
 * /v2/heartbeats/{name}/ping}, GET, POST, PUT or PATCH) is 202 "PONG - Heartbeat received" whether
 * the heartbeat exists or not (Opsgenie processes it later); a read ({@code GET
 * /v2/heartbeats/{name}}) is 200 with the heartbeat, or 404; a create ({@code POST /v2/heartbeats},
 * name, interval, intervalUnit and enabled required) is 201, and the heartbeat is readable from
 * then on. Every ping is recorded with its time and whether it carried the key.
 */
public final class HeartbeatBook {

  private static final String PREFIX = "/v2/heartbeats";
  private static final Set<String> PING_METHODS = Set.of("GET", "POST", "PUT", "PATCH");
  private static final Set<String> UNITS = Set.of("minutes", "hours", "days");

  /**
   * One ping as it arrived: the heartbeat's name, when, the key it carried ({@code GenieKey <key>};
   * null without one) and whether that is the stand-in's key.
   */
  public record Ping(
      String name, Instant at, String key, boolean authorized, List<String> problems) {}

  /** One heartbeat as Opsgenie would hold it. */
  public record Heartbeat(
      String name,
      long interval,
      String intervalUnit,
      boolean enabled,
      String alertMessage,
      String alertPriority) {}

  private final Map<String, Heartbeat> heartbeats = new ConcurrentHashMap<>();
  private final List<Ping> pings = new CopyOnWriteArrayList<>();
  private final List<Heartbeat> created = new CopyOnWriteArrayList<>();
  private final Object lock = new Object();

  HeartbeatBook() {}

  /** Defines a heartbeat, as if made in Opsgenie's settings. */
  public void define(String name, long intervalMinutes, boolean enabled) {
    heartbeats.put(name, new Heartbeat(name, intervalMinutes, "minutes", enabled, null, null));
  }

  /** The heartbeat named so, or null. */
  public Heartbeat get(String name) {
    return heartbeats.get(name);
  }

  /** Heartbeats made through {@code POST /v2/heartbeats}, in order. */
  public List<Heartbeat> created() {
    return new ArrayList<>(created);
  }

  /** Every ping so far, in arrival order. */
  public List<Ping> pings() {
    return new ArrayList<>(pings);
  }

  /** The pings of one heartbeat, in arrival order. */
  public List<Ping> pings(String name) {
    List<Ping> mine = new ArrayList<>();
    for (Ping p : pings) {
      if (p.name().equals(name)) {
        mine.add(p);
      }
    }
    return mine;
  }

  /** Waits until {@code name} has at least {@code count} pings; returns them (maybe fewer). */
  public List<Ping> awaitPings(String name, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    synchronized (lock) {
      while (true) {
        List<Ping> mine = pings(name);
        long left = deadline - System.nanoTime();
        if (mine.size() >= count || left <= 0) {
          return mine;
        }
        lock.wait(Math.max(1, left / 1_000_000));
      }
    }
  }

  void clear() {
    heartbeats.clear();
    pings.clear();
    created.clear();
  }

  static boolean handles(String rawPath) {
    return rawPath.equals(PREFIX) || rawPath.startsWith(PREFIX + "/");
  }

  void handle(
      OpsgenieStandIn standIn, HttpExchange exchange, String method, String rawPath, byte[] bytes)
      throws IOException {
    List<String> problems = new ArrayList<>();
    boolean authorized = standIn.checkAuthorization(exchange, problems);
    String rest = rawPath.substring(PREFIX.length());
    if (rest.isEmpty() && method.equals("POST")) {
      create(exchange, authorized, new String(bytes, StandardCharsets.UTF_8));
      return;
    }
    String[] parts = rest.substring(Math.min(1, rest.length())).split("/", -1);
    String name = parts[0].isEmpty() ? null : OpsgenieStandIn.percentDecode(parts[0], problems);
    if (name != null && parts.length == 2 && parts[1].equals("ping")) {
      if (!PING_METHODS.contains(method)) {
        answer(exchange, 405, "message", "Method not allowed", 0.001);
        return;
      }
      String auth = exchange.getRequestHeaders().getFirst("Authorization");
      String key = auth != null && auth.startsWith("GenieKey ") ? auth.substring(9) : null;
      Ping ping = new Ping(name, Instant.now(), key, authorized, List.copyOf(problems));
      synchronized (lock) {
        pings.add(ping);
        lock.notifyAll();
      }
      if (!authorized) {
        answer(exchange, 401, "message", "Key format is not valid!", 0.001);
      } else {
        answer(exchange, 202, "result", "PONG - Heartbeat received", 0.006);
      }
      return;
    }
    if (name != null && parts.length == 1 && method.equals("GET")) {
      if (!authorized) {
        answer(exchange, 401, "message", "Key format is not valid!", 0.001);
        return;
      }
      Heartbeat heartbeat = heartbeats.get(name);
      if (heartbeat == null) {
        answer(
            exchange, 404, "message", "Heartbeat with name [" + name + "] does not exist", 0.002);
        return;
      }
      Map<String, Object> data = new LinkedHashMap<>();
      data.put("name", heartbeat.name());
      data.put("description", "");
      data.put("interval", heartbeat.interval());
      data.put("enabled", heartbeat.enabled());
      data.put("intervalUnit", heartbeat.intervalUnit());
      data.put("expired", false);
      if (heartbeat.alertMessage() != null) {
        data.put("alertMessage", heartbeat.alertMessage());
      }
      data.put(
          "alertPriority", heartbeat.alertPriority() != null ? heartbeat.alertPriority() : "P3");
      answerData(exchange, 200, data);
      return;
    }
    answer(exchange, 404, "message", "Could not find the requested resource", 0.0);
  }

  private void create(HttpExchange exchange, boolean authorized, String raw) throws IOException {
    if (!authorized) {
      answer(exchange, 401, "message", "Key format is not valid!", 0.001);
      return;
    }
    Object body;
    try {
      body = Json.parse(raw);
    } catch (IllegalArgumentException e) {
      answer(exchange, 400, "message", "Request body is not processable", 0.001);
      return;
    }
    Map<?, ?> map = body instanceof Map ? (Map<?, ?>) body : Map.of();
    Object name = map.get("name");
    Object interval = map.get("interval");
    Object unit = map.get("intervalUnit");
    Object enabled = map.get("enabled");
    if (!(name instanceof String)
        || ((String) name).isBlank()
        || !(interval instanceof Number)
        || ((Number) interval).longValue() < 1
        || !(unit instanceof String)
        || !UNITS.contains(unit)
        || !(enabled instanceof Boolean)) {
      answer(
          exchange,
          422,
          "message",
          "name, interval (at least 1), intervalUnit (minutes, hours or days) and enabled are"
              + " required",
          0.001);
      return;
    }
    if (heartbeats.containsKey(name)) {
      answer(exchange, 409, "message", "Heartbeat with name [" + name + "] already exists", 0.001);
      return;
    }
    Object message = map.get("alertMessage");
    Object priority = map.get("alertPriority");
    Heartbeat heartbeat =
        new Heartbeat(
            (String) name,
            ((Number) interval).longValue(),
            (String) unit,
            (Boolean) enabled,
            message instanceof String ? (String) message : null,
            priority instanceof String ? (String) priority : null);
    heartbeats.put(heartbeat.name(), heartbeat);
    created.add(heartbeat);
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("name", heartbeat.name());
    data.put("enabled", heartbeat.enabled());
    data.put("expired", false);
    answerData(exchange, 201, data);
  }

  private static void answer(
      HttpExchange exchange, int status, String field, String text, double took)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(field, text);
    body.put("took", took);
    body.put("requestId", UUID.randomUUID().toString());
    OpsgenieStandIn.respond(exchange, status, "application/json", OpsgenieStandIn.json(body));
  }

  private static void answerData(HttpExchange exchange, int status, Map<String, Object> data)
      throws IOException {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("data", data);
    body.put("took", 0.004);
    body.put("requestId", UUID.randomUUID().toString());
    OpsgenieStandIn.respond(exchange, status, "application/json", OpsgenieStandIn.json(body));
  }
}
