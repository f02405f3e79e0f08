package com.example.opsgenie.standin;

import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * The stand-in's answers to a get by alias ({@code GET
 * /v2/alerts/{identifier}?identifierType=alias}, operation {@code getAlert}) and to adding a note
 * ({@code POST /v2/alerts/{identifier}/notes?identifierType=alias}, {@code addNote}), each checked
 * against the contract: the key, the query, the identifier, the note's body.
 */
final class AlertActions {

  private static final String PREFIX = "/v2/alerts/";
  private static final String NOTES = "/notes";

  private AlertActions() {}

  /** A get of one alert, or a note on one: one identifier segment after {@code /v2/alerts/}. */
  static boolean handles(String method, String rawPath) {
    String rest = rawPath.substring(PREFIX.length());
    if (method.equals("GET")) {
      return !rest.isEmpty() && rest.indexOf('/') < 0;
    }
    return method.equals("POST")
        && rest.endsWith(NOTES)
        && rest.length() > NOTES.length()
        && rest.indexOf('/') == rest.length() - NOTES.length();
  }

  /**
   * Answers the request; {@code record} gets it before the answer, so a client that saw the answer
   * finds it.
   */
  static void handle(
      OpsgenieStandIn standIn,
      HttpExchange exchange,
      String method,
      String rawPath,
      byte[] bytes,
      java.util.function.Consumer<ReceivedAction> record)
      throws IOException {
    List<String> problems = new ArrayList<>();
    boolean authorized = standIn.checkAuthorization(exchange, problems);
    boolean get = method.equals("GET");
    String rawIdentifier =
        rawPath.substring(
            PREFIX.length(), get ? rawPath.length() : rawPath.length() - NOTES.length());
    String identifier = OpsgenieStandIn.percentDecode(rawIdentifier, problems);
    String rawQuery = exchange.getRequestURI().getRawQuery();
    String identifierType = identifierType(rawQuery, problems);
    if (!"alias".equals(identifierType)) {
      problems.add(
          "identifierType=" + identifierType + ": the stand-in is addressed by alias only");
    }
    int aliasMax = standIn.contract() != null ? standIn.contract().aliasMaxChars() : 512;
    if (identifier.isBlank() || identifier.codePointCount(0, identifier.length()) > aliasMax) {
      problems.add("the alias is blank or over " + aliasMax + " characters");
    }
    String raw = new String(bytes, StandardCharsets.UTF_8);
    Object body = null;
    if (get) {
      if (!raw.isEmpty()) {
        problems.add("a get has no body");
      }
    } else {
      String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
      if (contentType == null
          || !contentType.toLowerCase(Locale.ROOT).startsWith("application/json")) {
        problems.add("Content-Type is not application/json: " + contentType);
      }
      try {
        body = Json.parse(raw);
        if (standIn.contract() != null) {
          problems.addAll(standIn.contract().checkNote(body));
        } else if (!(body instanceof Map) || !(((Map<?, ?>) body).get("note") instanceof String)) {
          problems.add("the note body is not a JSON object with a note");
        }
      } catch (IllegalArgumentException e) {
        problems.add(e.getMessage());
      }
    }
    Instant now = Instant.now();
    String requestId = UUID.randomUUID().toString();
    int status;
    Map<String, Object> answer = new LinkedHashMap<>();
    if (!authorized) {
      status = 401;
      answer.put("message", "Could not authenticate");
    } else if (get && standIn.readStatus() != 200 && standIn.readBody() != null) {
      ReceivedAction action =
          new ReceivedAction(
              now,
              method,
              rawPath,
              rawQuery,
              identifier,
              identifierType,
              new LinkedHashMap<>(exchange.getRequestHeaders()),
              raw,
              null,
              problems,
              standIn.readStatus());
      record.accept(action);
      OpsgenieStandIn.respond(
          exchange,
          standIn.readStatus(),
          "text/html",
          standIn.readBody().getBytes(StandardCharsets.UTF_8));
      return;
    } else if (get && standIn.readStatus() != 200) {
      status = standIn.readStatus();
      answer.put(
          "message",
          status == 405
              ? "Request method 'GET' not supported"
              : "Could not find the requested resource");
    } else if (!problems.isEmpty() && !get && body == null) {
      status = 400;
      answer.put("message", "Request body is not processable");
    } else if (get) {
      AlertBook.Alert alert =
          "alias".equals(identifierType) ? standIn.book().latest(identifier) : null;
      if (alert == null) {
        status = 404;
        answer.put("message", "Alert does not exist");
      } else {
        status = 200;
        answer.put("data", alert.toData());
      }
    } else {
      Object note = body instanceof Map ? ((Map<?, ?>) body).get("note") : null;
      if (note instanceof String && "alias".equals(identifierType)) {
        standIn.book().noted(identifier, (String) note, now);
      }
      status = 202;
      answer.put("result", "Request will be processed");
    }
    answer.put("took", 0.002);
    answer.put("requestId", requestId);
    ReceivedAction action =
        new ReceivedAction(
            now,
            method,
            rawPath,
            rawQuery,
            identifier,
            identifierType,
            new LinkedHashMap<>(exchange.getRequestHeaders()),
            raw,
            body,
            problems,
            status);
    record.accept(action);
    OpsgenieStandIn.respond(exchange, status, "application/json", OpsgenieStandIn.json(answer));
  }

  private static String identifierType(String rawQuery, List<String> problems) {
    String identifierType = null;
    if (rawQuery != null) {
      for (String pair : rawQuery.split("&")) {
        int eq = pair.indexOf('=');
        String name = eq < 0 ? pair : pair.substring(0, eq);
        if (name.equals("identifierType")) {
          identifierType =
              OpsgenieStandIn.percentDecode(eq < 0 ? "" : pair.substring(eq + 1), problems);
        } else if (!name.isEmpty()) {
          problems.add("unknown query parameter " + name + " (takes identifierType only)");
        }
      }
    }
    if (identifierType == null) {
      problems.add(
          "identifierType is absent: Opsgenie reads the identifier as an alert id, not as an alias");
    }
    return identifierType;
  }
}
