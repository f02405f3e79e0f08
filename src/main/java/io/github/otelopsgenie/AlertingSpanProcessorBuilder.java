/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.delivery.Senders;
import io.github.otelopsgenie.settings.InvalidSettingsException;
import io.github.otelopsgenie.settings.OpsgenieSettings;
import io.github.otelopsgenie.settings.SettingsSource;

import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link AlertingSpanProcessor} for a plain {@code SdkTracerProvider}, with the same
 * settings and checks as the {@code otel.opsgenie.*} properties (see README for each one).
 * {@link #build()} throws {@link ConfigurationException} naming every invalid setting.
 *
 * <pre>{@code
 * SdkTracerProvider.builder()
 *     .addSpanProcessor(AlertingSpanProcessor.builder()
 *         .setToken(System.getenv("OPSGENIE_API_KEY"))
 *         .setAlertStatusClasses("5XX")
 *         .setServiceId("checkout")
 *         .build())
 *     .build();
 * }</pre>
 */
public final class AlertingSpanProcessorBuilder {

  private final Map<String, Object> values = new LinkedHashMap<>();
  private Resource resource = Resource.getDefault();

  AlertingSpanProcessorBuilder() {}

  private AlertingSpanProcessorBuilder set(String key, Object value) {
    values.put(key, value);
    return this;
  }

  private static List<String> strings(Collection<?> values) {
    List<String> out = new ArrayList<>();
    for (Object v : values) {
      out.add(String.valueOf(v));
    }
    return out;
  }

  /** The Opsgenie API integration key; without one, alerts are logged instead of sent. */
  public AlertingSpanProcessorBuilder setToken(String token) {
    return set("token", token);
  }

  /** Default https://api.opsgenie.com; EU https://api.eu.opsgenie.com; JSM Operations https://api.atlassian.com/jsm/ops/integration. */
  public AlertingSpanProcessorBuilder setApiBase(String apiBase) {
    return set("api.base", apiBase);
  }

  public AlertingSpanProcessorBuilder setAlertStatusCodes(Integer... codes) {
    return set("alert.status.codes", strings(Arrays.asList(codes)));
  }

  /** Classes such as {@code 5XX}: the whole hundred. */
  public AlertingSpanProcessorBuilder setAlertStatusClasses(String... classes) {
    return set("alert.status.classes", Arrays.asList(classes));
  }

  /** Route regexes (whole match) checked by the status rules; default all. */
  public AlertingSpanProcessorBuilder setMonitoredEndpoints(String... regexes) {
    return set("monitored.endpoints", Arrays.asList(regexes));
  }

  /** Route regexes (whole match) never checked by the status rules. */
  public AlertingSpanProcessorBuilder setIgnoredEndpoints(String... regexes) {
    return set("ignored.endpoints", Arrays.asList(regexes));
  }

  public AlertingSpanProcessorBuilder setThresholdResponseTime(Duration threshold) {
    return set("threshold.response.time", threshold.toNanos() / 1_000_000.0 + "");
  }

  /** Route regexes (whole match) checked against the response time threshold. */
  public AlertingSpanProcessorBuilder setResponseTimeMonitoredEndpoints(String... regexes) {
    return set("response.time.monitored.endpoints", Arrays.asList(regexes));
  }

  /** Per-route thresholds: route regex to milliseconds, checked before the global threshold. */
  public AlertingSpanProcessorBuilder setResponseTimeThresholds(Map<String, Duration> thresholds) {
    Map<String, String> ms = new LinkedHashMap<>();
    for (Map.Entry<String, Duration> e : thresholds.entrySet()) {
      ms.put(e.getKey(), e.getValue().toNanos() / 1_000_000.0 + "");
    }
    return set("response.time.thresholds", ms);
  }

  public AlertingSpanProcessorBuilder setAlertTags(String... tags) {
    return set("alert.tags", Arrays.asList(tags));
  }

  public AlertingSpanProcessorBuilder setAlertDetails(Map<String, String> details) {
    return set("alert.details", new LinkedHashMap<>(details));
  }

  public AlertingSpanProcessorBuilder setServiceId(String serviceId) {
    return set("service.id", serviceId);
  }

  public AlertingSpanProcessorBuilder setAlertAlias(String alias) {
    return set("alert.alias", alias);
  }

  public AlertingSpanProcessorBuilder setAlertStatusAlias(String alias) {
    return set("alert.status.alias", alias);
  }

  public AlertingSpanProcessorBuilder setAlertLatencyAlias(String alias) {
    return set("alert.latency.alias", alias);
  }

  public AlertingSpanProcessorBuilder setAlertExceptionAlias(String alias) {
    return set("alert.exception.alias", alias);
  }

  /** P1..P5, default P4. */
  public AlertingSpanProcessorBuilder setAlertPriority(String priority) {
    return set("alert.priority", priority);
  }

  public AlertingSpanProcessorBuilder setForwardedHeaderKeys(String... headers) {
    return set("forwarded.header.keys", Arrays.asList(headers));
  }

  /** {@code user:neo@matrix}, {@code team:ops}, {@code escalation:x}, {@code schedule:y}, {@code team:id:<id>}. */
  public AlertingSpanProcessorBuilder setResponders(String... responders) {
    return set("responders", Arrays.asList(responders));
  }

  public AlertingSpanProcessorBuilder setAlertExceptions(boolean alertExceptions) {
    return set("alert.exceptions", Boolean.toString(alertExceptions));
  }

  public AlertingSpanProcessorBuilder setIgnoredExceptions(String... exceptionClassNames) {
    return set("ignored.exceptions", Arrays.asList(exceptionClassNames));
  }

  public AlertingSpanProcessorBuilder setQueueSize(int queueSize) {
    return set("queue.size", Integer.toString(queueSize));
  }

  public AlertingSpanProcessorBuilder setRetryMaxAttempts(int attempts) {
    return set("retry.max.attempts", Integer.toString(attempts));
  }

  public AlertingSpanProcessorBuilder setRetryInitialBackoff(Duration backoff) {
    return set("retry.initial.backoff", backoff.toMillis() + "ms");
  }

  public AlertingSpanProcessorBuilder setRetryMaxBackoff(Duration backoff) {
    return set("retry.max.backoff", backoff.toMillis() + "ms");
  }

  public AlertingSpanProcessorBuilder setTimeout(Duration timeout) {
    return set("timeout", timeout.toMillis() + "ms");
  }

  /** The same alias is sent at most once per cooldown; {@link Duration#ZERO} turns it off. */
  public AlertingSpanProcessorBuilder setAlertCooldown(Duration cooldown) {
    return set("alert.cooldown", cooldown.toMillis() + "ms");
  }

  /** The resource whose {@code service.name} and {@code host.name} are the defaults. */
  public AlertingSpanProcessorBuilder setResource(Resource resource) {
    this.resource = resource;
    return this;
  }

  /**
   * Checks every setting and builds the processor, starting its sender thread.
   *
   * @throws ConfigurationException naming each invalid setting, its value and the expected form
   */
  public AlertingSpanProcessor build() {
    OpsgenieSettings settings = settings();
    return new AlertingSpanProcessor(settings, Senders.create(settings));
  }

  public OpsgenieSettings settings() {
    try {
      return OpsgenieSettings.parse(SettingsSource.of(values), resource);
    } catch (InvalidSettingsException e) {
      throw e.toConfigurationException();
    }
  }
}
