/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.sdk.resources.Resource;
import java.util.Collections;

/**
 * The outcome of reading the settings once: either accepted settings or the rejection that names
 * every problem. Entry points that must never throw (the customizer, the component provider) read
 * it instead of catching.
 */
public final class SettingsResult {

  private final OpsgenieSettings settings;
  private final InvalidSettingsException rejection;

  private SettingsResult(OpsgenieSettings settings, InvalidSettingsException rejection) {
    this.settings = settings;
    this.rejection = rejection;
  }

  /** Parses {@code source}; never throws. */
  public static SettingsResult parse(SettingsSource source, Resource resource) {
    try {
      return new SettingsResult(OpsgenieSettings.parse(source, resource), null);
    } catch (InvalidSettingsException e) {
      return new SettingsResult(null, e);
    } catch (RuntimeException e) {
      return new SettingsResult(
          null,
          new InvalidSettingsException(
              Collections.singletonList("the otel-opsgenie settings could not be read: " + e),
              null,
              null,
              "unknown-service",
              OpsgenieSettings.DEFAULT_PRIORITY));
    }
  }

  public boolean isAccepted() {
    return settings != null;
  }

  /** The accepted settings; null when rejected. */
  public OpsgenieSettings settings() {
    return settings;
  }

  /** The rejection; null when accepted. */
  public InvalidSettingsException rejection() {
    return rejection;
  }
}
