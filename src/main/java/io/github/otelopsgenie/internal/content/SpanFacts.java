/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.api.OpsgenieAttributes;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.settings.ServiceIdentity;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.HttpAttributes;
import io.opentelemetry.semconv.UrlAttributes;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one span says about its request, read only when an alert is raised (the hot path reads just
 * the attributes its rules need). Stable HTTP semantic conventions first, the older names as a
 * fallback for other emitters.
 */
public final class SpanFacts {

  // Names used before the stable HTTP conventions (agent 1.x and some libraries).
  static final AttributeKey<String> OLD_HTTP_METHOD = AttributeKey.stringKey("http.method");
  static final AttributeKey<Long> OLD_HTTP_STATUS_CODE = AttributeKey.longKey("http.status_code");
  static final AttributeKey<String> OLD_HTTP_TARGET = AttributeKey.stringKey("http.target");

  /**
   * What {@code {route}} in an alias becomes for a span without {@code http.route}: never the raw
   * path.
   */
  public static final String UNROUTED = "unrouted";

  /** The helper's function name, on the exception event it marked. */
  public static final AttributeKey<String> FUNCTION =
      AttributeKey.stringKey(OpsgenieAttributes.FUNCTION);

  static final AttributeKey<String> SERVICE_NAME = AttributeKey.stringKey("service.name");

  /** The ended span, immutable: what the alias is formed from (as on the request thread). */
  final SpanData data;

  final SpanKind kind;
  final String spanName;

  /** The resource's service.name, for when no service id is configured. */
  final String serviceName;

  /** The resource's deployment.environment.name (or deployment.environment); null when unset. */
  final String environment;

  /** The span's resource, for the resource attributes copied into the details. */
  final Resource resource;

  public final String route;

  /** Whether the span had an {@code http.route}: else {@link #route} is the raw path. */
  public final boolean routed;

  final String path;
  final String method;
  final String url;
  public final Long status;

  /** {@code rpc.grpc.status_code}; null on other spans. */
  final Long rpcStatus;

  final long durationNanos;
  final String traceId;
  final String spanId;
  final Map<String, String> headers;
  final String exceptionType;
  final String exceptionMessage;
  final String stackTrace;
  public final boolean handled;
  final String function;
  final String priorityOverride;
  final Map<String, String> extraDetails;

  private SpanFacts(
      SpanData data, List<HeaderKey> headerKeys, EventData exception, String errorType) {
    Attributes attributes = data.getAttributes();
    this.data = data;
    this.kind = data.getKind();
    this.spanName = data.getName();
    this.resource = data.getResource();
    this.serviceName = resource.getAttribute(SERVICE_NAME);
    this.environment = environment(resource);
    String rawPath = path(attributes);
    // the endpoint shows the path's matrix parameters by name only, as the URL its query
    this.path = RequestUrl.redactPath(rawPath);
    String r = attributes.get(HttpAttributes.HTTP_ROUTE);
    this.route =
        r != null
            ? r
            : rawPath != null
                ? RequestUrl.withoutParameters(rawPath)
                : route(attributes, data.getName());
    // a gRPC method (the span name, when there is no path) is a template as http.route is
    this.routed = r != null || (path == null && route != null);
    // the same test as routed(attributes, route), which the request thread's alias uses
    this.rpcStatus = attributes.get(RPC_GRPC_STATUS_CODE);
    this.method = method(attributes);
    this.url = RequestUrl.of(attributes, rawPath);
    this.status = status(attributes);
    this.durationNanos = data.getEndEpochNanos() - data.getStartEpochNanos();
    this.traceId = data.getSpanContext().getTraceId();
    this.spanId = data.getSpanContext().getSpanId();
    this.headers = headers(attributes, headerKeys);
    if (exception != null) {
      Attributes marks = exception.getAttributes();
      this.exceptionType = ExceptionRule.typeOf(exception);
      this.exceptionMessage = ExceptionText.message(exception);
      this.stackTrace = ExceptionText.stackTrace(exception);
      this.handled = Boolean.TRUE.equals(marks.get(ExceptionRule.HANDLED));
      this.function = marks.get(FUNCTION);
      this.priorityOverride = marks.get(AttributeKey.stringKey(OpsgenieAttributes.PRIORITY));
      this.extraDetails = extraDetails(marks);
    } else {
      this.exceptionType = errorType;
      this.exceptionMessage = null;
      this.stackTrace = null;
      this.handled = false;
      this.function = null;
      this.priorityOverride = null;
      this.extraDetails = Collections.emptyMap();
    }
  }

  /** Facts of a span with no exception, or with the given exception event. */
  public static SpanFacts of(ReadableSpan span, List<HeaderKey> headerKeys, EventData exception) {
    // one lock for all of the span's facts, as in AlertingSpanProcessor.onServerSpan
    return of(span.toSpanData(), headerKeys, exception);
  }

