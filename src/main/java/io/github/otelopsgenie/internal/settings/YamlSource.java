/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The declarative YAML processor block: keys in snake_case, lists and maps as YAML lists and maps,
 * each value asked of the SDK in the order of its documented type, so that it logs no type warning.
 */
final class YamlSource extends SettingsSource {
  // A typed getter given a value of another type makes the SDK log a warning, and nothing gives
  // the raw value: so each key is read in the order of its documented type first.
  private static final Class<?>[] STRING_FIRST = {
    String.class, Long.class, Double.class, Boolean.class
  };
  private static final Class<?>[] INTEGER_FIRST = {
    Long.class, Double.class, String.class, Boolean.class
  };
  private static final Class<?>[] DOUBLE_FIRST = {
    Double.class, Long.class, String.class, Boolean.class
  };
  private static final Class<?>[] BOOLEAN_FIRST = {
    Boolean.class, String.class, Long.class, Double.class
  };

  private static final String POLICIES_KEY = "policies";

  private final DeclarativeConfigProperties config;

  YamlSource(DeclarativeConfigProperties config) {
    this.config = config;
  }

  static String yamlKey(String key) {
    return key.replace('.', '_');
  }

  private static Class<?>[] order(String key) {
    Setting<?> setting = SettingsRegistry.find(key);
    if (setting == null && key.startsWith(PolicySettings.PREFIX)) {
      setting =
          PolicySettings.find(key.substring(key.indexOf('.', PolicySettings.PREFIX.length()) + 1));
    }
    if (setting == null) {
      return STRING_FIRST;
    }
    Setting.YamlType type = setting.yamlType();
    return type == Setting.YamlType.BOOLEAN
        ? BOOLEAN_FIRST
        : type == Setting.YamlType.NUMBER
            ? DOUBLE_FIRST
            : type.numeric() ? INTEGER_FIRST : STRING_FIRST;
  }

  /**
   * Where a flat key lives in YAML: {@code policy.payments.priority} is the key {@code priority} of
   * the entry {@code name: payments} of the {@code policies:} list; every other key is the
   * snake_case key of the processor block. Null when the policy has no entry.
   */
  /** Where {@code key} is set (a policy's key in its {@code policies:} entry); null when unset. */
  private Place locate(String key) {
    Place at = new Place(config, yamlKey(key));
    if (key.startsWith(PolicySettings.PREFIX)) {
      int dot = key.indexOf('.', PolicySettings.PREFIX.length());
      if (dot > 0) {
        String policy = key.substring(PolicySettings.PREFIX.length(), dot);
        DeclarativeConfigProperties entry = policyEntry(policy);
        at = entry == null ? null : new Place(entry, yamlKey(key.substring(dot + 1)));
      }
    }
    return at != null && at.config.getPropertyKeys().contains(at.key) ? at : null;
  }

  private DeclarativeConfigProperties policyEntry(String name) {
    List<DeclarativeConfigProperties> entries = config.getStructuredList(POLICIES_KEY);
    if (entries != null) {
      for (DeclarativeConfigProperties entry : entries) {
        if (name.equals(entry.getString("name"))) {
          return entry;
        }
      }
    }
    return null;
  }

  /** The names of the {@code policies:} entries, or null when it is not a list of maps. */
  private List<String> policyNames() {
    if (!config.getPropertyKeys().contains(POLICIES_KEY)) {
      return null;
    }
    List<DeclarativeConfigProperties> entries = config.getStructuredList(POLICIES_KEY);
    if (entries == null) {
      return null;
    }
    List<String> names = new ArrayList<>();
    for (DeclarativeConfigProperties entry : entries) {
      String name = entry.getString("name");
      names.add(name == null ? "(an entry without name)" : name.trim());
    }
    return names;
  }

  @Override
  String display(String key) {
    if (key.startsWith(PolicySettings.PREFIX)) {
      int dot = key.indexOf('.', PolicySettings.PREFIX.length());
      if (dot > 0) {
        return POLICIES_KEY
            + "[name="
            + key.substring(PolicySettings.PREFIX.length(), dot)
            + "]."
            + yamlKey(key.substring(dot + 1));
      }
    }
    return yamlKey(key);
  }

  @Override
  String raw(String key) {
    if (key.equals(POLICIES_KEY)) {
      List<String> names = policyNames();
      if (names != null) {
        return names.isEmpty() ? null : String.join(",", names);
      }
    }
    Place at = locate(key);
    if (at == null) {
      return null;
    }
    DeclarativeConfigProperties c = at.config;
    String name = at.key;
    String text;
    DeclarativeConfigProperties structured = c.getStructured(name);
    if (structured != null) {
      text = joined(map(key));
    } else {
      List<String> list = scalarList(c, name, order(key));
      text = list != null ? String.join(",", list) : scalar(c, name, order(key));
    }
    return text == null || text.trim().isEmpty() ? null : text.trim();
  }

  @Override
  List<String> list(String key) {
    if (key.equals(POLICIES_KEY)) {
      List<String> names = policyNames();
      if (names != null) {
        return names;
      }
    }
    Place at = locate(key);
    if (at == null) {
      return Collections.emptyList();
    }
    DeclarativeConfigProperties c = at.config;
    String name = at.key;
    List<String> list = scalarList(c, name, order(key));
    if (list != null) {
      return list;
    }
    String single = c.getStructured(name) == null ? scalar(c, name, order(key)) : null;
    return single != null ? commaSeparated(single) : new ArrayList<>();
  }

  @Override
  Map<String, String> map(String key) {
    Place at = locate(key);
    if (at == null) {
      return Collections.emptyMap();
    }
    DeclarativeConfigProperties c = at.config;
    String name = at.key;
    DeclarativeConfigProperties structured = c.getStructured(name);
    if (structured == null) {
      throw new IllegalArgumentException("not a map");
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (String k : structured.getPropertyKeys()) {
      String v =
          structured.getStructured(k) == null && structured.getStructuredList(k) == null
              ? scalar(structured, k, order(key))
              : null;
      if (v == null) {
        throw new IllegalArgumentException("the value of " + k + " is not a scalar");
      }
      out.put(k, v);
    }
    return out;
  }

  /** The list of scalars under {@code name}, or null when it is not a list. */
  private static List<String> scalarList(
      DeclarativeConfigProperties c, String name, Class<?>[] order) {
    for (Class<?> type : order) {
      // a value that is not a list gives null without a warning
      List<?> values = c.getScalarList(name, type);
      if (values == null) {
        continue;
      }
      List<String> out = new ArrayList<>();
      for (Object v : values) {
        String text = v.toString().trim();
        if (!text.isEmpty()) {
          out.add(text);
        }
      }
      return out;
    }
    return null;
  }

  private static String scalar(DeclarativeConfigProperties c, String name, Class<?>[] order) {
    for (Class<?> type : order) {
      Object value =
          type == String.class
              ? c.getString(name)
              : type == Long.class
                  ? c.getLong(name)
                  : type == Double.class ? c.getDouble(name) : c.getBoolean(name);
      if (value != null) {
        return value.toString();
      }
    }
    return null;
  }

  /** A YAML key and the block it lives in: the processor's, or one entry of its policies list. */
  private static final class Place {
    final DeclarativeConfigProperties config;
    final String key;

    Place(DeclarativeConfigProperties config, String key) {
      this.config = config;
      this.key = key;
    }
  }
}
