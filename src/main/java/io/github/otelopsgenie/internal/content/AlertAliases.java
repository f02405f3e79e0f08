/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.rules.RpcStatusRule;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.github.otelopsgenie.internal.settings.ServiceIdentity;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.sdk.resources.Resource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The alias of every kind of alert, made once, on the request thread, from what the rule already
 * knows (the ended span's resource and attributes, the exception type, the route or dependency of a
 * breach), so that admission decides before anything else of the span is read. The alert's builder
 * on the sender's thread is given the alias: one place forms an alias, once per alerting span. Not
 * final only so that a test can count how often an alias is formed.
 *
 * <p>An alias whose template names nothing of the request (the defaults: service id, environment,
 * exception type, suffix) is made once per resource and remembered: a request whose alert is held
 * back by its cooldown then allocates nothing for its alias. Templates with {@code {route}}, {@code
 * {method}} or {@code {status_code}} are filled per request.
 */
public class AlertAliases {

  /** The service id, then {@code -env} when the span's resource names its environment. */
  private static final String SCOPE = "{service_id}{-env}";

  /** Exception types remembered per resource and function; more are formed per request. */
  static final int MAX_REMEMBERED = 256;

  private final OpsgenieSettings settings;
  private final String statusAlias;
  private final String latencyAlias;
  private final boolean exceptionSuffixFixed;
  private final boolean handledSuffixFixed;

  /** The aliases of the latest resource seen (an SDK has one). */
  private volatile Remembered remembered = new Remembered(null, null, null);

  public AlertAliases(OpsgenieSettings settings) {
    this.settings = settings;
    // the default aliases carry the environment after the service id, so that prod and staging
    // of one service.name never dedupe together; a configured alias says exactly what it wants
    this.statusAlias = withEnvironment(settings.statusAlias, OpsgenieSettings.DEFAULT_STATUS_ALIAS);
    this.latencyAlias =
        withEnvironment(settings.latencyAlias, OpsgenieSettings.DEFAULT_LATENCY_ALIAS);
    this.exceptionSuffixFixed = isFixed(settings.exceptionAliasSuffix);
    this.handledSuffixFixed = isFixed(settings.handledAliasSuffix);
  }

  private static String withEnvironment(String template, String defaultTemplate) {
    return template.equals(defaultTemplate) ? template.replace("{service_id}", SCOPE) : template;
  }

  /** True when {@code template} names nothing of the request: one alias per resource. */
  private static boolean isFixed(String template) {
    return !template.contains("{route}")
        && !template.contains("{method}")
        && !template.contains("{status_code}");
  }

  /** The configured service id, else the resource's service.name. */
  public String serviceId(Resource resource) {
    return settings.serviceId != null
        ? settings.serviceId
        : ServiceIdentity.serviceIdOf(
            resource == null ? null : resource.getAttribute(SpanFacts.SERVICE_NAME), settings.host);
  }

  /** The status alert's alias: the route's policy's alias, else {@code alert.status.alias}. */
  public String status(Resource resource, Policy policy, Attributes attributes, String spanName) {
    return fromTemplate(resource, policyAlias(policy, statusAlias), attributes, spanName);
  }

  /** The latency alert's alias: the route's policy's alias, else {@code alert.latency.alias}. */
  public String latency(Resource resource, Policy policy, Attributes attributes, String spanName) {
    return fromTemplate(resource, policyAlias(policy, latencyAlias), attributes, spanName);
  }

  /**
   * {@code {service_id}{-env}-{job}-job-alert}, {job} being the span name the instrumentation
   * gives.
   */
  public String job(Resource resource, String spanName) {
    return FieldLimits.alias(remembered(resource).scope + "-" + spanName + "-job-alert");
  }

  /** {@code {service_id}{-env}-{destination}-{Exception}-consumer-alert}. */
  public String consumer(Resource resource, String destination, String exceptionType) {
    return FieldLimits.alias(
        remembered(resource).scope
            + "-"
            + destination
            + "-"
            + ExceptionRule.simpleName(exceptionType)
            + "-consumer-alert");
  }

  /** {@code {service_id}{-env}-dependency-{dependency}-alert}. */
  public String dependency(Resource resource, String dependency) {
    return FieldLimits.alias(remembered(resource).scope + "-dependency-" + dependency + "-alert");
  }

  /** {@code {service_id}{-env}-{route}-error-rate-alert}. */
  public String errorRate(Resource resource, String route) {
    return FieldLimits.alias(remembered(resource).scope + "-" + route + "-error-rate-alert");
  }

  /** {@code {service_id}{-env}-{route}-latency-p{percentile}-alert}. */
  public String latencyPercentile(Resource resource, String route, double percentile) {
    return FieldLimits.alias(
        remembered(resource).scope
            + "-"
            + route
            + "-latency-p"
            + AlertText.formatNumber(percentile)
            + "-alert");
  }