  /**
   * Facts of an ended span's data ({@code ReadableSpan.toSpanData()} of an ended span holds its
   * attributes and events without copying them, and they no longer change): read on the sender's
   * thread when the alert is built there.
   */
  public static SpanFacts of(SpanData data, List<HeaderKey> headerKeys, EventData exception) {
    return new SpanFacts(data, headerKeys, exception, null);
  }

  /** Facts of a span whose exception is known only by its {@code error.type}. */
  public static SpanFacts ofErrorType(SpanData data, List<HeaderKey> headerKeys, String errorType) {
    return new SpanFacts(data, headerKeys, null, errorType);
  }

  /** {@code http.request.method}, else the older {@code http.method}. */
  public static String method(Attributes attributes) {
    String method = attributes.get(HttpAttributes.HTTP_REQUEST_METHOD);
    return method != null ? method : attributes.get(OLD_HTTP_METHOD);
  }

  /**
   * Whether {@code route} (from {@link #route(Attributes, String)}) is a template: the span's
   * {@code http.route}, or a gRPC method's name; not a raw path.
   */
  static boolean routed(Attributes attributes, String route) {
    return attributes.get(HttpAttributes.HTTP_ROUTE) != null
        || (route != null && path(attributes) == null);
  }

  /**
   * The route rules are matched against: {@code http.route}, else the path without its matrix
   * parameters ({@code /cart;jsessionid=ABC} is {@code /cart}: one route for every session). Reads
   * the ended span's attributes (no lock, no copy); a new string only for an old-style {@code
   * http.target} or a path with a matrix parameter.
   */
  public static String route(Attributes attributes) {
    String route = attributes.get(HttpAttributes.HTTP_ROUTE);
    return route != null ? route : RequestUrl.withoutParameters(path(attributes));
  }

  static final AttributeKey<String> RPC_SYSTEM = AttributeKey.stringKey("rpc.system");
  public static final AttributeKey<Long> RPC_GRPC_STATUS_CODE =
      AttributeKey.longKey("rpc.grpc.status_code");

  /**
   * The route of a server span: {@link #route(Attributes)}, else, for an RPC server span (no path,
   * {@code rpc.system} set), its name, which the gRPC instrumentation makes {@code
   * {rpc.service}/{rpc.method}}. No allocation.
   */
  public static String route(Attributes attributes, String spanName) {
    String route = route(attributes);
    return route == null && attributes.get(RPC_SYSTEM) != null ? spanName : route;
  }

  public static Long status(Attributes attributes) {
    Long status = attributes.get(HttpAttributes.HTTP_RESPONSE_STATUS_CODE);
    return status != null ? status : attributes.get(OLD_HTTP_STATUS_CODE);
  }

  static String path(Attributes attributes) {
    String path = attributes.get(UrlAttributes.URL_PATH);
    return path != null ? path : withoutQuery(attributes.get(OLD_HTTP_TARGET));
  }

  private static String withoutQuery(String target) {
    if (target == null) {
      return null;
    }
    int q = target.indexOf('?');
    return q < 0 ? target : target.substring(0, q);
  }

  /**
   * The span resource's environment: each span's, because declarative configuration gives the
   * processor no resource, and the span's is the one its exporters report.
   */
  static String environment(Resource resource) {
    return ServiceIdentity.environmentOf(resource);
  }

  String exceptionSimpleName() {
    return ExceptionRule.simpleName(exceptionType);
  }

  long durationMillis() {
    return durationNanos / 1_000_000L;
  }

  private static Map<String, String> headers(Attributes attributes, List<HeaderKey> keys) {
    if (keys.isEmpty()) {
      return Collections.emptyMap();
    }
    Map<String, String> out = new LinkedHashMap<>();
    for (HeaderKey key : keys) {
      List<String> values = attributes.get(key.attribute);
      if (values != null && !values.isEmpty()) {
        out.put(key.name, String.join(",", values));
      }
    }
    return out;
  }

  private static Map<String, String> extraDetails(Attributes attributes) {
    Map<String, String> out = new LinkedHashMap<>();
    attributes.forEach(
        (key, value) -> {
          if (key.getKey().startsWith(OpsgenieAttributes.DETAIL_PREFIX)) {
            out.put(
                key.getKey().substring(OpsgenieAttributes.DETAIL_PREFIX.length()),
                String.valueOf(value));
          }
        });
    return out;
  }

  /** A forwarded request header: its name as configured, and the span attribute that holds it. */
  public static final class HeaderKey {
    final String name;
    final AttributeKey<List<String>> attribute;

    public HeaderKey(String name) {
      this.name = name;
      this.attribute =
          HttpAttributes.HTTP_REQUEST_HEADER.getAttributeKey(
              name.toLowerCase(java.util.Locale.ROOT));
    }
  }
}
