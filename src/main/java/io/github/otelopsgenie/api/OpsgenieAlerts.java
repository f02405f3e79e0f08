/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.api;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.common.AttributesBuilder;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.Collections;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Raises an Opsgenie alert for an exception that application code caught (the seed's {@code
 * raise_exception_alert}), or that failed background work. Needs only {@code opentelemetry-api}: it
 * records the exception as a span event marked with {@link OpsgenieAttributes}, and the
 * otel-opsgenie span processor (inside the agent, or next to the SDK) turns the mark into an alert
 * with alias {@code {service_id}-{function}-{Exception}-{alias}}.
 *
 * <p>When a recording span is current (the request's span), the event goes on it, so the alert
 * carries the request's facts. Otherwise (no span, an unsampled one, or the request's span already
 * ended, as for background work) the helper starts and ends a short span of its own that carries
 * the mark; the otel-opsgenie sampler keeps it.
 *
 * <p>Never throws: a failure here is logged at FINE and the application goes on.
 */
public final class OpsgenieAlerts {

  private static final Logger logger = Logger.getLogger(OpsgenieAlerts.class.getName());

  private OpsgenieAlerts() {}

  /** Marks {@code exception} for an alert; the function is the caller's method name. */
  public static void raiseExceptionAlert(Throwable exception) {
    raiseExceptionAlert(
        exception, callerMethodName(), Collections.<String, String>emptyMap(), null);
  }

  /** Marks {@code exception} for an alert naming {@code functionName}. */
  public static void raiseExceptionAlert(Throwable exception, String functionName) {
    raiseExceptionAlert(exception, functionName, Collections.<String, String>emptyMap(), null);
  }

  /**
   * Marks {@code exception} for an alert.
   *
   * @param exception the exception that was caught
   * @param functionName the function that caught it (in the alias); the caller's method when null
   * @param extraProperties added to the alert's details
   * @param priority P1..P5 for this alert only, or null for the configured priority
   */
  public static void raiseExceptionAlert(
      Throwable exception,
      String functionName,
      Map<String, String> extraProperties,
      String priority) {
    try {
      if (exception == null) {
        return;
      }
      String function = isBlank(functionName) ? callerMethodName() : functionName.trim();
      mark(Context.current(), exception, function, extraProperties, priority);
    } catch (Throwable t) {
      logger.log(Level.FINE, "otel-opsgenie could not mark an exception", t);
    }
  }

  /**
   * Wraps {@code task} so that an exception it throws raises an alert naming {@code functionName}
   * (then propagates as before). The alert is linked to the trace that was current when this method
   * was called, even if that request has ended by the time the task fails.
   */
  public static Runnable watch(String functionName, Runnable task) {
    Context parent = Context.current();
    return () -> {
      try {
        task.run();
      } catch (RuntimeException | Error e) {
        markSafely(parent, e, functionName);
        throw e;
      }
    };
  }

  /** Like {@link #watch(String, Runnable)}, for a {@link Callable}. */
  public static <T> Callable<T> watch(String functionName, Callable<T> task) {
    Context parent = Context.current();
    return () -> {
      try {
        return task.call();
      } catch (Exception | Error e) {
        markSafely(parent, e, functionName);
        throw e;
      }
    };
  }

  /**
   * Raises an alert naming {@code functionName} when {@code future} completes exceptionally (the
   * seed's gevent {@code link_exception}). Returns the same future.
   */
  public static <T> CompletableFuture<T> watch(String functionName, CompletableFuture<T> future) {
    Context parent = Context.current();
    future.whenComplete(
        (value, error) -> {
          if (error != null) {
            markSafely(parent, unwrap(error), functionName);
          }
        });
    return future;
  }

  private static void markSafely(Context parent, Throwable exception, String functionName) {
    try {
      String function = isBlank(functionName) ? "background" : functionName.trim();
      mark(parent, exception, function, Collections.<String, String>emptyMap(), null);
    } catch (Throwable t) {
      logger.log(Level.FINE, "otel-opsgenie could not mark an exception", t);
    }
  }

  private static void mark(
      Context context,
      Throwable exception,
      String function,
      Map<String, String> extraProperties,
      String priority) {
    Attributes eventAttributes = eventAttributes(function, extraProperties, priority);
    Span current = Span.fromContext(context);
    if (current.isRecording()) {
      current.setAttribute(OpsgenieAttributes.SPAN_MARKED, true);
      current.recordException(exception, eventAttributes);
      return;
    }
    Span own =
        GlobalOpenTelemetry.getTracer(OpsgenieAttributes.INSTRUMENTATION_SCOPE)
            .spanBuilder(OpsgenieAttributes.HELPER_SPAN_NAME)
            .setParent(context)
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute(OpsgenieAttributes.SPAN_MARKED, true)
            .startSpan();
    try (Scope ignored = own.makeCurrent()) {
      own.recordException(exception, eventAttributes);
    } finally {
      own.end();
    }
  }

  static Attributes eventAttributes(
      String function, Map<String, String> extraProperties, String priority) {
    AttributesBuilder attributes =
        Attributes.builder()
            .put(OpsgenieAttributes.HANDLED, true)
            .put(OpsgenieAttributes.FUNCTION, function);
    if (!isBlank(priority)) {
      attributes.put(OpsgenieAttributes.PRIORITY, priority.trim());
    }
    if (extraProperties != null) {
      for (Map.Entry<String, String> e : extraProperties.entrySet()) {
        if (e.getKey() != null && e.getValue() != null) {
          attributes.put(OpsgenieAttributes.DETAIL_PREFIX + e.getKey(), e.getValue());
        }
      }
    }
    return attributes.build();
  }

  private static Throwable unwrap(Throwable error) {
    Throwable t = error;
    while ((t instanceof CompletionException || t instanceof ExecutionException)
        && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  /** The method that called into this class: stands in for a function name left blank. */
  private static String callerMethodName() {
    for (StackTraceElement frame : new Throwable().getStackTrace()) {
      if (!frame.getClassName().equals(OpsgenieAlerts.class.getName())) {
        return frame.getMethodName();
      }
    }
    return "unknown";
  }

  private static boolean isBlank(String s) {
    return s == null || s.trim().isEmpty();
  }
}
