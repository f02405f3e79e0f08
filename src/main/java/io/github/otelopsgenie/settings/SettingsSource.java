/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.settings;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where {@link OpsgenieSettings} reads its raw values: flat {@code otel.opsgenie.*} properties
 * (system properties, environment, the agent's configuration file) or the declarative YAML
 * processor block. Keys are given in their flat form without the prefix ({@code alert.status.codes});
 * YAML spells them with underscores ({@code alert_status_codes}).
 */
public abstract class SettingsSource {

  public static final String PREFIX = "otel.opsgenie.";

  /** The key as the user wrote it, for messages: the property, unless the source spells it otherwise. */
  String display(String key) {
    return PREFIX + key;
  }

  /** {@code k=v,k2=v2}: a map as its flat form, for messages. */
  static String joined(Map<String, String> map) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : map.entrySet()) {
      sb.append(sb.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
    }
    return sb.toString();
  }

  /** The raw value, or null when unset. */
  abstract String raw(String key);

  /** The list value; empty when unset. */
  abstract List<String> list(String key);

  /**
   * The map value; empty when unset.
   *
   * @throws IllegalArgumentException when malformed
   */
  abstract Map<String, String> map(String key);

  public static SettingsSource of(ConfigProperties config) {
    return new Flat(config);
  }

  public static SettingsSource of(DeclarativeConfigProperties config) {
    return new Declarative(config);
  }

  /** Values set through the programmatic builder: a String, a List of String or a Map. */
  public static SettingsSource of(Map<String, Object> values) {
    return new Values(values);
  }

  private static final class Values extends SettingsSource {
    private final Map<String, Object> values;

    Values(Map<String, Object> values) {
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
      return value instanceof Map ? (Map<String, String>) value : Collections.<String, String>emptyMap();
    }
  }

  private static final class Flat extends SettingsSource {
    private final ConfigProperties config;

    Flat(ConfigProperties config) {
      this.config = config;
    }

    @Override
    String raw(String key) {
      String value = config.getString(PREFIX + key);
      return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    @Override
    List<String> list(String key) {
      return config.getList(PREFIX + key);
    }

    @Override
    Map<String, String> map(String key) {
      try {
        return config.getMap(PREFIX + key);
      } catch (ConfigurationException e) {
        throw new IllegalArgumentException(e.getMessage(), e);
      }
    }
  }

  private static final class Declarative extends SettingsSource {
    // A typed getter given a value of another type makes the SDK log a warning, and nothing gives
    // the raw value: so each key is read in the order of its documented type first.
    private static final Class<?>[] STRING_FIRST = {String.class, Long.class, Double.class, Boolean.class};
    private static final Class<?>[] INTEGER_FIRST = {Long.class, Double.class, String.class, Boolean.class};
    private static final Class<?>[] DOUBLE_FIRST = {Double.class, Long.class, String.class, Boolean.class};
    private static final Class<?>[] BOOLEAN_FIRST = {Boolean.class, String.class, Long.class, Double.class};

    private final DeclarativeConfigProperties config;

    Declarative(DeclarativeConfigProperties config) {
      this.config = config;
    }

    static String yamlKey(String key) {
      return key.replace('.', '_');
    }

    private static Class<?>[] order(String key) {
      Setting<?> setting = SettingsRegistry.find(key);
      if (setting == null) {
        return STRING_FIRST;
      }
      Setting.YamlType type = setting.yamlType();
      return type == Setting.YamlType.BOOLEAN ? BOOLEAN_FIRST
          : type == Setting.YamlType.NUMBER ? DOUBLE_FIRST
          : type.numeric() ? INTEGER_FIRST
          : STRING_FIRST;
    }

    @Override
    String display(String key) {
      return yamlKey(key);
    }

    @Override
    String raw(String key) {
      String name = yamlKey(key);
      if (!config.getPropertyKeys().contains(name)) {
        return null;
      }
      String text;
      DeclarativeConfigProperties structured = config.getStructured(name);
      if (structured != null) {
        text = joined(map(key));
      } else {
        List<String> list = scalarList(config, name, order(key));
        text = list != null ? String.join(",", list) : scalar(config, name, order(key));
      }
      return text == null || text.trim().isEmpty() ? null : text.trim();
    }

    @Override
    List<String> list(String key) {
      String name = yamlKey(key);
      if (!config.getPropertyKeys().contains(name)) {
        return Collections.emptyList();
      }
      List<String> list = scalarList(config, name, order(key));
      if (list != null) {
        return list;
      }
      List<String> out = new ArrayList<>();
      String single = config.getStructured(name) == null ? scalar(config, name, order(key)) : null;
      if (single != null) {
        for (String part : single.split(",")) {
          if (!part.trim().isEmpty()) {
            out.add(part.trim());
          }
        }
      }
      return out;
    }

    @Override
    Map<String, String> map(String key) {
      String name = yamlKey(key);
      if (!config.getPropertyKeys().contains(name)) {
        return Collections.emptyMap();
      }
      DeclarativeConfigProperties structured = config.getStructured(name);
      if (structured == null) {
        throw new IllegalArgumentException("not a map");
      }
      Map<String, String> out = new LinkedHashMap<>();
      for (String k : structured.getPropertyKeys()) {
        String v = structured.getStructured(k) == null && structured.getStructuredList(k) == null
            ? scalar(structured, k, order(key)) : null;
        if (v == null) {
          throw new IllegalArgumentException("the value of " + k + " is not a scalar");
        }
        out.put(k, v);
      }
      return out;
    }

    /** The list of scalars under {@code name}, or null when it is not a list. */
    private static List<String> scalarList(DeclarativeConfigProperties c, String name, Class<?>[] order) {
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
        Object value = type == String.class ? c.getString(name)
            : type == Long.class ? c.getLong(name)
            : type == Double.class ? c.getDouble(name)
            : c.getBoolean(name);
        if (value != null) {
          return value.toString();
        }
      }
      return null;
    }
  }
}
