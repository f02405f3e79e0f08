/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static io.github.otelopsgenie.internal.settings.AlertContentSettings.*;
import static io.github.otelopsgenie.internal.settings.BeyondHttpSettings.*;
import static io.github.otelopsgenie.internal.settings.DeliverySettings.*;
import static io.github.otelopsgenie.internal.settings.HeartbeatSettings.*;
import static io.github.otelopsgenie.internal.settings.RequestRuleSettings.*;
import static io.github.otelopsgenie.internal.settings.WindowSettings.*;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.alert.Responder;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Every otel-opsgenie setting, parsed and checked once at startup: the immutable value the other
 * packages read. Each field comes from one {@link Setting} of the {@link SettingsRegistry} (its
 * topic class defines it, with its checks, also those that involve a second setting). Two factories
 * read the same keys: {@link #fromConfigProperties} (flat {@code otel.opsgenie.*} properties and
 * {@code OTEL_OPSGENIE_*} environment variables) and {@link #fromDeclarative} (the YAML processor
 * block).
 */
public final class OpsgenieSettings {

  public static final String DEFAULT_PRIORITY = OpsgenieAlert.DEFAULT_PRIORITY;
  public static final String DEFAULT_TAG = "otel-opsgenie";
  public static final String DEFAULT_STATUS_ALIAS = "{service_id}-response-status-alert";
  public static final String DEFAULT_LATENCY_ALIAS = "{service_id}-response-latency-alert";

  /** {@code alert.min.occurrences} above this is a typo, not a rule. */
  public static final int MAX_MIN_OCCURRENCES = 1_000;

  public static final List<String> PRIORITIES =
      Collections.unmodifiableList(Arrays.asList("P1", "P2", "P3", "P4", "P5"));

  public final boolean enabled;
  public final String token;
  public final URI apiBase;
  public final boolean[] statusCodes;
  public final boolean[] statusClasses;

  /** gRPC status codes (0..16) that alert on gRPC server spans. */
  public final boolean[] rpcStatusCodes;

  public final List<Pattern> monitoredEndpoints;
  public final List<Pattern> ignoredEndpoints;
  public final long thresholdNanos;
  public final List<Pattern> responseTimeMonitoredEndpoints;
  public final Map<Pattern, Long> responseTimeThresholdNanos;
  public final List<String> tags;
  public final Map<String, String> details;

  /** The configured service id; null in declarative mode without one (each span's service.name). */
  public final String serviceId;

  public final String host;
  public final String statusAlias;
  public final String latencyAlias;
  public final String exceptionAliasSuffix;
  public final String handledAliasSuffix;
  public final String priority;
  public final List<String> forwardedHeaderKeys;
  public final List<String> rejectedHeaderKeys;
  public final List<Responder> responders;
  public final boolean alertExceptions;
  public final Set<String> ignoredExceptions;

  /** Alert on failed runs of scheduled jobs (spans of the agent's scheduling instrumentations). */
  public final boolean alertJobs;

  /** Alert on message consumer (CONSUMER) spans that end with an exception. */
  public final boolean alertConsumers;

  public final boolean recordServerSpans;
  public final int queueSize;
  public final int maxAttempts;
  public final Duration initialBackoff;
  public final Duration maxBackoff;
  public final Duration timeout;
  public final Duration cooldown;

  /** A link to the failing request's trace, with {trace_id}; null when not configured. */
  public final String traceUrlTemplate;

  /** Alert only after this many matches of a rule for one alias within {@link #windowNanos}. */
  public final int minOccurrences;

  public final long windowNanos;

  /** Error rate (0..1) of a route over the window that alerts; -1 when off. */
  public final double errorRate;

  public final int errorRateMinRequests;

  /** Latency percentile (0..100) of a route over the window compared to its threshold; -1 off. */
  public final double latencyPercentile;

  /** Close an alias we opened after this long without a matching request; -1 when off. */
  public final long autoCloseNanos;

  /** On an API without reads, auto-close closes unread (a single instance); else leaves open. */
  public final boolean autoCloseUnread;

  /** Error rate (0..1) of calls to one dependency over the window that alerts; -1 when off. */
  public final double dependencyErrorRate;

