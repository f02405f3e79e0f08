/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Internal. The values set through the public builder, each kept in the flat form its setting reads
 * (text, a list or a map), converted here in one place: a duration as milliseconds, a boolean or a
 * number as its text, an array as a list. They are checked by the same parsers as every other
 * source, when the builder asks for the settings.
 */
public final class BuilderValues {

  private final Map<String, Object> values = new LinkedHashMap<>();

  /** Sets {@code setting} to {@code value} (null unsets it). */
  public void put(Setting<?> setting, Object value) {
    values.put(setting.key(), flat(setting, value));
  }

  /**
   * Sets the setting with flat key {@code key} (with or without the {@code otel.opsgenie.} prefix)
   * to {@code value} as written in a properties file: a list comma-separated, a map as {@code
   * key=value} pairs; null unsets it.
   *
   * @throws IllegalArgumentException if {@code key} is no setting
   */
  public void putText(String key, String value) {
    String flat =
        key != null && key.startsWith(SettingsSource.PREFIX)
            ? key.substring(SettingsSource.PREFIX.length())
            : key;
    if (flat == null || SettingsRegistry.find(flat) == null) {
      throw new IllegalArgumentException(
          "setSetting(\""
              + key
              + "\", ...): no otel-opsgenie setting has this key; expected a key of README.md's"
              + " settings tables without the otel.opsgenie. prefix, such as alert.window"
              + " (policy settings: setPolicySetting)");
    }
    values.put(flat, value);
  }

  /** One setting of a declared policy, by its key relative to the policy, as the flat value. */
  public void putPolicySetting(String policy, String key, String value) {
    values.put(PolicySettings.PREFIX + policy + "." + key, value);
  }

  /**
   * The values parsed and checked.
   *
   * @throws ConfigurationException naming each invalid setting, its value and the expected form
   */
  public OpsgenieSettings settings(Resource resource) {
    return OpsgenieSettings.checked(new BuilderValuesSource(values), resource);
  }

  private static Object flat(Setting<?> setting, Object value) {
    if (value instanceof Duration) {
      return millis(setting, (Duration) value);
    }
    if (value instanceof Object[]) {
      return new ArrayList<>(Arrays.asList((Object[]) value));
    }
    if (value instanceof Collection) {
      return new ArrayList<>((Collection<?>) value);
    }
    if (value instanceof Map) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        map.put(String.valueOf(e.getKey()), flat(setting, e.getValue()));
      }
      return map;
    }
    return value == null ? null : value.toString();
  }

  /** Whole milliseconds for a duration setting; exact (fractional) milliseconds for a threshold. */
  private static String millis(Setting<?> setting, Duration duration) {
    return setting.yamlType() == Setting.YamlType.DURATION
        ? duration.toMillis() + "ms"
        : Double.toString(duration.toNanos() / 1_000_000.0);
  }
}
