package com.example.opsgenie.standin;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/** One {@code GET /v2/alerts/requests/{requestId}} as the stand-in received it. */
public final class ReceivedStatusCheck extends ReceivedRequest {

  private final String requestId;

  ReceivedStatusCheck(
      Instant receivedAt,
      String requestId,
      Map<String, List<String>> headers,
      String rawBody,
      List<String> problems) {
    super(receivedAt, headers, rawBody, null, problems);
    this.requestId = requestId;
  }

  /** The request id of the path, percent-decoded. */
  public String requestId() {
    return requestId;
  }

  @Override
  public String toString() {
    return "GET /v2/alerts/requests/" + requestId + (problems().isEmpty() ? "" : " " + problems());
  }
}