  public final int dependencyMinRequests;

  /** {@code api.allow.insecure}: a plain http base on a non-loopback host is accepted. */
  public final boolean allowInsecure;

  /** Distinct aliases that may open alerts per window. */
  public final int aliasBudget;

  /** False leaves stack frames out of alerts (flask-opsgenie's NO_TRACEBACK). */
  public final boolean stackTraces;

  /** Resource attributes copied into the details. */
  public final List<String> resourceAttributes;

  /** Check the token against the API base once at startup, on the sender's thread. */
  public final boolean startupCheck;

  /** The heartbeat pinged every {@link #heartbeatInterval}, placeholders filled; null: none. */
  public final String heartbeatName;

  public final Duration heartbeatInterval;

  /** Create the heartbeat at startup when Opsgenie does not know it. */
  public final boolean heartbeatCreate;

  /** The message of the alert Opsgenie raises when a heartbeat we create expires. */
  public final String heartbeatAlertMessage;

  /** Named policies in declaration order; the first whose routes match decides. */
  public final List<Policy> policies;

  public final List<String> warnings;

  private OpsgenieSettings(SettingsReader r, Resource resource) {
    this.enabled = ENABLED.parse(r);
    this.token = TOKEN.parse(r);
    this.apiBase = API_BASE.parse(r);
    this.statusCodes = ALERT_STATUS_CODES.parse(r);
    this.statusClasses = ALERT_STATUS_CLASSES.parse(r);
    this.rpcStatusCodes = ALERT_RPC_STATUS_CODES.parse(r);
    this.monitoredEndpoints = MONITORED_ENDPOINTS.parse(r);
    this.ignoredEndpoints = IGNORED_ENDPOINTS.parse(r);
    this.thresholdNanos = THRESHOLD_RESPONSE_TIME.parse(r);
    this.responseTimeMonitoredEndpoints = RESPONSE_TIME_MONITORED_ENDPOINTS.parse(r);
    this.responseTimeThresholdNanos = RESPONSE_TIME_THRESHOLDS.parse(r);
    this.tags = ALERT_TAGS.parse(r);
    this.details = ALERT_DETAILS.parse(r);
    this.host = ServiceIdentity.hostName(resource);
    this.serviceId = ServiceIdentity.serviceIdOf(SERVICE_ID.parse(r), resource, host);
    this.statusAlias = ALERT_STATUS_ALIAS.parse(r);
    this.latencyAlias = ALERT_LATENCY_ALIAS.parse(r);
    this.exceptionAliasSuffix = ALERT_EXCEPTION_ALIAS.parse(r);
    String alias = ALERT_ALIAS.parse(r);
    this.handledAliasSuffix = alias != null ? alias : DEFAULT_EXCEPTION_SUFFIX;
    this.priority = ALERT_PRIORITY.parse(r);
    List<String> headers = FORWARDED_HEADER_KEYS.parse(r);
    this.forwardedHeaderKeys = SensitiveHeaders.allowed(headers);
    this.rejectedHeaderKeys = SensitiveHeaders.rejected(headers);
    this.responders = RESPONDERS.parse(r);
    this.alertExceptions = ALERT_EXCEPTIONS.parse(r);
    this.ignoredExceptions = IGNORED_EXCEPTIONS.parse(r);
    this.alertJobs = ALERT_JOBS.parse(r);
    this.alertConsumers = ALERT_CONSUMERS.parse(r);
    this.recordServerSpans = SAMPLING_RECORD_SERVER_SPANS.parse(r);
    this.queueSize = QUEUE_SIZE.parse(r);
    this.maxAttempts = RETRY_MAX_ATTEMPTS.parse(r);
    this.initialBackoff = RETRY_INITIAL_BACKOFF.parse(r);
    this.maxBackoff = RETRY_MAX_BACKOFF.parse(r);
    this.timeout = TIMEOUT.parse(r);
    this.cooldown = ALERT_COOLDOWN.parse(r);
    this.traceUrlTemplate = TRACE_URL_TEMPLATE.parse(r);
    this.minOccurrences = ALERT_MIN_OCCURRENCES.parse(r);
    this.windowNanos = ALERT_WINDOW.parse(r).toNanos();
    this.errorRate = ALERT_ERROR_RATE.parse(r);
    this.errorRateMinRequests = ALERT_ERROR_RATE_MIN_REQUESTS.parse(r);
    this.latencyPercentile = ALERT_LATENCY_PERCENTILE.parse(r);
    Duration autoClose = ALERT_AUTO_CLOSE.parse(r);
    this.autoCloseNanos = autoClose.isZero() ? -1 : autoClose.toNanos();
    this.autoCloseUnread = ALERT_AUTO_CLOSE_UNREAD.parse(r);
    this.dependencyErrorRate = DEPENDENCY_ERROR_RATE.parse(r);
    this.dependencyMinRequests = DEPENDENCY_MIN_REQUESTS.parse(r);
    this.allowInsecure = API_ALLOW_INSECURE.parse(r);
    this.aliasBudget = ALERT_ALIAS_BUDGET.parse(r);
    this.stackTraces = ALERT_STACKTRACE.parse(r);
    this.resourceAttributes = ALERT_RESOURCE_ATTRIBUTES.parse(r);
    this.policies = PolicySettings.read(r, PolicySettings.POLICIES.parse(r));
    this.startupCheck = STARTUP_CHECK.parse(r);
    this.heartbeatName = HeartbeatSettings.resolve(r, HEARTBEAT_NAME.parse(r), serviceId, resource);
    this.heartbeatInterval = HEARTBEAT_INTERVAL.parse(r);
    this.heartbeatCreate = HEARTBEAT_CREATE.parse(r);
    this.heartbeatAlertMessage = HeartbeatSettings.alertMessage(heartbeatName, serviceId, resource);
    // the checks that involve a second setting, with the topic of the setting they constrain
    HeartbeatSettings.crossCheck(r, this);
    RequestRuleSettings.crossCheck(r, this);
    DeliveryChecks.crossCheck(r, this);
    WindowSettings.crossCheck(r, this);
    this.warnings = r.warnings();
    if (!r.problems().isEmpty()) {
      throw new InvalidSettingsException(
          r.problems(),
          token,
          DeliveryChecks.carriesKey(apiBase, allowInsecure) ? apiBase : null,
          serviceId != null ? serviceId : ServiceIdentity.serviceIdOf((String) null, host),
          priority);
    }
  }

