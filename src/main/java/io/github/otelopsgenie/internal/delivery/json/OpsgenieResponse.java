/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What Opsgenie answered: the HTTP status, and from the body (read leniently: any part may be
 * missing or not JSON at all) its {@code message}, {@code code}, {@code errors} and {@code
 * requestId}, plus the {@code X-RateLimit-Period-In-Sec} header of a 429. An immutable value, read
 * by its fields.
 */
public final class OpsgenieResponse {

  /** The log-only destination's answer: taken, but written to the log rather than sent. */
  public static final OpsgenieResponse LOGGED =
      new OpsgenieResponse(
          202, "logged, not sent", 0, Collections.<String, String>emptyMap(), null, 0, null, false);

  public final int statusCode;

  /** Opsgenie's {@code message}, e.g. "Could not authenticate", or null. */
  public final String message;

  /** Opsgenie's own error {@code code}, e.g. 40301 for a key not an API integration's; 0 absent. */
  public final int code;

  /** Opsgenie's {@code errors} by field (not in the spec, sent with 422), possibly empty. */
  public final Map<String, String> errors;

  /** The {@code requestId} of the body or the {@code X-Request-ID} header, or null. */
  public final String requestId;

  /** {@code X-RateLimit-Period-In-Sec}: 1 or 60 on a 429; 0 when absent or not a number. */
  public final long rateLimitPeriodSeconds;

  /** The alert a get answered with ({@code data}); null for other answers or an unreadable one. */
  public final AlertState alertState;

  /**
   * The body was Opsgenie's own JSON ({@code took} and {@code requestId}), not a proxy's or a
   * gateway's answer.
   */
  public final boolean opsgenieBody;

  public OpsgenieResponse(
      int statusCode,
      String message,
      int code,
      Map<String, String> errors,
      String requestId,
      long rateLimitPeriodSeconds,
      AlertState alertState,
      boolean opsgenieBody) {
    this.alertState = alertState;
    this.opsgenieBody = opsgenieBody;
    this.statusCode = statusCode;
    this.message = message;
    this.code = code;
    this.errors = Collections.unmodifiableMap(new LinkedHashMap<>(errors));
    this.requestId = requestId;
    this.rateLimitPeriodSeconds = rateLimitPeriodSeconds;
  }

  /** 2xx: Opsgenie accepted the request (202, processed asynchronously). */
  public boolean isAccepted() {
    return statusCode >= 200 && statusCode <= 299;
  }

  /**
   * True for {@link #LOGGED}: nothing reached Opsgenie, so it counts as {@code logged}, not sent.
   */
  public boolean isLogged() {
    return this == LOGGED;
  }

  /** One line for a log: status, message, code, errors and request id, whatever is known. */
  public String describe() {
    StringBuilder out = new StringBuilder("HTTP ").append(statusCode);
    if (message != null) {
      out.append(" \"").append(message).append('"');
    }
    if (code != 0) {
      out.append(" code ").append(code);
    }
    if (!errors.isEmpty()) {
      out.append(" errors ").append(errors);
    }
    if (requestId != null) {
      out.append(" (requestId ").append(requestId).append(')');
    }
    return out.toString();
  }

  @Override
  public String toString() {
    return "OpsgenieResponse{"
        + describe()
        + (rateLimitPeriodSeconds > 0 ? ", rateLimitPeriod=" + rateLimitPeriodSeconds + "s" : "")
        + "}";
  }
}
