/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.opentelemetry.api.common.AttributeKey;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns the facts of one request into one Opsgenie alert: message, alias, description, details,
 * tags, priority and responders. A fresh details map for every alert; nothing in an alert is ever
 * the word null.
 */
public final class AlertFactory {

  private final OpsgenieSettings settings;
  private final AlertAliases aliases;
  private final List<AttributeKey<String>> resourceAttributes;

  public AlertFactory(OpsgenieSettings settings) {
    this(settings, new AlertAliases(settings));
  }

  /** With {@code aliases}: a test counts how often an alias is formed. */
  public AlertFactory(OpsgenieSettings settings, AlertAliases aliases) {
    this.settings = settings;
    this.aliases = aliases;
    List<AttributeKey<String>> keys = new ArrayList<>();
    for (String name : settings.resourceAttributes) {
      keys.add(AttributeKey.stringKey(name));
    }
    this.resourceAttributes = Collections.unmodifiableList(keys);
  }

  /** The aliases, formed once, on the request thread, before the alert is admitted. */
  public AlertAliases aliases() {
    return aliases;
  }

  /** The helper's function name of a handled exception; null for any other alert. */
  static String functionOf(SpanFacts facts) {
    return facts.handled ? facts.function : null;
  }

  public OpsgenieAlert status(SpanFacts facts, String alias, boolean byCode, Policy policy) {
    long code = facts.status;
    String statusClass = (code / 100) + "XX";
    String what =
        byCode
            ? "returned unaccepted status code : " + code
            : "returned unaccepted status class : " + statusClass + " (" + code + ")";
    OpsgenieAlert.Builder alert =
        start(AlertType.STATUS, facts, policy)
            .setMessage(message(facts, AlertText.routeText(facts), " " + what))
            .setAlias(alias)
            .setDescription(
                describe(
                    facts,
                    AlertText.routeText(facts)
                        + " returned status code "
                        + code
                        + (byCode ? "." : " (status class " + statusClass + ").")));
    requestDetails(alert, facts);
    alert.putDetail(
        byCode ? "status_code" : "status_class", byCode ? Long.toString(code) : statusClass);
    return finish(alert, facts);
  }

  public OpsgenieAlert latency(SpanFacts facts, String alias, long thresholdNanos, Policy policy) {
    String took = AlertText.formatMillis(facts.durationNanos);
    OpsgenieAlert.Builder alert =
        start(AlertType.LATENCY, facts, policy)
            .setMessage(
                message(
                    facts,
                    AlertText.routeText(facts),
                    " showed unexpected response time : " + took + "ms"))
            .setAlias(alias)
            .setDescription(
                describe(
                    facts,
                    AlertText.routeText(facts)
                        + " showed unexpected response time : "
                        + took
                        + "ms, over the threshold of "
                        + AlertText.formatMillis(thresholdNanos)
                        + "ms."));
    requestDetails(alert, facts);
    alert.putDetail("threshold_ms", AlertText.formatMillis(thresholdNanos));
    return finish(alert, facts);
  }

  public OpsgenieAlert exception(SpanFacts facts, String alias, Policy policy) {
    String simple = facts.exceptionSimpleName();
    boolean handled = facts.handled;
    String function = functionOf(facts);
    String subject = function != null ? function : AlertText.routeText(facts);
    String thrown = simple + (facts.exceptionMessage != null ? ": " + facts.exceptionMessage : "");
    OpsgenieAlert.Builder alert =
        start(handled ? AlertType.HANDLED_EXCEPTION : AlertType.EXCEPTION, facts, policy)
            .setMessage(message(facts, subject, " threw exception : " + thrown))
            .setAlias(alias)
            .setDescription(
                describe(
                    facts,
                    subject
                        + " has thrown exception : "
                        + facts.exceptionType
                        + (facts.exceptionMessage != null ? ": " + facts.exceptionMessage : "")
                        + "."));
    if (function != null) {
      alert.putDetail("function", function);
    }
    requestDetails(alert, facts);
    alert.putDetail("exception_type", facts.exceptionType);
    alert.putDetail("exception_message", facts.exceptionMessage);
    String override = facts.priorityOverride;
    if (override != null) {
      String upper = override.trim().toUpperCase(Locale.ROOT);
      if (OpsgenieSettings.PRIORITIES.contains(upper)) {
        alert.setPriority(upper);
      } else {
        alert.putDetail("priority_override_rejected", override + " (expected one of P1..P5)");
      }
    }
    return finish(alert, facts);
  }

  /** The alert's frame, without a route policy (jobs, consumers, dependencies). */
  OpsgenieAlert.Builder start(AlertType type, SpanFacts facts) {
    return start(type, facts, null);
  }

