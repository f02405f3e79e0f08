/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import java.net.URI;
import java.util.Collections;
import java.util.List;

/**
 * The otel-opsgenie configuration was rejected. The message names every invalid key, its value
 * (never the API key) and the expected form. When the API key and base themselves were valid they
 * are kept, so that one alert can say that alerting is off.
 */
public final class InvalidSettingsException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  private final transient List<String> problems;
  private final transient String token;
  private final transient URI apiBase;
  private final transient String serviceId;
  private final transient String priority;

  public InvalidSettingsException(
      List<String> problems, String token, URI apiBase, String serviceId, String priority) {
    super(
        "Invalid otel-opsgenie configuration: " + String.join("; ", problems), null, false, false);
    this.problems = Collections.unmodifiableList(problems);
    this.token = token;
    this.apiBase = apiBase;
    this.serviceId = serviceId;
    this.priority = priority;
  }

  /** One entry per invalid setting. */
  public List<String> problems() {
    return problems;
  }

  /** The valid API key, or null: never put in a message. */
  public String token() {
    return token;
  }

  /**
   * The API base, when a valid configuration would send the key there (https, loopback http, or
   * http with {@code api.allow.insecure}); null for a base the settings refused.
   */
  public URI apiBase() {
    return apiBase;
  }

  public String serviceId() {
    return serviceId;
  }

  public String priority() {
    return priority;
  }

  public ConfigurationException toConfigurationException() {
    return new ConfigurationException(getMessage());
  }
}
