/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * Request headers that are never forwarded to Opsgenie, even when listed: the well-known names, and
 * any name containing a part that credentials go by ({@code X-Forwarded-Authorization}, {@code
 * Cf-Access-Jwt-Assertion}, {@code X-Session-Id}, {@code X-Client-Cert}, ...).
 */
public final class SensitiveHeaders {

  private static final List<String> NAMES =
      Arrays.asList("authorization", "cookie", "set-cookie", "proxy-authorization");
  private static final List<String> PARTS =
      Arrays.asList(
          "token",
          "secret",
          "password",
          "key",
          "auth",
          "cookie",
          "session",
          "jwt",
          "assertion",
          "cert",
          "credential",
          "signature");

  private SensitiveHeaders() {}

  static boolean isSensitive(String header) {
    String name = header.toLowerCase(Locale.ROOT);
    if (NAMES.contains(name)) {
      return true;
    }
    for (String part : PARTS) {
      if (name.contains(part)) {
        return true;
      }
    }
    return false;
  }

  /** The listed headers that may be forwarded. */
  public static List<String> allowed(List<String> headers) {
    List<String> out = new ArrayList<>();
    for (String h : headers) {
      if (!isSensitive(h)) {
        out.add(h);
      }
    }
    return Collections.unmodifiableList(out);
  }

  /** The listed headers that are left out. */
  static List<String> rejected(List<String> headers) {
    List<String> out = new ArrayList<>();
    for (String h : headers) {
      if (isSensitive(h)) {
        out.add(h);
      }
    }
    return Collections.unmodifiableList(out);
  }
}
