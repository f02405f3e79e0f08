/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import io.github.otelopsgenie.internal.alert.FieldLimits;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Opsgenie's answers leniently: the status always, and from a body that may be missing, cut
 * or not JSON at all its message, code, errors, request id and (for a read) the alert's state; the
 * rate-limit period of a 429 from its header.
 */
public final class ResponseParser {

  private static final int MAX_TEXT = 500;
  private static final long MAX_RATE_LIMIT_PERIOD_SECONDS = 600;

  private ResponseParser() {}

  /** Reads Opsgenie's answer leniently: a body that is not JSON still yields the status. */
  public static OpsgenieResponse parse(
      int status, String body, String requestIdHeader, String periodHeader) {
    String message = null;
    int code = 0;
    Map<String, String> errors = new LinkedHashMap<>();
    String requestId = requestIdHeader;
    AlertState state = null;
    boolean opsgenieBody = false;
    Object tree = JsonReader.read(body);
    if (tree instanceof Map) {
      opsgenieBody = isOpsgenieShape(tree);
      state = status == 200 ? alertState(JsonReader.member(tree, "data")) : null;
      message = text(JsonReader.member(tree, "message"));
      code = asInt(JsonReader.member(tree, "code"));
      readErrors(JsonReader.member(tree, "errors"), errors);
      String bodyRequestId = text(JsonReader.member(tree, "requestId"));
      requestId = bodyRequestId != null ? bodyRequestId : requestId;
    } else if (body != null && !body.trim().isEmpty()) {
      message = oneLine(body);
    }
    return new OpsgenieResponse(
        status, message, code, errors, requestId, period(periodHeader), state, opsgenieBody);
  }

  /**
   * Opsgenie's own answer: an object with its {@code took} (a number) and {@code requestId} (a
   * string), every answer's {@code BaseResponse}. A proxy's page, a gateway's JSON or an API
   * without the path answers otherwise.
   */
  private static boolean isOpsgenieShape(Object tree) {
    return JsonReader.member(tree, "took") instanceof Number
        && JsonReader.member(tree, "requestId") instanceof String;
  }

  /**
   * A get's {@code data}: {@code status} open or closed, {@code lastOccurredAt} ISO-8601; null when
   * either is missing or unreadable (nothing is decided on what could not be read).
   */
  private static AlertState alertState(Object data) {
    Object status = JsonReader.member(data, "status");
    Object at = JsonReader.member(data, "lastOccurredAt");
    if (!("open".equals(status) || "closed".equals(status)) || !(at instanceof String)) {
      return null;
    }
    try {
      return new AlertState(
          "open".equals(status), java.time.Instant.parse((String) at).toEpochMilli());
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /** A number, or a string holding one, as an int; 0 otherwise. */
  private static int asInt(Object value) {
    if (value instanceof Number) {
      return ((Number) value).intValue();
    }
    if (value instanceof String) {
      try {
        return (int) Double.parseDouble(((String) value).trim());
      } catch (NumberFormatException e) {
        return 0;
      }
    }
    return 0;
  }

  private static void readErrors(Object value, Map<String, String> out) {
    if (value == null || value == JsonReader.NULL) {
      return;
    }
    if (value instanceof Map) {
      for (Map.Entry<?, ?> field : ((Map<?, ?>) value).entrySet()) {
        out.put((String) field.getKey(), text(field.getValue()));
      }
    } else {
      out.put("errors", text(value));
    }
  }

  /**
   * A member's text, on one line: a string as it is, any other value as the answer wrote it (an
   * object or array is kept as its raw text, never written again).
   */
  private static String text(Object value) {
    if (value == null || value == JsonReader.NULL) {
      return null;
    }
    return oneLine(JsonReader.textOf(value));
  }

  private static String oneLine(String text) {
    return FieldLimits.truncate(text.replace('\r', ' ').replace('\n', ' ').trim(), MAX_TEXT);
  }

  private static long period(String header) {
    if (header == null) {
      return 0;
    }
    try {
      long seconds = Long.parseLong(header.trim());
      return Math.max(0, Math.min(seconds, MAX_RATE_LIMIT_PERIOD_SECONDS));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
