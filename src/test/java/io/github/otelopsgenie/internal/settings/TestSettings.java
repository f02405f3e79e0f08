/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import java.util.HashMap;
import java.util.Map;

/** Settings from flat properties, as the customizer reads them. */
public final class TestSettings {

  static final Resource RESOURCE =
      Resource.builder().put("service.name", "checkout").put("host.name", "web-1").build();

  private TestSettings() {}

  /** {@code key, value, key, value...}, keys without the otel.opsgenie. prefix. */
  public static OpsgenieSettings of(String... keyValues) {
    return OpsgenieSettings.parse(
        SettingsSource.of(DefaultConfigProperties.createFromMap(map(keyValues))), RESOURCE);
  }

  static Map<String, String> map(String... keyValues) {
    Map<String, String> map = new HashMap<>();
    for (int i = 0; i < keyValues.length; i += 2) {
      map.put("otel.opsgenie." + keyValues[i], keyValues[i + 1]);
    }
    return map;
  }
}