  /** The route policy's alias template when it sets one, else the rule's own. */
  private static String policyAlias(Policy policy, String ruleAlias) {
    return policy != null && policy.alias != null ? policy.alias : ruleAlias;
  }

  /**
   * The exception alert's alias: {@code {service_id}{-env}-{Exception}-{suffix}}, and with the
   * helper's function {@code {service_id}{-env}-{function}-{Exception}-{suffix}}.
   */
  public String exception(
      Resource resource,
      String exceptionType,
      String function,
      Attributes attributes,
      String spanName) {
    boolean handled = function != null;
    Remembered r = remembered(resource);
    if (!(handled ? handledSuffixFixed : exceptionSuffixFixed)) {
      return formException(r, exceptionType, function, attributes, spanName);
    }
    ConcurrentHashMap<String, String> byType =
        handled ? r.handledByFunction.get(function) : r.unhandled;
    String key = exceptionType != null ? exceptionType : "";
    String alias = byType != null ? byType.get(key) : null;
    if (alias != null) {
      return alias;
    }
    alias = formException(r, exceptionType, function, attributes, spanName);
    if (handled && byType == null && r.handledByFunction.size() < MAX_REMEMBERED) {
      byType = r.handledByFunction.computeIfAbsent(function, f -> new ConcurrentHashMap<>());
    }
    if (byType != null && byType.size() < MAX_REMEMBERED) {
      byType.putIfAbsent(key, alias);
    }
    return alias;
  }

  private String formException(
      Remembered r, String exceptionType, String function, Attributes attributes, String spanName) {
    String simple = ExceptionRule.simpleName(exceptionType);
    return FieldLimits.alias(
        function != null
            ? r.scope
                + "-"
                + function
                + "-"
                + simple
                + "-"
                + expand(settings.handledAliasSuffix, r, attributes, spanName)
            : r.scope
                + "-"
                + simple
                + "-"
                + expand(settings.exceptionAliasSuffix, r, attributes, spanName));
  }

  private String fromTemplate(
      Resource resource, String template, Attributes attributes, String spanName) {
    Remembered r = remembered(resource);
    String alias = r.fixed.get(template);
    if (alias != null) {
      return alias;
    }
    alias = FieldLimits.alias(expand(template, r, attributes, spanName));
    if (isFixed(template) && r.fixed.size() < MAX_REMEMBERED) {
      r.fixed.putIfAbsent(template, alias);
    }
    return alias;
  }

  private Remembered remembered(Resource resource) {
    Remembered r = remembered;
    if (r.resource != resource || r.scope == null) {
      String sid = serviceId(resource);
      String env = resource == null ? null : SpanFacts.environment(resource);
      r = new Remembered(resource, sid, env);
      remembered = r;
    }
    return r;
  }

  /** Fills {service_id}, {env}, {route}, {method} and {status_code} in an alias setting. */
  private static String expand(
      String template, Remembered r, Attributes attributes, String spanName) {
    if (template.indexOf('{') < 0) {
      return template;
    }
    String env = r.environment;
    String route = SpanFacts.route(attributes, spanName);
    String method = SpanFacts.method(attributes);
    Long status = SpanFacts.status(attributes);
    return template
        .replace("{-env}", env != null ? "-" + env : "")
        .replace("{env}", env != null ? env : "no-env")
        .replace("{service_id}", r.serviceId)
        // a span without http.route would put its raw path here: one alert per path, unbounded
        .replace("{route}", SpanFacts.routed(attributes, route) ? route : SpanFacts.UNROUTED)
        .replace("{method}", method != null ? method : "no-method")
        .replace("{status_code}", statusText(status, attributes));
  }

  private static String statusText(Long status, Attributes attributes) {
    if (status != null) {
      return status.toString();
    }
    Long rpcStatus = attributes.get(SpanFacts.RPC_GRPC_STATUS_CODE);
    return rpcStatus != null ? RpcStatusRule.name(rpcStatus) : "no-status";
  }

  private static final class Remembered {
    final Resource resource;
    final String serviceId;
    final String environment;

    /** {@code {service_id}{-env}}: the start of every exception alias. */
    final String scope;

    final ConcurrentHashMap<String, String> fixed = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, String> unhandled = new ConcurrentHashMap<>();
    final ConcurrentHashMap<String, ConcurrentHashMap<String, String>> handledByFunction =
        new ConcurrentHashMap<>();

    Remembered(Resource resource, String serviceId, String environment) {
      this.resource = resource;
      this.serviceId = serviceId;
      this.environment = environment;
      this.scope =
          serviceId == null
              ? null
              : environment != null ? serviceId + "-" + environment : serviceId;
    }
  }
}
