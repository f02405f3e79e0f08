package com.example.opsgenie.standin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One close-alert request ({@code POST /v2/alerts/{identifier}/close?identifierType=alias}) as the
 * stand-in received it, and what was wrong with it.
 */
public final class ReceivedClose extends ReceivedRequest {

  private final String rawPath;
  private final String rawQuery;
  private final String rawIdentifier;
  private final String identifier;
  private final String identifierType;
  private final boolean created;

  ReceivedClose(
      Instant receivedAt,
      String rawPath,
      String rawQuery,
      String rawIdentifier,
      String identifier,
      String identifierType,
      Map<String, List<String>> headers,
      String rawBody,
      Object body,
      boolean created,
      List<String> problems) {
    super(receivedAt, headers, rawBody, body, problems);
    this.rawPath = rawPath;
    this.rawQuery = rawQuery;
    this.rawIdentifier = rawIdentifier;
    this.identifier = identifier;
    this.identifierType = identifierType;
    this.created = created;
  }

  /**
   * The request path as sent, percent-encoding intact: {@code /v2/alerts/<encoded alias>/close}.
   */
  public String rawPath() {
    return rawPath;
  }

  /** The query as sent, e.g. {@code identifierType=alias}; null when there was none. */
  public String rawQuery() {
    return rawQuery;
  }

  /**
   * The identifier path segment as sent, still percent-encoded (a slash of the alias is {@code
   * %2F}).
   */
  public String rawIdentifier() {
    return rawIdentifier;
  }

  /** The identifier, percent-decoded: the alias when {@link #identifierType()} is {@code alias}. */
  public String identifier() {
    return identifier;
  }

  /** The alias this request closes; null when it closes by id or tiny id. */
  public String alias() {
    return "alias".equals(identifierType) ? identifier : null;
  }

  /** The {@code identifierType} query parameter; null when absent (Opsgenie then reads an id). */
  public String identifierType() {
    return identifierType;
  }

  public String note() {
    return string("note");
  }

  public String source() {
    return string("source");
  }

  public String user() {
    return string("user");
  }

  /** Whether a create-alert request with this alias reached the stand-in before this close. */
  public boolean aliasWasCreated() {
    return created;
  }

  @Override
  public String toString() {
    return "POST "
        + rawPath
        + (rawQuery == null ? "" : "?" + rawQuery)
        + " "
        + rawBody()
        + (problems().isEmpty() ? "" : " PROBLEMS " + problems());
  }
}
