/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.settings;

import io.github.otelopsgenie.alert.FieldLimits;
import io.github.otelopsgenie.alert.Responder;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.resources.Resource;
import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * Every otel-opsgenie setting, parsed and checked once at startup. Two factories read the same keys:
 * {@link #fromConfigProperties} (flat {@code otel.opsgenie.*} properties and {@code OTEL_OPSGENIE_*}
 * environment variables) and {@link #fromDeclarative} (the YAML processor block). Every check and its
 * message lives here, so both paths and the programmatic builder reject the same values with the same
 * words. Immutable.
 */
public final class OpsgenieSettings {

  static final String DEFAULT_API_BASE = "https://api.opsgenie.com";
  public static final String DEFAULT_PRIORITY = "P4";
  public static final String DEFAULT_TAG = "otel-opsgenie";
  static final String DEFAULT_STATUS_ALIAS = "{service_id}-response-status-alert";
  static final String DEFAULT_LATENCY_ALIAS = "{service_id}-response-latency-alert";
  static final String DEFAULT_EXCEPTION_SUFFIX = "exception-alert";
  static final int DEFAULT_QUEUE_SIZE = 1024;
  static final int DEFAULT_MAX_ATTEMPTS = 5;
  static final Duration DEFAULT_INITIAL_BACKOFF = Duration.ofSeconds(1);
  static final Duration DEFAULT_MAX_BACKOFF = Duration.ofSeconds(30);
  static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(10);
  static final Duration DEFAULT_COOLDOWN = Duration.ofSeconds(60);
  static final Duration DEFAULT_WINDOW = Duration.ofMinutes(5);
  static final int DEFAULT_ERROR_RATE_MIN_REQUESTS = 20;

  public static final List<String> PRIORITIES =
      Collections.unmodifiableList(Arrays.asList("P1", "P2", "P3", "P4", "P5"));
  static final List<String> ALIAS_PLACEHOLDERS =
      Collections.unmodifiableList(
          Arrays.asList("{service_id}", "{route}", "{method}", "{status_code}"));

  private static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");
  private static final AttributeKey<String> HOST_NAME = AttributeKey.stringKey("host.name");
  private static final Pattern STATUS_CLASS = Pattern.compile("([1-5])XX", Pattern.CASE_INSENSITIVE);
  private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");
  private static final Pattern MILLIS = Pattern.compile("-?\\d+(\\.\\d+)?");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{[^}]*}");

  /** Every key, flat form without the prefix. Unknown {@code otel.opsgenie.*} keys are reported. */
  public static final Set<String> KEYS =
      Collections.unmodifiableSet(
          new LinkedHashSet<>(
              Arrays.asList(
                  "enabled",
                  "token",
                  "api.base",
                  "alert.status.codes",
                  "alert.status.classes",
                  "monitored.endpoints",
                  "ignored.endpoints",
                  "threshold.response.time",
                  "response.time.monitored.endpoints",
                  "response.time.thresholds",
                  "alert.tags",
                  "alert.details",
                  "service.id",
                  "alert.alias",
                  "alert.status.alias",
                  "alert.latency.alias",
                  "alert.exception.alias",
                  "alert.priority",
                  "forwarded.header.keys",
                  "responders",
                  "alert.exceptions",
                  "ignored.exceptions",
                  "sampling.record.server.spans",
                  "queue.size",
                  "retry.max.attempts",
                  "retry.initial.backoff",
                  "retry.max.backoff",
                  "timeout",
                  "alert.cooldown",
                  "trace.url.template",
                  "alert.min.occurrences",
                  "alert.window",
                  "alert.error.rate",
                  "alert.error.rate.min.requests",
                  "alert.latency.percentile",
                  "alert.auto.close")));

  public final boolean enabled;
  public final String token;
  public final URI apiBase;
  public final boolean[] statusCodes;
  public final boolean[] statusClasses;
  public final List<Pattern> monitoredEndpoints;
  public final List<Pattern> ignoredEndpoints;
  public final long thresholdNanos;
  public final List<Pattern> responseTimeMonitoredEndpoints;
  public final Map<Pattern, Long> responseTimeThresholdNanos;
  public final List<String> tags;
  public final Map<String, String> details;
  public final String serviceId;
  public final String host;
  public final String statusAlias;
  public final String latencyAlias;
  public final String exceptionAliasSuffix;
  public final String handledAliasSuffix;
  public final String priority;
  public final List<String> forwardedHeaderKeys;
  final List<String> rejectedHeaderKeys;
  public final List<Responder> responders;
  public final boolean alertExceptions;
  public final Set<String> ignoredExceptions;
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
  public final List<String> warnings;

  private OpsgenieSettings(Reader r) {
    this.enabled = r.bool("enabled", true);
    this.token = r.token();
    this.apiBase = r.apiBase();
    this.statusCodes = r.statusCodes();
    this.statusClasses = r.statusClasses();
    this.monitoredEndpoints = r.patterns("monitored.endpoints");
    this.ignoredEndpoints = r.patterns("ignored.endpoints");
    this.thresholdNanos = r.threshold();
    this.responseTimeMonitoredEndpoints = r.patterns("response.time.monitored.endpoints");
    this.responseTimeThresholdNanos = r.thresholds();
    r.checkLatencyRule(thresholdNanos, responseTimeMonitoredEndpoints);
    this.tags = r.tags();
    this.details = r.details();
    this.host = r.host;
    this.serviceId = r.serviceId();
    this.statusAlias = r.alias("alert.status.alias", r.alias("alert.alias", DEFAULT_STATUS_ALIAS));
    this.latencyAlias = r.alias("alert.latency.alias", r.alias("alert.alias", DEFAULT_LATENCY_ALIAS));
    this.exceptionAliasSuffix =
        r.alias("alert.exception.alias", r.alias("alert.alias", DEFAULT_EXCEPTION_SUFFIX));
    this.handledAliasSuffix = r.alias("alert.alias", DEFAULT_EXCEPTION_SUFFIX);
    this.priority = r.priority();
    List<String> headers = r.headerKeys();
    this.forwardedHeaderKeys = SensitiveHeaders.allowed(headers);
    this.rejectedHeaderKeys = SensitiveHeaders.rejected(headers);
    this.responders = r.responders();
    this.alertExceptions = r.bool("alert.exceptions", true);
    this.ignoredExceptions = Collections.unmodifiableSet(new LinkedHashSet<>(r.list("ignored.exceptions")));
    this.recordServerSpans = r.bool("sampling.record.server.spans", true);
    this.queueSize = r.integer("queue.size", DEFAULT_QUEUE_SIZE, 1, 1_000_000);
    this.maxAttempts = r.integer("retry.max.attempts", DEFAULT_MAX_ATTEMPTS, 1, 100);
    this.initialBackoff = r.duration("retry.initial.backoff", DEFAULT_INITIAL_BACKOFF, false);
    this.maxBackoff = r.duration("retry.max.backoff", DEFAULT_MAX_BACKOFF, false);
    r.checkBackoff(initialBackoff, maxBackoff);
    this.timeout = r.duration("timeout", DEFAULT_TIMEOUT, false);
    this.cooldown = r.duration("alert.cooldown", DEFAULT_COOLDOWN, true);
    this.traceUrlTemplate = r.traceUrlTemplate();
    this.minOccurrences = r.integer("alert.min.occurrences", 1, 1, 1_000_000);
    this.windowNanos = r.duration("alert.window", DEFAULT_WINDOW, false).toNanos();
    this.errorRate = r.fraction("alert.error.rate");
    this.errorRateMinRequests =
        r.integer("alert.error.rate.min.requests", DEFAULT_ERROR_RATE_MIN_REQUESTS, 1, 1_000_000);
    this.latencyPercentile = r.percentile("alert.latency.percentile", thresholdNanos, responseTimeThresholdNanos);
    Duration autoClose = r.duration("alert.auto.close", Duration.ZERO, true);
    this.autoCloseNanos = autoClose.isZero() ? -1 : autoClose.toNanos();
    this.warnings = Collections.unmodifiableList(r.warnings);
    r.throwIfInvalid(serviceId, priority);
  }

  /**
   * Reads flat properties; {@code resource} supplies the default service id and host.
   *
   * @throws ConfigurationException naming every invalid key, its value and the expected form
   */
  public static OpsgenieSettings fromConfigProperties(ConfigProperties config, Resource resource) {
    try {
      return parse(SettingsSource.of(config), resource);
    } catch (InvalidSettingsException e) {
      throw e.toConfigurationException();
    }
  }

  /**
   * Reads the declarative (YAML) processor block, keys in snake_case ({@code alert_status_codes}).
   *
   * @throws ConfigurationException naming every invalid key, its value and the expected form
   */
  public static OpsgenieSettings fromDeclarative(DeclarativeConfigProperties config) {
    try {
      return parse(SettingsSource.of(config), null);
    } catch (InvalidSettingsException e) {
      throw e.toConfigurationException();
    }
  }

  /** Like the public factories, but a rejection keeps what is needed to report it by alert. */
  public static OpsgenieSettings parse(SettingsSource source, Resource resource) {
    return new OpsgenieSettings(new Reader(source, resource));
  }

  /** True when alerts are sent to Opsgenie; false when they are only logged (no token). */
  public boolean hasToken() {
    return token != null;
  }

  /** The create-alert endpoint under the configured base. */
  static URI alertsEndpoint(URI base) {
    String s = base.toString();
    return URI.create((s.endsWith("/") ? s.substring(0, s.length() - 1) : s) + "/v2/alerts");
  }

  @Override
  public String toString() {
    return "OpsgenieSettings{enabled=" + enabled
        + ", apiBase=" + apiBase
        + ", token=" + (token == null ? "(none: alerts are logged)" : "****")
        + ", serviceId=" + serviceId
        + ", statusCodes=" + codes(statusCodes)
        + ", statusClasses=" + classes(statusClasses)
        + ", monitoredEndpoints=" + monitoredEndpoints
        + ", ignoredEndpoints=" + ignoredEndpoints
        + ", thresholdMs=" + (thresholdNanos < 0 ? "none" : Long.toString(thresholdNanos / 1_000_000))
        + ", responseTimeMonitoredEndpoints=" + responseTimeMonitoredEndpoints
        + ", responseTimeThresholds=" + responseTimeThresholdNanos.size()
        + ", alertExceptions=" + alertExceptions
        + ", ignoredExceptions=" + ignoredExceptions
        + ", priority=" + priority
        + ", tags=" + tags
        + ", responders=" + responders
        + ", forwardedHeaderKeys=" + forwardedHeaderKeys
        + ", recordServerSpans=" + recordServerSpans
        + ", cooldown=" + cooldown
        + (traceUrlTemplate == null ? "" : ", traceUrlTemplate=" + traceUrlTemplate)
        + (minOccurrences > 1 ? ", minOccurrences=" + minOccurrences : "")
        + (minOccurrences > 1 || errorRate > 0 || latencyPercentile > 0
            ? ", windowMs=" + windowNanos / 1_000_000 : "")
        + (errorRate > 0 ? ", errorRate=" + errorRate + ", errorRateMinRequests=" + errorRateMinRequests : "")
        + (latencyPercentile > 0 ? ", latencyPercentile=" + latencyPercentile : "")
        + (autoCloseNanos > 0 ? ", autoCloseMs=" + autoCloseNanos / 1_000_000 : "")
        + "}";
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

  /** Parses one source, collecting every problem instead of stopping at the first. */
  private static final class Reader {
    private final SettingsSource source;
    private final Resource resource;
    private final String host;
    private final List<String> problems = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private String validToken;
    private URI validBase;

    Reader(SettingsSource source, Resource resource) {
      this.source = source;
      this.resource = resource;
      this.host = hostName(resource);
    }

    private void problem(String key, String value, String expected) {
      problems.add(source.display(key) + "=" + value + " is invalid: expected " + expected);
    }

    boolean bool(String key, boolean defaultValue) {
      String raw = source.raw(key);
      if (raw == null) {
        return defaultValue;
      }
      if (raw.equalsIgnoreCase("true") || raw.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(raw.toLowerCase(Locale.ROOT));
      }
      problem(key, raw, "true or false");
      return defaultValue;
    }

    int integer(String key, int defaultValue, int min, int max) {
      String raw = source.raw(key);
      if (raw == null) {
        return defaultValue;
      }
      try {
        int value = Integer.parseInt(raw);
        if (value >= min && value <= max) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(key, raw, "a whole number from " + min + " to " + max);
      return defaultValue;
    }

    Duration duration(String key, Duration defaultValue, boolean zeroAllowed) {
      String raw = source.raw(key);
      if (raw == null) {
        return defaultValue;
      }
      Duration value = parseDuration(raw);
      if (value == null || (!zeroAllowed && value.isZero())) {
        problem(
            key,
            raw,
            (zeroAllowed ? "" : "a positive ")
                + "duration such as 500ms, 10s, 5m or 1h (a bare number is milliseconds)");
        return defaultValue;
      }
      return value;
    }

    List<String> list(String key) {
      return source.list(key);
    }

    public String token() {
      String raw = source.raw("token");
      if (raw == null) {
        return null;
      }
      for (int i = 0; i < raw.length(); i++) {
        if (Character.isWhitespace(raw.charAt(i)) || Character.isISOControl(raw.charAt(i))) {
          problems.add(
              source.display("token")
                  + " is invalid: expected an Opsgenie API integration key without spaces"
                  + " (the value is not shown)");
          return null;
        }
      }
      validToken = raw;
      return raw;
    }

    public URI apiBase() {
      String raw = source.raw("api.base");
      if (raw == null) {
        validBase = URI.create(DEFAULT_API_BASE);
        return validBase;
      }
      try {
        URI uri = new URI(raw);
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if ((scheme.equals("https") || scheme.equals("http"))
            && uri.getHost() != null
            && uri.getQuery() == null
            && uri.getFragment() == null
            && uri.getUserInfo() == null) {
          if (scheme.equals("http") && !isLoopback(uri.getHost())) {
            warnings.add(
                source.display("api.base") + "=" + raw
                    + " is plain http: the API key would cross the network in clear text");
          }
          validBase = uri;
          return uri;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      problem(
          "api.base",
          raw,
          "an http(s) URL such as https://api.opsgenie.com, https://api.eu.opsgenie.com or"
              + " https://api.atlassian.com/jsm/ops/integration");
      return URI.create(DEFAULT_API_BASE);
    }

    public boolean[] statusCodes() {
      boolean[] codes = new boolean[600];
      for (String value : source.list("alert.status.codes")) {
        try {
          int code = Integer.parseInt(value.trim());
          if (code >= 100 && code <= 599) {
            codes[code] = true;
            continue;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        problem(
            "alert.status.codes",
            source.raw("alert.status.codes"),
            "a comma-separated list of HTTP status codes from 100 to 599, such as 500,502 ("
                + value + " is not one)");
        break;
      }
      return codes;
    }

    public boolean[] statusClasses() {
      boolean[] classes = new boolean[6];
      for (String value : source.list("alert.status.classes")) {
        Matcher m = STATUS_CLASS.matcher(value.trim());
        if (m.matches()) {
          classes[m.group(1).charAt(0) - '0'] = true;
          continue;
        }
        problem(
            "alert.status.classes",
            source.raw("alert.status.classes"),
            "a comma-separated list of status classes 1XX to 5XX, such as 5XX,4XX ("
                + value + " is not one)");
        break;
      }
      return classes;
    }

    List<Pattern> patterns(String key) {
      List<Pattern> patterns = new ArrayList<>();
      for (String regex : source.list(key)) {
        Pattern p = pattern(key, regex, source.raw(key));
        if (p != null) {
          patterns.add(p);
        }
      }
      return Collections.unmodifiableList(patterns);
    }

    private Pattern pattern(String key, String regex, String raw) {
      try {
        return Pattern.compile(regex);
      } catch (PatternSyntaxException e) {
        problem(
            key,
            raw,
            "a comma-separated list of regular expressions matched against the whole route ("
                + regex + ": " + e.getDescription() + " near index " + e.getIndex() + ")");
        return null;
      }
    }

    long threshold() {
      String raw = source.raw("threshold.response.time");
      if (raw == null) {
        return -1;
      }
      long nanos = millisOrDuration(raw);
      if (nanos <= 0) {
        problem(
            "threshold.response.time",
            raw,
            "a positive number of milliseconds such as 2000 (or a duration such as 2s)");
        return -1;
      }
      return nanos;
    }

    Map<Pattern, Long> thresholds() {
      Map<String, String> raw;
      try {
        raw = source.map("response.time.thresholds");
      } catch (IllegalArgumentException e) {
        problem(
            "response.time.thresholds",
            source.raw("response.time.thresholds"),
            "route-regex=milliseconds pairs separated by commas, such as /api/.*=500,/report=5000");
        return Collections.emptyMap();
      }
      Map<Pattern, Long> out = new LinkedHashMap<>();
      for (Map.Entry<String, String> e : raw.entrySet()) {
        long nanos = millisOrDuration(e.getValue());
        Pattern p = pattern("response.time.thresholds", e.getKey(), source.raw("response.time.thresholds"));
        if (nanos <= 0) {
          problem(
              "response.time.thresholds",
              source.raw("response.time.thresholds"),
              "a positive number of milliseconds for each route regex (" + e.getKey() + "="
                  + e.getValue() + " is not one)");
        } else if (p != null) {
          out.put(p, nanos);
        }
      }
      return Collections.unmodifiableMap(out);
    }

    void checkLatencyRule(long thresholdNanos, List<Pattern> monitored) {
      String threshold = source.raw("threshold.response.time");
      if (threshold != null && thresholdNanos > 0 && monitored.isEmpty()) {
        problems.add(
            source.display("threshold.response.time") + "=" + threshold
                + " is invalid without " + source.display("response.time.monitored.endpoints")
                + ": expected a comma-separated list of route regexes whose requests are checked"
                + " against the threshold (use .* for every route)");
      }
      String endpoints = source.raw("response.time.monitored.endpoints");
      if (endpoints != null && threshold == null) {
        problems.add(
            source.display("response.time.monitored.endpoints") + "=" + endpoints
                + " is invalid without " + source.display("threshold.response.time")
                + ": expected a threshold in milliseconds such as 2000");
      }
    }

    public List<String> tags() {
      String raw = source.raw("alert.tags");
      if (raw == null) {
        return Collections.singletonList(DEFAULT_TAG);
      }
      List<String> tags = source.list("alert.tags");
      if (tags.size() > FieldLimits.TAGS) {
        problem("alert.tags", raw, "at most " + FieldLimits.TAGS + " tags (Opsgenie's limit)");
      }
      for (String tag : tags) {
        if (tag.length() > FieldLimits.TAG) {
          problem(
              "alert.tags",
              raw,
              "tags of at most " + FieldLimits.TAG + " characters (Opsgenie's limit; " + tag
                  + " has " + tag.length() + ")");
          break;
        }
      }
      return Collections.unmodifiableList(new ArrayList<>(tags));
    }

    public Map<String, String> details() {
      try {
        return Collections.unmodifiableMap(new LinkedHashMap<>(source.map("alert.details")));
      } catch (IllegalArgumentException e) {
        problem(
            "alert.details",
            source.raw("alert.details"),
            "key=value pairs separated by commas, such as team=payments,runbook=https://wiki/run");
        return Collections.emptyMap();
      }
    }

    public String serviceId() {
      String raw = source.raw("service.id");
      if (raw != null) {
        return raw;
      }
      if (resource == null) {
        // declarative configuration: the resource is not known here; alerts take service.name
        // from the resource of the span that raised them
        return null;
      }
      return serviceIdOf(resource.getAttribute(SERVICE_NAME), host);
    }

    String alias(String key, String fallback) {
      String raw = source.raw(key);
      if (raw == null) {
        return fallback;
      }
      Matcher m = PLACEHOLDER.matcher(raw);
      while (m.find()) {
        if (!ALIAS_PLACEHOLDERS.contains(m.group())) {
          problem(key, raw, "text with placeholders among " + ALIAS_PLACEHOLDERS + " only");
          return fallback;
        }
      }
      return raw;
    }

    public String priority() {
      String raw = source.raw("alert.priority");
      if (raw == null) {
        return DEFAULT_PRIORITY;
      }
      String upper = raw.toUpperCase(Locale.ROOT);
      if (PRIORITIES.contains(upper)) {
        return upper;
      }
      problem("alert.priority", raw, "one of P1, P2, P3, P4, P5");
      return DEFAULT_PRIORITY;
    }

    List<String> headerKeys() {
      List<String> keys = new ArrayList<>();
      for (String key : source.list("forwarded.header.keys")) {
        if (!key.matches("[A-Za-z0-9!#$%&'*+.^_`|~-]+")) {
          problem(
              "forwarded.header.keys",
              source.raw("forwarded.header.keys"),
              "a comma-separated list of HTTP header names (" + key + " is not one)");
          continue;
        }
        keys.add(key);
      }
      List<String> rejected = SensitiveHeaders.rejected(keys);
      if (!rejected.isEmpty()) {
        warnings.add(
            source.display("forwarded.header.keys") + " lists " + rejected
                + ": sensitive headers are never forwarded to Opsgenie, they are left out");
      }
      return keys;
    }

    public List<Responder> responders() {
      List<Responder> responders = new ArrayList<>();
      String raw = source.raw("responders");
      for (String spec : source.list("responders")) {
        try {
          responders.add(Responder.parse(spec));
        } catch (IllegalArgumentException e) {
          problem(
              "responders",
              raw,
              "a comma-separated list such as user:neo@matrix,team:ops,escalation:night,"
                  + "schedule:primary or team:id:<id> (" + spec + ": " + e.getMessage() + ")");
          break;
        }
      }
      if (responders.size() > FieldLimits.RESPONDERS) {
        problem("responders", raw, "at most " + FieldLimits.RESPONDERS + " responders (Opsgenie's limit)");
      }
      return Collections.unmodifiableList(responders);
    }

    /** {@code 0.1} or {@code 10%}; -1 when unset. */
    double fraction(String key) {
      String raw = source.raw(key);
      if (raw == null) {
        return -1;
      }
      try {
        double value = raw.endsWith("%")
            ? Double.parseDouble(raw.substring(0, raw.length() - 1).trim()) / 100
            : Double.parseDouble(raw);
        if (value > 0 && value <= 1) {
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(key, raw, "an error rate above 0 and at most 1, such as 0.1 or 10%");
      return -1;
    }

    /** A percentile such as {@code 95} or {@code 99.9}; -1 when unset. Needs a threshold. */
    double percentile(String key, long threshold, Map<Pattern, Long> thresholds) {
      String raw = source.raw(key);
      if (raw == null) {
        return -1;
      }
      try {
        double value = Double.parseDouble(raw.endsWith("%") ? raw.substring(0, raw.length() - 1) : raw);
        if (value > 0 && value < 100) {
          if (threshold <= 0 && thresholds.isEmpty()) {
            problems.add(source.display(key) + "=" + raw + " is invalid without "
                + source.display("threshold.response.time") + " or " + source.display("response.time.thresholds")
                + ": expected a latency threshold that the percentile is compared with");
            return -1;
          }
          return value;
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      problem(key, raw, "a percentile above 0 and below 100, such as 95 or 99.9");
      return -1;
    }

    public String traceUrlTemplate() {
      String raw = source.raw("trace.url.template");
      if (raw == null) {
        return null;
      }
      String expected =
          "an http(s) URL containing {trace_id}, such as https://jaeger.example/trace/{trace_id}"
              + " (placeholders {trace_id}, {span_id}, {service_id})";
      if (!raw.contains("{trace_id}")) {
        problem("trace.url.template", raw, expected);
        return null;
      }
      try {
        URI uri = new URI(raw.replace("{trace_id}", "0").replace("{span_id}", "0").replace("{service_id}", "s"));
        if (uri.getHost() != null && ("https".equalsIgnoreCase(uri.getScheme()) || "http".equalsIgnoreCase(uri.getScheme()))) {
          return raw;
        }
      } catch (URISyntaxException e) {
        // reported below
      }
      problem("trace.url.template", raw, expected);
      return null;
    }

    void checkBackoff(Duration initial, Duration max) {
      if (max.compareTo(initial) < 0) {
        problems.add(
            source.display("retry.max.backoff") + "=" + source.raw("retry.max.backoff")
                + " is invalid: expected a duration no shorter than "
                + source.display("retry.initial.backoff") + " (" + initial.toMillis() + "ms)");
      }
    }

    void throwIfInvalid(String serviceId, String priority) {
      if (!problems.isEmpty()) {
        throw new InvalidSettingsException(
            problems, validToken, validBase, serviceId != null ? serviceId : serviceIdOf(null, host), priority);
      }
    }
  }

  /** {@code 2000} or {@code 2000.5} (milliseconds) or a duration ({@code 2s}); -1 when invalid. */
  static long millisOrDuration(String raw) {
    String value = raw.trim();
    if (MILLIS.matcher(value).matches()) {
      return (long) (Double.parseDouble(value) * 1_000_000L);
    }
    Duration d = parseDuration(value);
    return d == null ? -1 : d.toNanos();
  }

  /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}; a bare number is ms. */
  static Duration parseDuration(String raw) {
    Matcher m = DURATION.matcher(raw.trim().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(m.group(1));
    } catch (NumberFormatException e) {
      return null;
    }
    String unit = m.group(2) == null ? "ms" : m.group(2);
    switch (unit) {
      case "s":
        return Duration.ofSeconds(n);
      case "m":
        return Duration.ofMinutes(n);
      case "h":
        return Duration.ofHours(n);
      case "d":
        return Duration.ofDays(n);
      default:
        return Duration.ofMillis(n);
    }
  }

  /** {@code service.name}, or {@code java-service-{host}} when it is unset or unknown. */
  public static String serviceIdOf(String serviceName, String host) {
    if (serviceName == null || serviceName.trim().isEmpty() || serviceName.startsWith("unknown_service")) {
      return "java-service-" + host;
    }
    return serviceName.trim();
  }

  private static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("[::1]");
  }

  public static String hostName(Resource resource) {
    String name = resource == null ? null : resource.getAttribute(HOST_NAME);
    if (name == null || name.isEmpty()) {
      name = System.getenv("HOSTNAME");
    }
    if (name == null || name.isEmpty()) {
      try {
        name = InetAddress.getLocalHost().getHostName();
      } catch (Exception e) {
        name = "unknown-host";
      }
    }
    return name;
  }
}
