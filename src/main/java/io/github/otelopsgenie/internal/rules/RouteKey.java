/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * A route as the rules check and remember it: at most {@link #MAX_CHARS} characters. A longer one
 * (a scanner's path on a server without {@code http.route}) is its first {@value #MAX_CHARS}
 * characters plus {@code #} and a hash of the whole, so that no regex runs on an attacker-chosen
 * length and no cache holds one, while distinct long routes stay distinct.
 */
public final class RouteKey {

  public static final int MAX_CHARS = 256;

  private RouteKey() {}

  /**
   * {@code route} itself when short enough (the usual case: no allocation), else its capped key.
   */
  public static String of(String route) {
    if (route == null || route.length() <= MAX_CHARS) {
      return route;
    }
    return route.substring(0, MAX_CHARS) + "#" + hash(route);
  }

  private static String hash(String route) {
    try {
      byte[] digest =
          MessageDigest.getInstance("SHA-256").digest(route.getBytes(StandardCharsets.UTF_8));
      StringBuilder hex = new StringBuilder(16);
      for (int i = 0; i < 8; i++) {
        hex.append(Character.forDigit((digest[i] >> 4) & 0xf, 16))
            .append(Character.forDigit(digest[i] & 0xf, 16));
      }
      return hex.toString();
    } catch (NoSuchAlgorithmException e) {
      return Integer.toHexString(route.hashCode());
    }
  }
}
