/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The rules about URLs, each in one place: the API base (and whether its host is loopback), the
 * trace link template, and masking user info wherever a URL is shown. Like {@link ValueRules}, each
 * reads its setting through a {@link SettingsReader}, reports a problem that names the setting, its
 * value (user info masked) and the expected form, and returns a safe value.
 */
final class UrlRules {

  static final String DEFAULT_API_BASE = "https://api.opsgenie.com";

  private UrlRules() {}

  /** An http(s) URL with a host, without user info, query or fragment; null when invalid. */
  static URI apiBase(SettingsReader r, Setting<URI> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return URI.create(DEFAULT_API_BASE);
    }
    URI uri = null;
    try {
      uri = new URI(raw);
      if (isHttp(uri)
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        // plain http to another host than loopback: PairRules, with api.allow.insecure
        return uri;
      }
    } catch (URISyntaxException e) {
      // reported below
    }
    r.problem(
        setting,
        withoutUserInfo(raw, uri),
        "an http(s) URL without user info, query or fragment, such as https://api.opsgenie.com,"
            + " https://api.eu.opsgenie.com or https://api.atlassian.com/jsm/ops/integration");
    return null;
  }

  /**
   * Whether a valid configuration sends the key to {@code base}: https, or plain http to a loopback
   * host (decided on the host as written: no name is looked up), or plain http anywhere with {@code
   * api.allow.insecure}. A base the settings refused never carries the key, not even the
   * misconfiguration alert.
   */
  static boolean carriesKey(URI base, boolean allowInsecure) {
    if (base == null || base.getHost() == null) {
      return false;
    }
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(Locale.ROOT);
    return scheme.equals("https")
        || (scheme.equals("http") && (allowInsecure || isLoopback(base.getHost())));
  }

  private static String withoutUserInfo(String raw, URI uri) {
    if (uri != null && uri.getRawUserInfo() != null) {
      return raw.replace(uri.getRawUserInfo() + "@", "****@");
    }
    int at = raw.indexOf('@');
    int scheme = raw.indexOf("://");
    return at > scheme && scheme >= 0
        ? raw.substring(0, scheme + 3) + "****" + raw.substring(at)
        : raw;
  }

  /**
   * {@code localhost}, or an IP literal of the loopback range: 127.0.0.0/8, {@code ::1}. Never a
   * name that merely starts like one ({@code 127.example.com}); no name is looked up.
   */
  static boolean isLoopback(String host) {
    if (host == null) {
      return false;
    }
    String h = host.toLowerCase(Locale.ROOT);
    if (h.equals("localhost")) {
      return true;
    }
    if (h.startsWith("[") && h.endsWith("]")) {
      String v6 = h.substring(1, h.length() - 1);
      return v6.equals("::1")
          || v6.matches("(0{1,4}:){7}0{0,3}1")
          || v6.matches("(0{1,4}:){1,6}:0{0,3}1");
    }
    String[] parts = h.split("\\.", -1);
    if (parts.length != 4 || !parts[0].equals("127")) {
      return false;
    }
    for (String part : parts) {
      if (!part.matches("[0-9]{1,3}") || Integer.parseInt(part) > 255) {
        return false;
      }
    }
    return true;
  }

  /**
   * {@code scheme://user:password@host} with the user info masked, wherever it is in {@code text}.
   */
  static String maskUserInfo(String text) {
    return text == null ? null : text.replaceAll("(?i)([a-z][a-z0-9+.-]*://)[^/@\\s]*@", "$1****@");
  }

  static String traceUrlTemplate(SettingsReader r, Setting<String> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return null;
    }
    if (raw.contains("{trace_id}")) {
      try {
        URI uri =
            new URI(
                raw.replace("{trace_id}", "0")
                    .replace("{span_id}", "0")
                    .replace("{service_id}", "s"));
        if (isHttp(uri)) {
          return raw;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
    }
    r.problem(
        setting,
        raw,
        "an http(s) URL containing {trace_id}, such as https://jaeger.example/trace/{trace_id}"
            + " (placeholders {trace_id}, {span_id}, {service_id})");
    return null;
  }

  /** An http or https URL with a host. */
  private static boolean isHttp(URI uri) {
    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
    return uri.getHost() != null && (scheme.equals("https") || scheme.equals("http"));
  }
}
