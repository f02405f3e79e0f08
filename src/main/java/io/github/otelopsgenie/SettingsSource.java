/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

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
abstract class SettingsSource {

  static final String PREFIX = "otel.opsgenie.";

  /** The key as the user wrote it, for messages. */
  abstract String display(String key);

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

  static SettingsSource of(ConfigProperties config) {
    return new Flat(config);
  }

  static SettingsSource of(DeclarativeConfigProperties config) {
    return new Declarative(config);
  }

  /** Values set through the programmatic builder: a String, a List of String or a Map. */
  static SettingsSource of(Map<String, Object> values) {
    return new Values(values);
  }

  private static final class Values extends SettingsSource {
    private final Map<String, Object> values;

    Values(Map<String, Object> values) {
      this.values = values;
    }

    @Override
    String display(String key) {
      return PREFIX + key;
    }

    @Override
    String raw(String key) {
      Object value = values.get(key);
      if (value instanceof List) {
        return String.join(",", list(key));
      }
      if (value instanceof Map) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, String> e : map(key).entrySet()) {
          sb.append(sb.length() == 0 ? "" : ",").append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
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
    String display(String key) {
      return PREFIX + key;
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
    private final DeclarativeConfigProperties config;

    Declarative(DeclarativeConfigProperties config) {
      this.config = config;
    }

    static String yamlKey(String key) {
      return key.replace('.', '_');
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
      String value = scalar(name);
      if (value == null) {
        List<String> list = list(key);
        value = list.isEmpty() ? null : String.join(",", list);
      }
      return value == null || value.trim().isEmpty() ? null : value.trim();
    }

    private String scalar(String name) {
      String s = config.getString(name);
      if (s != null) {
        return s;
      }
      Long l = config.getLong(name);
      if (l != null) {
        return l.toString();
      }
      Double d = config.getDouble(name);
      if (d != null) {
        return d.toString();
      }
      Boolean b = config.getBoolean(name);
      return b == null ? null : b.toString();
    }

    @Override
    List<String> list(String key) {
      String name = yamlKey(key);
      if (!config.getPropertyKeys().contains(name)) {
        return Collections.emptyList();
      }
      List<String> out = new ArrayList<>();
      for (Class<?> type : new Class<?>[] {String.class, Long.class, Double.class, Boolean.class}) {
        List<?> values = config.getScalarList(name, type);
        if (values != null && !values.isEmpty()) {
          for (Object v : values) {
            String s = String.valueOf(v).trim();
            if (!s.isEmpty()) {
              out.add(s);
            }
          }
          return out;
        }
      }
      String single = scalar(name);
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
        String v = new Declarative(structured).scalar(k);
        if (v == null) {
          throw new IllegalArgumentException("the value of " + k + " is not a scalar");
        }
        out.put(k, v);
      }
      return out;
    }
  }
}
