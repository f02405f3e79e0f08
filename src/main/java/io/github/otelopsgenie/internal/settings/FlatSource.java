/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.util.List;
import java.util.Map;

/**
 * Flat {@code otel.opsgenie.*} properties through the SDK's {@code ConfigProperties}: system
 * properties, environment variables and the agent's configuration file.
 */
final class FlatSource extends SettingsSource {
  private final ConfigProperties config;

  FlatSource(ConfigProperties config) {
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
