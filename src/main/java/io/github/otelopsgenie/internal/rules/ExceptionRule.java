/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.rules;

import io.github.otelopsgenie.api.OpsgenieAttributes;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.ExceptionEventData;
import io.opentelemetry.semconv.ExceptionAttributes;
import java.util.List;
import java.util.Set;

/**
 * Exception alerts: an {@code exception} event on a server span (recorded by instrumentation for an
 * unhandled exception, or by {@code Span.current().recordException(e)}), or an event marked by the
 * helper on a span of any kind. Exceptions listed in {@code otel.opsgenie.ignored.exceptions}
 * (simple or fully qualified names) never alert.
 */
public final class ExceptionRule {

  static final String EXCEPTION_EVENT = "exception";
  public static final AttributeKey<Boolean> HANDLED =
      AttributeKey.booleanKey(OpsgenieAttributes.HANDLED);

  /**
   * Set by the helper on a span it marked for an alert, of any kind; read by the processor and
   * sampler.
   */
  public static final AttributeKey<Boolean> MARKED =
      AttributeKey.booleanKey(OpsgenieAttributes.SPAN_MARKED);

  private final boolean alertExceptions;
  private final Set<String> ignored;

  public ExceptionRule(OpsgenieSettings settings) {
    this.alertExceptions = settings.alertExceptions;
    this.ignored = settings.ignoredExceptions;
  }

  public boolean alertsOnRecordedExceptions() {
    return alertExceptions;
  }

  /**
   * The event to alert on: the first helper-marked exception, else (for server spans, when
   * exception alerts are on) the first recorded exception; null when none qualifies.
   */
  public EventData find(List<EventData> events, boolean serverSpan) {
    EventData found = null;
    for (int i = 0; i < events.size(); i++) {
      found = pick(found, events.get(i), serverSpan);
    }
    return found;
  }

  /**
   * One step of {@link #find}: {@code event} when it is a better choice than {@code found} (a
   * helper-marked exception over a recorded one, else the first), else {@code found}. Takes one
   * event, not the list, so that a caller looping over a span's events keeps the list local.
   */
  public EventData pick(EventData found, EventData event, boolean serverSpan) {
    if (!EXCEPTION_EVENT.equals(event.getName()) || isIgnored(typeOf(event))) {
      return found;
    }
    if (Boolean.TRUE.equals(event.getAttributes().get(HANDLED))) {
      return found != null && Boolean.TRUE.equals(found.getAttributes().get(HANDLED))
          ? found
          : event;
    }
    return found == null && serverSpan && alertExceptions ? event : found;
  }

  /** Whether {@code event} is an exception event at all. */
  public static boolean isException(EventData event) {
    return EXCEPTION_EVENT.equals(event.getName());
  }

  /** The first exception event that is not ignored, whatever the span's kind; null when none. */
  public EventData firstRecorded(List<EventData> events) {
    for (int i = 0; i < events.size(); i++) {
      EventData event = events.get(i);
      if (EXCEPTION_EVENT.equals(event.getName()) && !isIgnored(typeOf(event))) {
        return event;
      }
    }
    return null;
  }

  /** True when {@code events} has an exception event at all (then error.type is no exception). */
  public static boolean hasExceptionEvent(List<EventData> events) {
    for (int i = 0; i < events.size(); i++) {
      if (isException(events.get(i))) {
        return true;
      }
    }
    return false;
  }

  /**
   * With {@code otel.semconv.exception.signal.preview=logs} the agent records no exception events;
   * a non-numeric {@code error.type} then names the exception class.
   */
  public boolean alertsOnErrorType(String errorType) {
    return alertExceptions
        && errorType != null
        && !errorType.isEmpty()
        && !Character.isDigit(errorType.charAt(0))
        && !"_OTHER".equals(errorType)
        && !isIgnored(errorType);
  }

  boolean isIgnored(String exceptionType) {
    if (ignored.isEmpty() || exceptionType == null) {
      return false;
    }
    return ignored.contains(exceptionType)
        || ignored.contains(exceptionType.replace('$', '.'))
        || ignored.contains(simpleName(exceptionType));
  }

  /** The exception's class name as recorded (canonical, as the SDK writes it). */
  public static String typeOf(EventData event) {
    String type = event.getAttributes().get(ExceptionAttributes.EXCEPTION_TYPE);
    if (type == null && event instanceof ExceptionEventData) {
      Class<?> c = ((ExceptionEventData) event).getException().getClass();
      type = c.getCanonicalName() != null ? c.getCanonicalName() : c.getName();
    }
    return type;
  }

  /** {@code com.acme.Outer.Inner} and {@code com.acme.Outer$Inner} give {@code Inner}. */
  public static String simpleName(String type) {
    if (type == null || type.isEmpty()) {
      return "Exception";
    }
    int cut = Math.max(type.lastIndexOf('.'), type.lastIndexOf('$'));
    String simple = type.substring(cut + 1);
    return simple.isEmpty() ? type : simple;
  }
}
