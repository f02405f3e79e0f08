/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static io.github.otelopsgenie.settings.AlertContentSettings.*;
import static io.github.otelopsgenie.settings.DeliverySettings.*;
import static io.github.otelopsgenie.settings.RequestRuleSettings.*;
import static io.github.otelopsgenie.settings.WindowSettings.*;

import io.github.otelopsgenie.delivery.Senders;
import io.github.otelopsgenie.settings.InvalidSettingsException;
import io.github.otelopsgenie.settings.OpsgenieSettings;
import io.github.otelopsgenie.settings.PolicySettings;
import io.github.otelopsgenie.settings.Setting;
import io.github.otelopsgenie.settings.SettingsSource;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Builds an {@link AlertingSpanProcessor} for a plain {@code SdkTracerProvider}, with the same
 * settings and checks as the {@code otel.opsgenie.*} properties (see README for each one). {@link
 * #build()} throws {@link ConfigurationException} naming every invalid setting.
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

  private AlertingSpanProcessorBuilder set(Setting<?> setting, Object value) {
    values.put(setting.key(), value);
    return this;
  }

  private static String millis(Duration duration) {
    return duration.toNanos() / 1_000_000.0 + "";
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
    return set(TOKEN, token);
  }

  /**
   * Default https://api.opsgenie.com; EU https://api.eu.opsgenie.com; JSM Operations
   * https://api.atlassian.com/jsm/ops/integration.
   */
  public AlertingSpanProcessorBuilder setApiBase(String apiBase) {
    return set(API_BASE, apiBase);
  }

  /**
   * {@code true} accepts a plain http API base on a host other than loopback (the key in clear
   * text).
   */
  public AlertingSpanProcessorBuilder setApiAllowInsecure(boolean allowInsecure) {
    return set(API_ALLOW_INSECURE, Boolean.toString(allowInsecure));
  }

  public AlertingSpanProcessorBuilder setAlertStatusCodes(Integer... codes) {
    return set(ALERT_STATUS_CODES, strings(Arrays.asList(codes)));
  }

  /** Classes such as {@code 5XX}: the whole hundred. */
  public AlertingSpanProcessorBuilder setAlertStatusClasses(String... classes) {
    return set(ALERT_STATUS_CLASSES, Arrays.asList(classes));
  }

  /** Route regexes (whole match) checked by the status rules; default all. */
  public AlertingSpanProcessorBuilder setMonitoredEndpoints(String... regexes) {
    return set(MONITORED_ENDPOINTS, Arrays.asList(regexes));
  }

  /** Route regexes (whole match) never checked by the status rules. */
  public AlertingSpanProcessorBuilder setIgnoredEndpoints(String... regexes) {
    return set(IGNORED_ENDPOINTS, Arrays.asList(regexes));
  }

  public AlertingSpanProcessorBuilder setThresholdResponseTime(Duration threshold) {
    return set(THRESHOLD_RESPONSE_TIME, millis(threshold));
  }

  /** Route regexes (whole match) checked against the response time threshold. */
  public AlertingSpanProcessorBuilder setResponseTimeMonitoredEndpoints(String... regexes) {
    return set(RESPONSE_TIME_MONITORED_ENDPOINTS, Arrays.asList(regexes));
  }

  /** Per-route thresholds: route regex to milliseconds, checked before the global threshold. */
  public AlertingSpanProcessorBuilder setResponseTimeThresholds(Map<String, Duration> thresholds) {
    Map<String, String> ms = new LinkedHashMap<>();
    for (Map.Entry<String, Duration> e : thresholds.entrySet()) {
      ms.put(e.getKey(), millis(e.getValue()));
    }
    return set(RESPONSE_TIME_THRESHOLDS, ms);
  }

  public AlertingSpanProcessorBuilder setAlertTags(String... tags) {
    return set(ALERT_TAGS, Arrays.asList(tags));
  }

  public AlertingSpanProcessorBuilder setAlertDetails(Map<String, String> details) {
    return set(ALERT_DETAILS, new LinkedHashMap<>(details));
  }

  public AlertingSpanProcessorBuilder setServiceId(String serviceId) {
    return set(SERVICE_ID, serviceId);
  }

  public AlertingSpanProcessorBuilder setAlertAlias(String alias) {
    return set(ALERT_ALIAS, alias);
  }

  public AlertingSpanProcessorBuilder setAlertStatusAlias(String alias) {
    return set(ALERT_STATUS_ALIAS, alias);
  }

  public AlertingSpanProcessorBuilder setAlertLatencyAlias(String alias) {
    return set(ALERT_LATENCY_ALIAS, alias);
  }

  public AlertingSpanProcessorBuilder setAlertExceptionAlias(String alias) {
    return set(ALERT_EXCEPTION_ALIAS, alias);
  }

  /** P1..P5, default P4. */
  public AlertingSpanProcessorBuilder setAlertPriority(String priority) {
    return set(ALERT_PRIORITY, priority);
  }

  public AlertingSpanProcessorBuilder setForwardedHeaderKeys(String... headers) {
    return set(FORWARDED_HEADER_KEYS, Arrays.asList(headers));
  }

  /**
   * {@code user:neo@matrix}, {@code team:ops}, {@code escalation:x}, {@code schedule:y}, {@code
   * team:id:<id>}.
   */
  public AlertingSpanProcessorBuilder setResponders(String... responders) {
    return set(RESPONDERS, Arrays.asList(responders));
  }

  public AlertingSpanProcessorBuilder setAlertExceptions(boolean alertExceptions) {
    return set(ALERT_EXCEPTIONS, Boolean.toString(alertExceptions));
  }

  public AlertingSpanProcessorBuilder setIgnoredExceptions(String... exceptionClassNames) {
    return set(IGNORED_EXCEPTIONS, Arrays.asList(exceptionClassNames));
  }

  /**
   * gRPC status codes that alert on gRPC server spans, by name or number ({@code UNAVAILABLE},
   * {@code 14}).
   */
  public AlertingSpanProcessorBuilder setAlertRpcStatusCodes(String... codes) {
    return set(ALERT_RPC_STATUS_CODES, Arrays.asList(codes));
  }

  /** Alert on failed runs of scheduled jobs (default true). */
  public AlertingSpanProcessorBuilder setAlertJobs(boolean alertJobs) {
    return set(ALERT_JOBS, Boolean.toString(alertJobs));
  }

  /**
   * Failing dependencies: the share of failed calls that alerts, such as {@code 0.5} (default off).
   */
  public AlertingSpanProcessorBuilder setDependencyErrorRate(double rate) {
    return set(DEPENDENCY_ERROR_RATE, Double.toString(rate));
  }

  public AlertingSpanProcessorBuilder setDependencyMinRequests(int calls) {
    return set(DEPENDENCY_MIN_REQUESTS, Integer.toString(calls));
  }

  public AlertingSpanProcessorBuilder setQueueSize(int queueSize) {
    return set(QUEUE_SIZE, Integer.toString(queueSize));
  }

  public AlertingSpanProcessorBuilder setRetryMaxAttempts(int attempts) {
    return set(RETRY_MAX_ATTEMPTS, Integer.toString(attempts));
  }

  public AlertingSpanProcessorBuilder setRetryInitialBackoff(Duration backoff) {
    return set(RETRY_INITIAL_BACKOFF, backoff.toMillis() + "ms");
  }

  public AlertingSpanProcessorBuilder setRetryMaxBackoff(Duration backoff) {
    return set(RETRY_MAX_BACKOFF, backoff.toMillis() + "ms");
  }

  public AlertingSpanProcessorBuilder setTimeout(Duration timeout) {
    return set(TIMEOUT, timeout.toMillis() + "ms");
  }

  /** The same alias is sent at most once per cooldown; {@link Duration#ZERO} turns it off. */
  public AlertingSpanProcessorBuilder setAlertCooldown(Duration cooldown) {
    return set(ALERT_COOLDOWN, cooldown.toMillis() + "ms");
  }

  /** {@code false}: {@link #build()} gives a processor that sees no span and starts no thread. */
  public AlertingSpanProcessorBuilder setEnabled(boolean enabled) {
    return set(ENABLED, Boolean.toString(enabled));
  }

  /**
   * Whether {@link #recordServerSpans(Sampler)} wraps a sampler so that server spans it would drop
   * are still recorded (default true).
   */
  public AlertingSpanProcessorBuilder setSamplingRecordServerSpans(boolean record) {
    return set(SAMPLING_RECORD_SERVER_SPANS, Boolean.toString(record));
  }

  /**
   * A link to the failing request's trace, such as {@code https://jaeger.example/trace/{trace_id}}.
   */
  public AlertingSpanProcessorBuilder setTraceUrlTemplate(String template) {
    return set(TRACE_URL_TEMPLATE, template);
  }

  /** An alias alerts only once its rule matched this many times within the window. Default 1. */
  public AlertingSpanProcessorBuilder setAlertMinOccurrences(int occurrences) {
    return set(ALERT_MIN_OCCURRENCES, Integer.toString(occurrences));
  }

  /** The sliding window of the occurrence, error-rate and percentile rules. Default 5 minutes. */
  public AlertingSpanProcessorBuilder setAlertWindow(Duration window) {
    return set(ALERT_WINDOW, window.toMillis() + "ms");
  }

  /** A route's error rate over the window that alerts, above 0 and at most 1 (0.1 is 10%). */
  public AlertingSpanProcessorBuilder setAlertErrorRate(double rate) {
    return set(ALERT_ERROR_RATE, Double.toString(rate));
  }

  /** Requests a route needs in the window before the route rules judge it. Default 20. */
  public AlertingSpanProcessorBuilder setAlertErrorRateMinRequests(int requests) {
    return set(ALERT_ERROR_RATE_MIN_REQUESTS, Integer.toString(requests));
  }

  /** A route's latency percentile (such as 95) compared with its threshold over the window. */
  public AlertingSpanProcessorBuilder setAlertLatencyPercentile(double percentile) {
    return set(ALERT_LATENCY_PERCENTILE, Double.toString(percentile));
  }

  /** Close an alias we opened after this long without a matching request; zero turns it off. */
  public AlertingSpanProcessorBuilder setAlertAutoClose(Duration quietPeriod) {
    return set(ALERT_AUTO_CLOSE, quietPeriod.toMillis() + "ms");
  }

  /**
   * Distinct aliases that may open alerts per window; beyond it they are counted into one alert.
   */
  public AlertingSpanProcessorBuilder setAlertAliasBudget(int budget) {
    return set(ALERT_ALIAS_BUDGET, Integer.toString(budget));
  }

  /** {@code false} leaves stack frames out of alerts; type and message stay. Default true. */
  public AlertingSpanProcessorBuilder setAlertStacktrace(boolean stackTraces) {
    return set(ALERT_STACKTRACE, Boolean.toString(stackTraces));
  }

  /** Resource attributes copied into the details; {@code "none"} for none. */
  public AlertingSpanProcessorBuilder setAlertResourceAttributes(String... names) {
    return set(ALERT_RESOURCE_ATTRIBUTES, Arrays.asList(names));
  }

  /** Named policies, in order; set each one's settings with {@link #setPolicySetting}. */
  public AlertingSpanProcessorBuilder setPolicies(String... names) {
    return set(PolicySettings.POLICIES, Arrays.asList(names));
  }

  /**
   * One setting of a declared policy, by its key relative to the policy ({@code routes}, {@code
   * priority}, {@code responders}, {@code tags}, {@code alias}, {@code status.codes}, {@code
   * status.classes}, {@code threshold.response.time}), written as the flat value: {@code
   * setPolicySetting("payments", "priority", "P1")}.
   */
  public AlertingSpanProcessorBuilder setPolicySetting(
      String policy, String setting, String value) {
    values.put(PolicySettings.PREFIX + policy + "." + setting, value);
    return this;
  }

  /** Check the token against the API base once at startup, on the sender's thread. Default true. */
  public AlertingSpanProcessorBuilder setStartupCheck(boolean check) {
    return set(STARTUP_CHECK, Boolean.toString(check));
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
    if (!settings.enabled) {
      return new AlertingSpanProcessor(settings, DisabledSink.INSTANCE);
    }
    return new AlertingSpanProcessor(settings, Senders.create(settings));
  }

  /**
   * Wraps {@code sampler} so that a server span (or a helper span) it would drop is recorded but
   * not sampled, so that its failure still alerts; returns {@code sampler} itself when {@link
   * #setSamplingRecordServerSpans} turned that off. For {@code
   * SdkTracerProviderBuilder.setSampler}.
   *
   * @throws ConfigurationException naming each invalid setting
   */
  public Sampler recordServerSpans(Sampler sampler) {
    return settings().recordServerSpans ? new OpsgenieSampler(sampler) : sampler;
  }

  OpsgenieSettings settings() {
    try {
      return OpsgenieSettings.parse(SettingsSource.of(values), resource);
    } catch (InvalidSettingsException e) {
      throw e.toConfigurationException();
    }
  }
}
