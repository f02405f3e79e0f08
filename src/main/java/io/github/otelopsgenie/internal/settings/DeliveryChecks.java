/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/**
 * The checks of the connection settings ({@link DeliverySettings}): the API key, the API base (and
 * whether a base may carry the key: https, or http to a loopback host). Each reads its setting
 * through a {@link SettingsReader}, reports a problem that names the setting, its value (never the
 * key's; a URL's user info masked) and the expected form, and returns a safe value.
 */
final class DeliveryChecks {

  private DeliveryChecks() {}

  /**
   * An Opsgenie API integration key: sent in a header, so printable ASCII without spaces. The value
   * never appears in a message.
   */
  static String token(SettingsReader r, Setting<String> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return null;
    }
    for (int i = 0; i < raw.length(); i++) {
      char c = raw.charAt(i);
      if (c <= 0x20 || c >= 0x7f) {
        r.problem(
            r.display(setting)
                + " is invalid: expected an Opsgenie API integration key of printable"
                + " ASCII characters without spaces (character "
                + (i + 1)
                + " is not; the value is"
                + " not shown)");
        return null;
      }
    }
    return raw;
  }

  /** An http(s) URL with a host, without user info, query or fragment; null when invalid. */
  static URI apiBase(SettingsReader r, Setting<URI> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return URI.create(DeliverySettings.DEFAULT_API_BASE);
    }
    URI uri = null;
    try {
      uri = new URI(raw);
      if (SettingsReader.isHttp(uri)
          && uri.getRawUserInfo() == null
          && uri.getRawQuery() == null
          && uri.getRawFragment() == null) {
        // plain http to another host than loopback: checked with api.allow.insecure, below
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
   * The checks that involve two connection settings: a plain http base on a host that is not
   * loopback needs api.allow.insecure; the longest retry delay is no shorter than the first.
   */
  static void crossCheck(SettingsReader r, OpsgenieSettings s) {
    insecureBase(r, s);
    if (s.maxBackoff.compareTo(s.initialBackoff) < 0) {
      r.problem(
          r.display(DeliverySettings.RETRY_MAX_BACKOFF)
              + "="
              + r.raw(DeliverySettings.RETRY_MAX_BACKOFF)
              + " is invalid: expected a duration no shorter than "
              + r.display(DeliverySettings.RETRY_INITIAL_BACKOFF)
              + " ("
              + s.initialBackoff.toMillis()
              + "ms)");
    }
  }

  /** The key crosses the network in clear text: only with api.allow.insecure=true. */
  private static void insecureBase(SettingsReader r, OpsgenieSettings s) {
    if (s.apiBase == null
        || !"http".equalsIgnoreCase(s.apiBase.getScheme())
        || isLoopback(s.apiBase.getHost())) {
      return;
    }
    String base = SettingsReader.maskUserInfo(r.raw(DeliverySettings.API_BASE));
    if (s.allowInsecure) {
      r.warning(
          r.display(DeliverySettings.API_BASE)
              + "="
              + base
              + " is plain http: the API key crosses the network in clear text ("
              + r.display(DeliverySettings.API_ALLOW_INSECURE)
              + "=true)");
    } else {
      r.problem(
          r.display(DeliverySettings.API_BASE)
              + "="
              + base
              + " is invalid: expected https, since plain http would"
              + " send the API key in clear text to a host that is not loopback (set "
              + r.display(DeliverySettings.API_ALLOW_INSECURE)
              + "=true to allow it anyway)");
    }
  }
}
