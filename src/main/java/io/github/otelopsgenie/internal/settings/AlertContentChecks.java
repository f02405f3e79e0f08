/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.Responder;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The checks of what an alert says ({@link AlertContentSettings}, and the per-policy settings that
 * override them): tags, details, aliases, priority, forwarded headers, resource attributes,
 * responders and the trace link, each within Opsgenie's limits. Each reads its setting through a
 * {@link SettingsReader}, reports a problem that names the setting, its value and the expected
 * form, and returns a safe value.
 */
final class AlertContentChecks {

  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");
  private static final Pattern HEADER_NAME = Pattern.compile("[A-Za-z0-9!#$%&'*+.^_`|~-]+");

  private AlertContentChecks() {}

  static List<String> tags(SettingsReader r, Setting<List<String>> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return Collections.singletonList(OpsgenieSettings.DEFAULT_TAG);
    }
    List<String> tags = r.list(setting);
    if (tags.size() > FieldLimits.TAGS) {
      r.problem(setting, raw, "at most " + FieldLimits.TAGS + " tags (Opsgenie's limit)");
    }
    for (String tag : tags) {
      if (tag.length() > FieldLimits.TAG) {
        r.problem(
            setting,
            raw,
            "tags of at most "
                + FieldLimits.TAG
                + " characters (Opsgenie's limit; "
                + tag
                + " has "
                + tag.length()
                + ")");
        break;
      }
    }
    return Collections.unmodifiableList(new ArrayList<>(tags));
  }

  static Map<String, String> details(SettingsReader r, Setting<Map<String, String>> setting) {
    Map<String, String> details =
        r.map(
            setting,
            "key=value pairs separated by commas, such as team=payments,runbook=https://wiki/run");
    return details == null
        ? Collections.<String, String>emptyMap()
        : Collections.unmodifiableMap(details);
  }

  /** An alias template with known placeholders only; {@code fallback} when unset or invalid. */
  static String alias(SettingsReader r, Setting<String> setting, String fallback) {
    String raw = r.raw(setting);
    if (raw == null) {
      return fallback;
    }
    Matcher m = PLACEHOLDER.matcher(raw);
    while (m.find()) {
      if (!AlertContentSettings.ALIAS_PLACEHOLDERS.contains(m.group())) {
        r.problem(
            setting,
            raw,
            "text with placeholders among " + AlertContentSettings.ALIAS_PLACEHOLDERS + " only");
        return fallback;
      }
    }
    return raw;
  }

  static String priority(SettingsReader r, Setting<String> setting) {
    String raw = r.raw(setting);
    if (raw == null) {
      return OpsgenieSettings.DEFAULT_PRIORITY;
    }
    String upper = raw.toUpperCase(Locale.ROOT);
    if (OpsgenieSettings.PRIORITIES.contains(upper)) {
      return upper;
    }
    r.problem(setting, raw, "one of P1, P2, P3, P4, P5");
    return OpsgenieSettings.DEFAULT_PRIORITY;
  }

  static List<String> headerKeys(SettingsReader r, Setting<List<String>> setting) {
    List<String> keys = new ArrayList<>();
    for (String key : r.list(setting)) {
      if (r.matches(setting, HEADER_NAME, key, "a comma-separated list of HTTP header names")) {
        keys.add(key);
      }
    }
    List<String> rejected = SensitiveHeaders.rejected(keys);
    if (!rejected.isEmpty()) {
      r.warning(
          r.display(setting)
              + " lists "
              + rejected
              + ": sensitive headers are never forwarded to Opsgenie, they are left out");
    }
    return Collections.unmodifiableList(keys);
  }

  private static final Pattern ATTRIBUTE_NAME = Pattern.compile("[A-Za-z0-9_.\\-]+");

  /** Resource attribute names; the documented list when unset, none for {@code none}. */
  static List<String> resourceAttributes(SettingsReader r, Setting<List<String>> setting) {
    if (r.raw(setting) == null) {
      return AlertContentSettings.DEFAULT_RESOURCE_ATTRIBUTES;
    }
    List<String> names = new ArrayList<>();
    for (String name : r.list(setting)) {
      if (!name.equalsIgnoreCase("none")
          && r.matches(
              setting,
              ATTRIBUTE_NAME,
              name,
              "a comma-separated list of resource attribute names such as service.version, or none")) {
        names.add(name);
      }
    }
    return Collections.unmodifiableList(names);
  }

  static List<Responder> responders(SettingsReader r, Setting<List<Responder>> setting) {
    List<Responder> responders = new ArrayList<>();
    for (String spec : r.list(setting)) {
      try {
        responders.add(Responder.parse(spec));
      } catch (IllegalArgumentException e) {
        r.problem(
            setting,
            r.raw(setting),
            "a comma-separated list such as user:neo@matrix,team:ops,escalation:night,"
                + "schedule:primary or team:id:<id> ("
                + spec
                + ": "
                + e.getMessage()
                + ")");
        break;
      }
    }
    if (responders.size() > FieldLimits.RESPONDERS) {
      r.problem(
          setting,
          r.raw(setting),
          "at most " + FieldLimits.RESPONDERS + " responders (Opsgenie's limit)");
    }
    return Collections.unmodifiableList(responders);
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
        if (SettingsReader.isHttp(uri)) {
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
}
