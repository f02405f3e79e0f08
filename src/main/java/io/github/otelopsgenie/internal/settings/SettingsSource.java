/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where {@link OpsgenieSettings} reads its raw values: flat {@code otel.opsgenie.*} properties
 * (system properties, environment, the agent's configuration file) or the declarative YAML
 * processor block. Keys are given in their flat form without the prefix ({@code
 * alert.status.codes}); YAML spells them with underscores ({@code alert_status_codes}).
 */
public abstract class SettingsSource {

  public static final String PREFIX = "otel.opsgenie.";

  /**
   * The key as the user wrote it, for messages: the property, unless the source spells it
   * otherwise.
   */
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

  /** {@code a, b,,c}: the trimmed, non-empty parts of a comma-separated value. */
  static List<String> commaSeparated(String text) {
    List<String> out = new ArrayList<>();
    for (String part : text.split(",")) {
      if (!part.trim().isEmpty()) {
        out.add(part.trim());
      }
    }
    return out;
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
    return new FlatSource(config);
  }

  public static SettingsSource of(DeclarativeConfigProperties config) {
    return new YamlSource(config);
  }
}
