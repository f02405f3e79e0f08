/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static io.github.otelopsgenie.internal.settings.AlertContentSettings.*;
import static io.github.otelopsgenie.internal.settings.DeliverySettings.*;
import static io.github.otelopsgenie.internal.settings.RequestRuleSettings.*;

import io.github.otelopsgenie.internal.delivery.DisabledSink;
import io.github.otelopsgenie.internal.delivery.Senders;
import io.github.otelopsgenie.internal.settings.BuilderValues;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.PolicySettings;
import io.github.otelopsgenie.internal.settings.Setting;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.time.Duration;
import java.util.Map;

/**
 * Builds an {@link AlertingSpanProcessor} for a plain {@code SdkTracerProvider}: a typed setter for
 * each {@code otel.opsgenie.*} setting of delivery, the rules about one request and the alert's
 * content, named after its key, and {@link #setSetting} for any setting by its key (the windowed
 * rules, the heartbeat and the rules beyond HTTP requests are set that way), all documented in
 * README.md, with the same checks as every other source; {@link #build()} throws {@link
 * ConfigurationException} naming every invalid setting.
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

  private final BuilderValues values = new BuilderValues();
  private Resource resource = Resource.getDefault();

  AlertingSpanProcessorBuilder() {}

  private AlertingSpanProcessorBuilder set(Setting<?> setting, Object value) {
    values.put(setting, value);
    return this;
  }

  /** {@code false}: {@link #build()} gives a processor that sees no span and starts no thread. */
  public AlertingSpanProcessorBuilder setEnabled(boolean enabled) {
    return set(ENABLED, enabled);
  }

  /** The Opsgenie API integration key; without one, alerts are logged instead of sent. */
  public AlertingSpanProcessorBuilder setToken(String token) {
    return set(TOKEN, token);
  }

  /** Default https://api.opsgenie.com; EU https://api.eu.opsgenie.com; or JSM Operations'. */
  public AlertingSpanProcessorBuilder setApiBase(String apiBase) {
    return set(API_BASE, apiBase);
  }

  /** {@code true} accepts plain http to a host other than loopback (the key in clear text). */
  public AlertingSpanProcessorBuilder setApiAllowInsecure(boolean allowInsecure) {
    return set(API_ALLOW_INSECURE, allowInsecure);
  }

  /** Check the token against the API base once at startup, on the sender's thread. Default true. */
  public AlertingSpanProcessorBuilder setStartupCheck(boolean check) {
    return set(STARTUP_CHECK, check);
  }

  /** Connect and read timeout of one request to Opsgenie. Default 10 seconds. */
  public AlertingSpanProcessorBuilder setTimeout(Duration timeout) {
    return set(TIMEOUT, timeout);
  }

  /** Alerts waiting to be sent; a full queue drops and counts. Default 1024. */
  public AlertingSpanProcessorBuilder setQueueSize(int queueSize) {
    return set(QUEUE_SIZE, queueSize);
  }

  /** Attempts per alert on transport errors, 5xx and 429. Default 5. */
  public AlertingSpanProcessorBuilder setRetryMaxAttempts(int attempts) {
    return set(RETRY_MAX_ATTEMPTS, attempts);
  }

  /** First retry delay (exponential, with jitter). Default 1 second. */
  public AlertingSpanProcessorBuilder setRetryInitialBackoff(Duration backoff) {
    return set(RETRY_INITIAL_BACKOFF, backoff);
  }

  /** Longest retry delay, not shorter than the initial one. Default 30 seconds. */
  public AlertingSpanProcessorBuilder setRetryMaxBackoff(Duration backoff) {
    return set(RETRY_MAX_BACKOFF, backoff);
  }

  /** The same alias is sent at most once per cooldown; {@link Duration#ZERO} turns it off. */
  public AlertingSpanProcessorBuilder setAlertCooldown(Duration cooldown) {
    return set(ALERT_COOLDOWN, cooldown);
  }

  /** HTTP status codes that alert, such as 500 and 502. */
  public AlertingSpanProcessorBuilder setAlertStatusCodes(Integer... codes) {
    return set(ALERT_STATUS_CODES, codes);
  }

  /** Classes such as {@code 5XX}: the whole hundred. */
  public AlertingSpanProcessorBuilder setAlertStatusClasses(String... classes) {
    return set(ALERT_STATUS_CLASSES, classes);
  }

  /** Route regexes (whole match) checked by the status rules; default all. */
  public AlertingSpanProcessorBuilder setMonitoredEndpoints(String... regexes) {
    return set(MONITORED_ENDPOINTS, regexes);
  }

  /** Route regexes (whole match) never checked by the status rules. */
  public AlertingSpanProcessorBuilder setIgnoredEndpoints(String... regexes) {
    return set(IGNORED_ENDPOINTS, regexes);
  }

  /** A request strictly slower alerts, on the routes of the response-time endpoints. */
  public AlertingSpanProcessorBuilder setThresholdResponseTime(Duration threshold) {
    return set(THRESHOLD_RESPONSE_TIME, threshold);
  }

  /** Route regexes (whole match) checked against the response time threshold. */
  public AlertingSpanProcessorBuilder setResponseTimeMonitoredEndpoints(String... regexes) {
    return set(RESPONSE_TIME_MONITORED_ENDPOINTS, regexes);
  }

  /** Per-route thresholds: route regex to threshold, checked before the global threshold. */
  public AlertingSpanProcessorBuilder setResponseTimeThresholds(Map<String, Duration> thresholds) {
    return set(RESPONSE_TIME_THRESHOLDS, thresholds);
  }

  /** Alert on {@code exception} events of server spans. Default true. */
  public AlertingSpanProcessorBuilder setAlertExceptions(boolean alertExceptions) {
    return set(ALERT_EXCEPTIONS, alertExceptions);
  }

  /** Exception classes (simple or fully qualified names) that never raise an exception alert. */
  public AlertingSpanProcessorBuilder setIgnoredExceptions(String... exceptionClassNames) {
    return set(IGNORED_EXCEPTIONS, exceptionClassNames);
  }

  /** Whether {@link #recordServerSpans(Sampler)} wraps a sampler (default true). */
  public AlertingSpanProcessorBuilder setSamplingRecordServerSpans(boolean record) {
    return set(SAMPLING_RECORD_SERVER_SPANS, record);
  }

  /** Service id in aliases, messages and details; default the resource's {@code service.name}. */
  public AlertingSpanProcessorBuilder setServiceId(String serviceId) {
    return set(SERVICE_ID, serviceId);
  }

  /** Fallback of the status, latency and exception aliases. */
  public AlertingSpanProcessorBuilder setAlertAlias(String alias) {
    return set(ALERT_ALIAS, alias);
  }

  /** Alias template of status alerts, such as {@code {service_id}-{route}-{status_code}}. */
  public AlertingSpanProcessorBuilder setAlertStatusAlias(String alias) {
    return set(ALERT_STATUS_ALIAS, alias);
  }

  /** Alias template of latency alerts, such as {@code {service_id}-{route}-latency}. */
  public AlertingSpanProcessorBuilder setAlertLatencyAlias(String alias) {
    return set(ALERT_LATENCY_ALIAS, alias);
  }

  /** Suffix of exception aliases: {@code {service_id}-{ExceptionSimpleName}-{suffix}}. */
  public AlertingSpanProcessorBuilder setAlertExceptionAlias(String alias) {
    return set(ALERT_EXCEPTION_ALIAS, alias);
  }

  /** P1..P5, default P4. */
  public AlertingSpanProcessorBuilder setAlertPriority(String priority) {
    return set(ALERT_PRIORITY, priority);
  }

  /** Alert tags (Opsgenie allows 20 of 50 characters each). */
  public AlertingSpanProcessorBuilder setAlertTags(String... tags) {
    return set(ALERT_TAGS, tags);
  }

  /** {@code user:neo@matrix}, {@code team:ops}, {@code escalation:x}, {@code team:id:<id>}... */
  public AlertingSpanProcessorBuilder setResponders(String... responders) {
    return set(RESPONDERS, responders);
  }

  /** Details added over the default details. */
  public AlertingSpanProcessorBuilder setAlertDetails(Map<String, String> details) {
    return set(ALERT_DETAILS, details);
  }

  /** Request headers copied into the details (sensitive ones are never forwarded). */
  public AlertingSpanProcessorBuilder setForwardedHeaderKeys(String... headers) {
    return set(FORWARDED_HEADER_KEYS, headers);
  }

  /** Resource attributes copied into the details; {@code "none"} for none. */
  public AlertingSpanProcessorBuilder setAlertResourceAttributes(String... names) {
    return set(ALERT_RESOURCE_ATTRIBUTES, names);
  }

  /** {@code false} leaves stack frames out of alerts; type and message stay. Default true. */
  public AlertingSpanProcessorBuilder setAlertStacktrace(boolean stackTraces) {
    return set(ALERT_STACKTRACE, stackTraces);
  }

  /** A link to the failing request's trace: {@code https://jaeger.example/trace/{trace_id}}. */
  public AlertingSpanProcessorBuilder setTraceUrlTemplate(String template) {
    return set(TRACE_URL_TEMPLATE, template);
  }

  /**
   * Any setting by its key without the {@code otel.opsgenie.} prefix, with its value written as in
   * a properties file: {@code setSetting("alert.window", "2m")}, {@code setSetting("alert.jobs",
   * "false")}, {@code setSetting("alert.rpc.status.codes", "UNAVAILABLE,14")}. The windowed rules,
   * the heartbeat and the rules beyond HTTP requests (jobs, consumers, gRPC, dependencies) have no
   * typed setter: they are set this way. {@link #build()} checks the value as it checks every
   * other; a null or empty value unsets it.
   *
   * @throws IllegalArgumentException if {@code key} is no otel-opsgenie setting (policy settings
   *     are set with {@link #setPolicySetting})
   */
  public AlertingSpanProcessorBuilder setSetting(String key, String value) {
    values.putText(key, value);
    return this;
  }

  /** Named policies, in order; set each one's settings with {@link #setPolicySetting}. */
  public AlertingSpanProcessorBuilder setPolicies(String... names) {
    return set(PolicySettings.POLICIES, names);
  }

  /** One setting of policy {@code policy} by its relative key, such as {@code "priority", "P1"}. */
  public AlertingSpanProcessorBuilder setPolicySetting(
      String policy, String setting, String value) {
    values.putPolicySetting(policy, setting, value);
    return this;
  }

  /** The resource whose {@code service.name} and {@code host.name} are the defaults. */
  public AlertingSpanProcessorBuilder setResource(Resource resource) {
    this.resource = resource;
    return this;
  }

  /** Checks every setting ({@link ConfigurationException} if any is invalid) and builds. */
  public AlertingSpanProcessor build() {
    OpsgenieSettings settings = settings();
    if (!settings.enabled) {
      return new AlertingSpanProcessor(settings, DisabledSink.INSTANCE);
    }
    return new AlertingSpanProcessor(settings, Senders.create(settings));
  }

  /**
   * Wraps {@code sampler} so that a span an enabled rule reads (server spans; consumer spans with
   * consumer alerts on; root INTERNAL spans, as job runs are, with job alerts on; client spans with
   * the dependency rule on) is still recorded when the sampler would drop it (unsampled, so never
   * exported) and its failure alerts, unless {@link #setSamplingRecordServerSpans} turned that off;
   * checks settings.
   */
  public Sampler recordServerSpans(Sampler sampler) {
    OpsgenieSettings settings = settings();
    return settings.recordServerSpans ? OpsgenieSampler.forRules(sampler, settings) : sampler;
  }

  OpsgenieSettings settings() {
    return values.settings(resource);
  }
}
