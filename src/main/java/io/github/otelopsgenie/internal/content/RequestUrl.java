/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.semconv.ServerAttributes;
import io.opentelemetry.semconv.UrlAttributes;

/**
 * The request's URL as an alert shows it: {@code url.full}, else built from scheme, host, port,
 * path and query; every query value replaced by {@link #REDACTED}, only the names kept, and so is
 * every value of a path's matrix parameters ({@code /cart;jsessionid=ABC} becomes {@code
 * /cart;jsessionid=REDACTED}: a servlet container's session id when cookies are off, or any {@code
 * ;name=value} of a segment).
 */
final class RequestUrl {

  // Names used before the stable HTTP conventions (agent 1.x and some libraries).
  static final AttributeKey<String> OLD_HTTP_URL = AttributeKey.stringKey("http.url");
  static final AttributeKey<String> OLD_HTTP_SCHEME = AttributeKey.stringKey("http.scheme");
  static final AttributeKey<String> OLD_HOST_NAME = AttributeKey.stringKey("net.host.name");

  static final String REDACTED = "REDACTED";

  private RequestUrl() {}

  /** The URL of a request whose path is {@code path}; null when neither path nor host is known. */
  static String of(Attributes attributes, String path) {
    String full =
        firstNonNull(attributes.get(UrlAttributes.URL_FULL), attributes.get(OLD_HTTP_URL));
    if (full != null) {
      int q = full.indexOf('?');
      return q < 0
          ? redactPath(full)
          : redactPath(full.substring(0, q)) + "?" + redactQuery(full.substring(q + 1));
    }
    String scheme =
        firstNonNull(attributes.get(UrlAttributes.URL_SCHEME), attributes.get(OLD_HTTP_SCHEME));
    String host =
        firstNonNull(
            attributes.get(ServerAttributes.SERVER_ADDRESS), attributes.get(OLD_HOST_NAME));
    Long port = attributes.get(ServerAttributes.SERVER_PORT);
    String query = attributes.get(UrlAttributes.URL_QUERY);
    if (path == null && host == null) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    if (host != null) {
      sb.append(scheme != null ? scheme : "http").append("://").append(host);
      if (port != null && !isDefaultPort(scheme, port)) {
        sb.append(':').append(port);
      }
    }
    sb.append(path != null ? redactPath(path) : "");
    if (query != null && !query.isEmpty()) {
      sb.append('?').append(redactQuery(query));
    }
    return sb.toString();
  }

  private static boolean isDefaultPort(String scheme, long port) {
    return ("https".equals(scheme) && port == 443) || (!"https".equals(scheme) && port == 80);
  }

  /** {@code a=1&token=x&flag} becomes {@code a=REDACTED&token=REDACTED&flag}: names only. */
  static String redactQuery(String query) {
    StringBuilder sb = new StringBuilder(query.length());
    for (String part : query.split("&", -1)) {
      if (sb.length() > 0) {
        sb.append('&');
      }
      int eq = part.indexOf('=');
      sb.append(eq < 0 ? part : part.substring(0, eq) + "=" + REDACTED);
    }
    return sb.toString();
  }

  /**
   * {@code /cart;jsessionid=ABC/items;v=2;flag} becomes {@code
   * /cart;jsessionid=REDACTED/items;v=REDACTED;flag}: the matrix parameters' names only. The path
   * itself (no allocation) when it has none.
   */
  static String redactPath(String path) {
    if (path == null || path.indexOf(';') < 0) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path.length() + 16);
    // inside a parameter's value: skipped up to the next ';' or '/'
    boolean inValue = false;
    boolean inParameter = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/') {
        inParameter = false;
        inValue = false;
        sb.append(c);
      } else if (c == ';') {
        inParameter = true;
        inValue = false;
        sb.append(c);
      } else if (inValue) {
        continue;
      } else if (c == '=' && inParameter) {
        inValue = true;
        sb.append('=').append(REDACTED);
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * {@code /cart;jsessionid=ABC/items;v=2} becomes {@code /cart/items}: the path a route is matched
   * and named by, the same for every session. The path itself (no allocation) when it has no matrix
   * parameter.
   */
  static String withoutParameters(String path) {
    if (path == null || path.indexOf(';') < 0) {
      return path;
    }
    StringBuilder sb = new StringBuilder(path.length());
    boolean inParameter = false;
    for (int i = 0; i < path.length(); i++) {
      char c = path.charAt(i);
      if (c == '/') {
        inParameter = false;
      } else if (c == ';') {
        inParameter = true;
      }
      if (!inParameter) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  private static String firstNonNull(String a, String b) {
    return a != null ? a : b;
  }
}
