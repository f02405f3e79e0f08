/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.delivery;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.otelopsgenie.alert.FieldLimits;
import java.io.IOException;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Reads Opsgenie's answers leniently: the status always, and from a body that may be missing, cut
 * or not JSON at all its message, code, errors, request id and (for a read) the alert's state; the
 * rate-limit period of a 429 from its header.
 */
final class ResponseParser {

  private static final int MAX_TEXT = 500;
  private static final long MAX_RATE_LIMIT_PERIOD_SECONDS = 600;

  private ResponseParser() {}

  /** Reads Opsgenie's answer leniently: a body that is not JSON still yields the status. */
  static OpsgenieResponse parse(
      int status, String body, String requestIdHeader, String periodHeader) {
    String message = null;
    int code = 0;
    Map<String, String> errors = new LinkedHashMap<>();
    String requestId = requestIdHeader;
    AlertState state = null;
    JsonNode tree = readTree(body);
    if (tree != null && tree.isObject()) {
      state = status == 200 ? alertState(tree.get("data")) : null;
      message = text(tree.get("message"));
      JsonNode codeNode = tree.get("code");
      code = codeNode == null ? 0 : codeNode.asInt(0);
      readErrors(tree.get("errors"), errors);
      String bodyRequestId = text(tree.get("requestId"));
      requestId = bodyRequestId != null ? bodyRequestId : requestId;
    } else if (body != null && !body.trim().isEmpty()) {
      message = oneLine(body);
    }
    return new OpsgenieResponse(
        status, message, code, errors, requestId, period(periodHeader), state);
  }

  /** A get's {@code data}: {@code status} open or closed, {@code lastOccurredAt} ISO-8601. */
  private static AlertState alertState(JsonNode data) {
    if (data == null || !data.isObject() || data.get("status") == null) {
      return null;
    }
    long last = 0;
    JsonNode at = data.get("lastOccurredAt");
    if (at != null && at.isTextual()) {
      try {
        last = java.time.Instant.parse(at.asText()).toEpochMilli();
      } catch (java.time.format.DateTimeParseException e) {
        last = 0;
      }
    }
    return new AlertState("open".equals(data.get("status").asText()), last);
  }

  private static JsonNode readTree(String body) {
    if (body == null || body.trim().isEmpty()) {
      return null;
    }
    try {
      return AlertJson.MAPPER.readTree(body);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  private static void readErrors(JsonNode node, Map<String, String> out) {
    if (node == null || node.isNull()) {
      return;
    }
    if (node.isObject()) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        Map.Entry<String, JsonNode> field = it.next();
        out.put(field.getKey(), text(field.getValue()));
      }
    } else {
      out.put("errors", text(node));
    }
  }

  private static String text(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    return oneLine(node.isValueNode() ? node.asText() : node.toString());
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
