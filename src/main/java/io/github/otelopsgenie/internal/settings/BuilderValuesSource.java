/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/** Values set through the public builder: a String, a List of String, or a Map. */
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
      out.add(value.toString().trim());
    }
    return out;
  }

  @Override
  @SuppressWarnings("unchecked")
  Map<String, String> map(String key) {
    Object value = values.get(key);
    return value instanceof Map
        ? (Map<String, String>) value
        : Collections.<String, String>emptyMap();
  }
}