  /**
   * The alert's frame: priority, tags and responders of its route's policy, else the global ones.
   */
  OpsgenieAlert.Builder start(AlertType type, SpanFacts facts, Policy policy) {
    return OpsgenieAlert.builder(type)
        .setPriority(
            policy != null && policy.priority != null ? policy.priority : settings.priority)
        .setTags(policy != null && !policy.tags.isEmpty() ? withPolicyTags(policy) : settings.tags)
        .setResponders(
            policy != null && policy.responders != null ? policy.responders : settings.responders)
        .setEntity(sid(facts))
        .setSource(settings.host)
        .putDetail("alert_type", type.name().toLowerCase(Locale.ROOT))
        .putDetail("service_id", sid(facts))
        .putDetail("host", settings.host)
        .putDetail("environment", facts.environment)
        .putDetail("policy", policy != null ? policy.name : null);
  }

  private List<String> withPolicyTags(Policy policy) {
    List<String> tags = new ArrayList<>(settings.tags);
    for (String tag : policy.tags) {
      if (!tags.contains(tag)) {
        tags.add(tag);
      }
    }
    return tags;
  }

  void requestDetails(OpsgenieAlert.Builder alert, SpanFacts facts) {
    alert
        .putDetail("route", facts.route)
        .putDetail("endpoint", facts.path)
        .putDetail("method", facts.method)
        .putDetail("url", facts.url)
        .putDetail("status_code", facts.status == null ? null : facts.status.toString())
        .putDetail("duration_ms", AlertText.formatMillis(facts.durationNanos))
        .putDetail("span_kind", facts.kind.name().toLowerCase(Locale.ROOT))
        .putDetail("span_name", facts.spanName)
        .putDetail("trace_id", facts.traceId)
        .putDetail("span_id", facts.spanId)
        .putDetail("trace_url", traceUrl(facts));
    alert.putAllDetails(facts.headers);
  }

  /** The configured resource attributes the span's resource has, each under its own name. */
  private void resourceDetails(OpsgenieAlert.Builder alert, SpanFacts facts) {
    for (AttributeKey<String> key : resourceAttributes) {
      alert.putDetail(key.getKey(), facts.resource.getAttribute(key));
    }
  }

  OpsgenieAlert finish(OpsgenieAlert.Builder alert, SpanFacts facts) {
    resourceDetails(alert, facts);
    // configured details go over the built-in ones, and the helper's extra properties over both:
    // a call site's own facts are never lost to a global setting. The stack trace goes last, so
    // that the 8000-char cut takes it first.
    alert.putAllDetails(settings.details);
    alert.putAllDetails(facts.extraDetails);
    String stackTrace = stackTrace(facts);
    if (stackTrace != null) {
      alert.putDetail("exception_stacktrace", stackTrace);
    }
    return alert.build();
  }

  /** The exception's stack trace; null when there is none or alert.stacktrace is false. */
  String stackTrace(SpanFacts facts) {
    return settings.stackTraces ? facts.stackTrace : null;
  }

  String describe(SpanFacts facts, String summary) {
    StringBuilder sb = new StringBuilder(summary).append('\n');
    if (facts.url != null || facts.method != null) {
      sb.append("Complete URL : ")
          .append(facts.url != null ? facts.url : facts.path)
          .append(" called with method ")
          .append(facts.method != null ? facts.method : "?")
          .append(".\n");
    }
    sb.append("Endpoint served by service : ")
        .append(sid(facts))
        .append(" on host : ")
        .append(settings.host)
        .append(".\n");
    sb.append("Duration : ").append(AlertText.formatMillis(facts.durationNanos)).append("ms");
    if (facts.status != null) {
      sb.append(", status code : ").append(facts.status);
    }
    AlertText.appendTrace(sb.append(".\n"), facts, traceUrl(facts));
    for (Map.Entry<String, String> h : facts.headers.entrySet()) {
      sb.append('\n').append(h.getKey()).append(" : ").append(h.getValue());
    }
    return AlertText.appendStackTrace(sb, stackTrace(facts)).toString();
  }

  /** {@code subject + what + " | Alert generated from " + service}, cutting {@code what} to fit. */
  String message(SpanFacts facts, String subject, String what) {
    String suffix = " | Alert generated from " + sid(facts);
    String head = subject + what;
    int room = FieldLimits.MESSAGE - suffix.length();
    if (room < 40) {
      return FieldLimits.truncate(head, FieldLimits.MESSAGE);
    }
    return FieldLimits.truncate(head, room) + suffix;
  }

  /** The link to this request's trace, or null when no template is configured. */
  String traceUrl(SpanFacts facts) {
    String template = settings.traceUrlTemplate;
    if (template == null) {
      return null;
    }
    return template
        .replace("{trace_id}", facts.traceId)
        .replace("{span_id}", facts.spanId)
        .replace("{service_id}", sid(facts));
  }

  /** The configured service id, else the span resource's service.name. */
  String sid(SpanFacts facts) {
    return aliases.serviceId(facts.resource);
  }

  /** The service id, then {@code -env} when the span's resource names its environment. */
  String scope(SpanFacts facts) {
    return facts.environment != null ? sid(facts) + "-" + facts.environment : sid(facts);
  }
}
