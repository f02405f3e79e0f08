/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URLEncoder;

/**
 * The addresses of the API's calls we make, from its base: {@code https://api.opsgenie.com}, {@code
 * https://api.eu.opsgenie.com}, or Jira Service Management Operations' {@code
 * https://api.atlassian.com/jsm/ops/integration}, with {@code /v2/alerts} or {@code /v2/heartbeats}
 * appended. An alias or a heartbeat's name is one path segment, percent-encoded (a space as {@code
 * %20}, a slash as {@code %2F}). The base was checked by the settings, the one place its rules
 * live.
 */
final class ApiUrls {

  /** {@code {base}/v2/alerts}: where alerts are posted. */
  final String alerts;

  private final String heartbeats;

  /**
   * @param apiBase an http(s) URL, with or without a trailing slash, as the settings accept it
   * @throws IllegalArgumentException when the base is missing
   */
  ApiUrls(URI apiBase) {
    this.alerts = alertsUrl(apiBase);
    this.heartbeats = alerts.substring(0, alerts.length() - "alerts".length()) + "heartbeats";
  }

  /** {@code {base}/v2/alerts/{alias}{action}?identifierType=alias}. */
  String alias(String alias, String action) {
    if (alias == null || alias.isEmpty()) {
      throw new IllegalArgumentException(
          "an alert is addressed by its alias, and the alias is empty");
    }
    return alerts + "/" + encodePathSegment(alias) + action + "?identifierType=alias";
  }

  /** {@code {base}/v2/alerts/requests/{requestId}}. */
  String requestStatus(String requestId) {
    return alerts + "/requests/" + encodePathSegment(requestId);
  }

  /** {@code {base}/v2/heartbeats}. */
  String heartbeats() {
    return heartbeats;
  }

  /** {@code {base}/v2/heartbeats/{name}}. */
  String heartbeat(String name) {
    return heartbeats + "/" + encodePathSegment(name);
  }

  static String alertsUrl(URI apiBase) {
    if (apiBase == null) {
      throw new IllegalArgumentException(
          "the Opsgenie API base is required, e.g. https://api.opsgenie.com");
    }
    String base = apiBase.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/v2/alerts";
  }

  static String encodePathSegment(String segment) {
    try {
      // URLEncoder is for forms: its '+' for a space means a plus sign in a path
      return URLEncoder.encode(segment, "UTF-8").replace("+", "%20");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is required of every JVM", e);
    }
  }
}
