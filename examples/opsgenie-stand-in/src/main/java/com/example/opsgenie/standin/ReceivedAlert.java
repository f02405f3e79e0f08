package com.example.opsgenie.standin;

import java.time.Instant;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** One create-alert request as the stand-in received it, and what was wrong with it. */
public final class ReceivedAlert extends ReceivedRequest {

  private final String method;
  private final String path;

  ReceivedAlert(
      Instant receivedAt,
      String method,
      String path,
      Map<String, List<String>> headers,
      String rawBody,
      Object body,
      List<String> problems) {
    super(receivedAt, headers, rawBody, body, problems);
    this.method = method;
    this.path = path;
  }

  public String method() {
    return method;
  }

  public String path() {
    return path;
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
        out.put(
            String.valueOf(e.getKey()), e.getValue() == null ? null : String.valueOf(e.getValue()));
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

  @Override
  public String toString() {
    return method
        + " "
        + path
        + " "
        + rawBody()
        + (problems().isEmpty() ? "" : " PROBLEMS " + problems());
  }
}