  /**
   * Reads flat properties; {@code resource} supplies the default service id and host.
   *
   * @throws ConfigurationException naming every invalid key, its value and the expected form
   */
  public static OpsgenieSettings fromConfigProperties(ConfigProperties config, Resource resource) {
    return checked(SettingsSource.of(config), resource);
  }

  /**
   * Reads the declarative (YAML) processor block, keys in snake_case ({@code alert_status_codes}).
   *
   * @throws ConfigurationException naming every invalid key, its value and the expected form
   */
  public static OpsgenieSettings fromDeclarative(DeclarativeConfigProperties config) {
    return checked(SettingsSource.of(config), null);
  }

  /**
   * Parses {@code source}, a rejection as the {@link ConfigurationException} naming each problem.
   */
  static OpsgenieSettings checked(SettingsSource source, Resource resource) {
    try {
      return parse(source, resource);
    } catch (InvalidSettingsException e) {
      throw e.toConfigurationException();
    }
  }

  /** Like the public factories, but a rejection keeps what is needed to report it by alert. */
  public static OpsgenieSettings parse(SettingsSource source, Resource resource) {
    return new OpsgenieSettings(new SettingsReader(source), resource);
  }

  /** True when alerts are sent to Opsgenie; false when they are only logged (no token). */
  public boolean hasToken() {
    return token != null;
  }

  @Override
  public String toString() {
    return SettingsSummary.of(this);
  }

  public static List<Integer> codes(boolean[] codes) {
    List<Integer> out = new ArrayList<>();
    for (int i = 0; i < codes.length; i++) {
      if (codes[i]) {
        out.add(i);
      }
    }
    return out;
  }

  public static List<String> classes(boolean[] classes) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < classes.length; i++) {
      if (classes[i]) {
        out.add(i + "XX");
      }
    }
    return out;
  }
}
