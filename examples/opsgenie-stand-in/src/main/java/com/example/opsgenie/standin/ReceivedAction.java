package com.example.opsgenie.standin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A request on one alert other than a close: a get ({@code GET /v2/alerts/{identifier}}) or a note
 * ({@code POST /v2/alerts/{identifier}/notes}), as the stand-in received it and what was wrong with
 * it.
 */
public final class ReceivedAction extends ReceivedRequest {

  private final String method;
  private final String rawPath;
  private final String rawQuery;
  private final String identifier;
  private final String identifierType;
  private final int answeredStatus;

  ReceivedAction(
      Instant receivedAt,
      String method,
      String rawPath,
      String rawQuery,
      String identifier,
      String identifierType,
      Map<String, List<String>> headers,
      String rawBody,
      Object body,
      List<String> problems,
      int answeredStatus) {
    super(receivedAt, headers, rawBody, body, problems);
    this.method = method;
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.identifier = identifier;
    this.identifierType = identifierType;
    this.answeredStatus = answeredStatus;
  }

  public boolean isGet() {
    return "GET".equals(method);
  }

  public boolean isNote() {
    return "POST".equals(method) && rawPath.endsWith("/notes");
  }

  public String rawPath() {
    return rawPath;
  }

  public String rawQuery() {
    return rawQuery;
  }

  /** The alias named, percent-decoded; null when it was not named as an alias. */
  public String alias() {
    return "alias".equals(identifierType) ? identifier : null;
  }

  public String note() {
    return string("note");
  }

  /** The HTTP status the stand-in answered with. */
  public int answeredStatus() {
    return answeredStatus;
  }

  @Override
  public String toString() {
    return method
        + " "
        + rawPath
        + (rawQuery == null ? "" : "?" + rawQuery)
        + " -> "
        + answeredStatus
        + (rawBody().isEmpty() ? "" : " " + rawBody())
        + (problems().isEmpty() ? "" : " PROBLEMS " + problems());
  }
}
