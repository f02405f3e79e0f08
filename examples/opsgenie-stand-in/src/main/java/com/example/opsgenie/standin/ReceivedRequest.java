package com.example.opsgenie.standin;

import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * What every request the stand-in received has: when, headers, body, and what was wrong with it.
 */
public abstract class ReceivedRequest {

  private final Instant receivedAt;
  private final Map<String, List<String>> headers;
  private final String rawBody;
  private final Object body;
  private final List<String> problems;

  ReceivedRequest(
      Instant receivedAt,
      Map<String, List<String>> headers,
      String rawBody,
      Object body,
      List<String> problems) {
    this.receivedAt = receivedAt;
    this.headers = headers;
    this.rawBody = rawBody;
    this.body = body;
    this.problems = Collections.unmodifiableList(problems);
  }

  public Instant receivedAt() {
    return receivedAt;
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

  /** The parsed body: a map for a well-formed request (empty when there was no body). */
  @SuppressWarnings("unchecked")
  public Map<String, Object> body() {
    return body instanceof Map
        ? (Map<String, Object>) body
        : Collections.<String, Object>emptyMap();
  }

  /**
   * Everything Opsgenie would reject or cut in this request (contract, limits, auth); empty when
   * fine.
   */
  public List<String> problems() {
    return problems;
  }

  /** A string field of the body; null when absent or not a string. */
  String string(String field) {
    Object value = body().get(field);
    return value instanceof String ? (String) value : null;
  }
}
