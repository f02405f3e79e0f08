package com.example.opsgenie.standin;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One create-alert request as the stand-in received it, and what was wrong with it. */
public final class ReceivedAlert {

  private final Instant receivedAt;
  private final String method;
  private final String path;
  private final Map<String, List<String>> headers;
  private final String rawBody;
  private final Object body;
  private final List<String> problems;

  ReceivedAlert(
      Instant receivedAt,
      String method,
      String path,
      Map<String, List<String>> headers,
      String rawBody,
      Object body,
      List<String> problems) {
    this.receivedAt = receivedAt;
    this.method = method;
    this.path = path;
    this.headers = headers;
    this.rawBody = rawBody;
    this.body = body;
    this.problems = Collections.unmodifiableList(problems);
  }

  public Instant receivedAt() {
    return receivedAt;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
  }

  /** The first value of a request header, by case-insensitive name; null when absent. */
  public String header(String name) {
    for (Map.Entry<String, List<String>> e : headers.entrySet()) {
      if (e.getKey() != null && e.getKey().equalsIgnoreCase(name) && !e.getValue().isEmpty()) {
        return e.getValue().get(0);
      }
    }
    return null;
  }

  public String rawBody() {
    return rawBody;
  }

  /** The parsed body: a map for a well-formed alert. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> body() {
    return body instanceof Map ? (Map<String, Object>) body : Collections.<String, Object>emptyMap();
  }

  /** Everything Opsgenie would reject or cut in this request (contract, limits, auth); empty when fine. */
  public List<String> problems() {
    return problems;
  }

  public String message() {
    return string("message");
  }

  public String alias() {
    return string("alias");
  }

  public String description() {
    return string("description");
  }

  public String priority() {
    return string("priority");
  }

  public String entity() {
    return string("entity");
  }

  public String source() {
    return string("source");
  }

  @SuppressWarnings("unchecked")
  public List<String> tags() {
    Object tags = body().get("tags");
    return tags instanceof List ? (List<String>) tags : Collections.<String>emptyList();
  }

  @SuppressWarnings("unchecked")
  public List<Map<String, Object>> responders() {
    Object responders = body().get("responders");
    return responders instanceof List
        ? (List<Map<String, Object>>) responders
        : Collections.<Map<String, Object>>emptyList();
  }

  /** The details map, values as strings. */
  public Map<String, String> details() {
    Object details = body().get("details");
    Map<String, String> out = new LinkedHashMap<>();
    if (details instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) details).entrySet()) {
        out.put(String.valueOf(e.getKey()), e.getValue() == null ? null : String.valueOf(e.getValue()));
      }
    }
    return out;
  }

  public String detail(String key) {
    return details().get(key);
  }

  /** The alert type the extension writes in {@code details.alert_type} (status, latency, ...). */
  public String type() {
    return detail("alert_type");
  }

  public String traceId() {
    return detail("trace_id");
  }

  private String string(String field) {
    Object value = body().get(field);
    return value instanceof String ? (String) value : null;
  }

  @Override
  public String toString() {
    return method + " " + path + " " + rawBody + (problems.isEmpty() ? "" : " PROBLEMS " + problems);
  }
}
