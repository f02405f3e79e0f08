/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Every otel-opsgenie setting, each defined once in its topic class, in the order of the
 * documentation: connection and delivery ({@link DeliverySettings}), the heartbeat ({@link
 * HeartbeatSettings}), the rules about one request ({@link RequestRuleSettings}), what an alert
 * says ({@link AlertContentSettings}), the windowed rules ({@link WindowSettings}), the rules
 * beyond HTTP server requests ({@link BeyondHttpSettings}), then the policy names ({@link
 * PolicySettings#POLICIES}). The readers, the public builder (a typed setter or {@code setSetting}
 * by key), the unknown-key warnings and the tables in README.md and docs/configuration.md all come
 * from {@link #all()}; tests hold each of them to it.
 */
public final class SettingsRegistry {

  private static final List<Setting<?>> ALL = join();
  private static final Map<String, Setting<?>> BY_KEY = SettingGroup.byKey(ALL);

  private SettingsRegistry() {}

  private static List<Setting<?>> join() {
    List<Setting<?>> all = new ArrayList<>();
    all.addAll(DeliverySettings.GROUP.all());
    all.addAll(HeartbeatSettings.GROUP.all());
    all.addAll(RequestRuleSettings.GROUP.all());
    all.addAll(AlertContentSettings.GROUP.all());
    all.addAll(WindowSettings.GROUP.all());
    all.addAll(BeyondHttpSettings.GROUP.all());
    all.add(PolicySettings.POLICIES);
    return Collections.unmodifiableList(all);
  }

  /** Every setting, in the order of the documentation. */
  public static List<Setting<?>> all() {
    return ALL;
  }

  /** The setting with this flat key (without the prefix), or null. */
  public static Setting<?> find(String key) {
    return BY_KEY.get(key);
  }

  /** Every flat key without the prefix. */
  public static Set<String> keys() {
    return BY_KEY.keySet();
  }
}
