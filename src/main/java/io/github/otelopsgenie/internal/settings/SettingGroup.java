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
 * The settings of one topic (or of one policy), in the order of the documentation. Each topic class
 * adds its settings as it defines them; {@link SettingsRegistry} joins the topics.
 */
final class SettingGroup {

  private final List<Setting<?>> settings = new ArrayList<>();

  /** Adds {@code setting} after the ones added before it. */
  <T> Setting<T> add(Setting<T> setting) {
    settings.add(setting);
    return setting;
  }

  /** This group's settings, in the order they were added. */
  List<Setting<?>> all() {
    return Collections.unmodifiableList(settings);
  }

  /** The settings of {@code settings} by key, in their order. */
  static Map<String, Setting<?>> byKey(List<Setting<?>> settings) {
    Map<String, Setting<?>> byKey = new LinkedHashMap<>();
    for (Setting<?> setting : settings) {
      byKey.put(setting.key(), setting);
    }
    return Collections.unmodifiableMap(byKey);
  }
}
