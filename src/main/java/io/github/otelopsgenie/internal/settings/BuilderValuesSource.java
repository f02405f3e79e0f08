/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Values set through the public builder: a String, a List of String, or a Map; a String set for a
 * list or a map is read as a properties file writes it.
 */
final class BuilderValuesSource extends SettingsSource {
  private final Map<String, Object> values;

  BuilderValuesSource(Map<String, Object> values) {
    this.values = values;
  }

  @Override
  String raw(String key) {
    Object value = values.get(key);
    if (value instanceof List) {
      return String.join(",", list(key));
    }
    if (value instanceof Map) {
      return joined(map(key));
    }
    return value == null || value.toString().trim().isEmpty() ? null : value.toString().trim();
  }

  @Override
  List<String> list(String key) {
    Object value = values.get(key);
    List<String> out = new ArrayList<>();
    if (value instanceof List) {
      for (Object v : (List<?>) value) {
        if (v != null && !v.toString().trim().isEmpty()) {
          out.add(v.toString().trim());
        }
      }
    } else if (value != null) {
      // text from setSetting: comma-separated, as ConfigProperties reads a list property
      out.addAll(commaSeparated(value.toString()));
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  Map<String, String> map(String key) {
    Object value = values.get(key);
    if (value instanceof Map) {
      return (Map<String, String>) value;
    }
    return value == null ? Collections.<String, String>emptyMap() : pairs(key, value.toString());
  }

  /** Text from setSetting: {@code key=value} pairs, comma-separated, as ConfigProperties reads. */
  private static Map<String, String> pairs(String key, String text) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : text.split(",", -1)) {
      if (pair.trim().isEmpty()) {
        continue;
      }
      int eq = pair.indexOf('=');
      if (eq <= 0 || pair.substring(0, eq).trim().isEmpty()) {
        throw new IllegalArgumentException(
            "Invalid map property: " + PREFIX + key + "=" + text + " (expected key=value pairs)");
      }
      map.put(pair.substring(0, eq).trim(), pair.substring(eq + 1).trim());
    }
    return map;
  }
}
