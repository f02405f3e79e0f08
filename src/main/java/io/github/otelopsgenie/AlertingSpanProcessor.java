/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.content.RouteAlertFactory;
import io.github.otelopsgenie.internal.content.SpanFacts;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.rules.ConsumerRule;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.rules.JobRule;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.rules.RpcStatusRule;
import io.github.otelopsgenie.internal.rules.StatusRule;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.window.DependencyWindows;
import io.github.otelopsgenie.internal.window.OpenAlerts;
import io.github.otelopsgenie.internal.window.RouteBreach;
import io.github.otelopsgenie.internal.window.RouteStats;
import io.github.otelopsgenie.internal.window.RouteWindows;
import io.github.otelopsgenie.internal.window.SpanClock;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.common.Clock;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.semconv.ErrorAttributes;
import io.opentelemetry.semconv.HttpAttributes;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Reads HTTP server spans as they end and raises Opsgenie alerts by the flask-opsgenie rules: an
 * exception first, then a status code or class, then latency; at most one alert per span. Runs of
 * scheduled jobs ({@link JobRuns}), messages consumers failed on ({@link ConsumerRuns}) and calls
 * to dependencies ({@link DependencyCalls}) have rules of their own; spans of other kinds only
 * alert when the helper marked an exception on them.
 *
 * <p>{@link #onEnd} runs on the request thread: it reads a few attributes and, only when the status
 * or the latency may call for it, the route's remembered decision, and returns, allocating nothing,
 * unless an alert is due; then it builds the alert and offers it to the sender's bounded queue. It
 * never blocks and never throws.
 */
public final class AlertingSpanProcessor implements SpanProcessor {

  private static final Logger logger = Logger.getLogger(AlertingSpanProcessor.class.getName());

  private final OpsgenieSettings settings;
  private final AlertSink sink;
  private final RouteMatcher routes;
  private final StatusRule statusRule;
  private final RpcStatusRule rpcRule;
  private final ExceptionRule exceptionRule;
  private final AtomicBoolean isShutdown = new AtomicBoolean();
  private final RouteWindows routeWindows;
  private final AlertRaiser raiser;
  private final RequestAlerts requestAlerts;
  private final AutoCloser autoCloser;

  /** Null when job alerts are off. */
  private final JobRuns jobs;

  /** Null when consumer alerts are off. */
  private final ConsumerRuns consumers;

  /** Null when the failing-dependency rule is off. */
  private final DependencyCalls dependencies;

  private final OpenAlerts openAlerts;
  private final ProcessorState state;

  /** The windows' clock: a span's end time, unless far from the clock. */
  private final SpanClock spanClock;

  /**
   * A request no slower than this breaches no route's latency threshold; Long.MAX_VALUE when no
   * request is checked on its own (no threshold, or a percentile rule instead).
   */
  private final long perRequestLatencyFloorNanos;

  AlertingSpanProcessor(OpsgenieSettings settings, AlertSink sink) {
    this(settings, sink, Clock.getDefault(), true);
  }

  /** With the clock the windows use, and whether to start the auto-close thread (tests tick it). */
  AlertingSpanProcessor(
      OpsgenieSettings settings, AlertSink sink, Clock clock, boolean startAutoCloser) {
    this.settings = settings;
    this.routeWindows = RouteWindows.enabled(settings) ? new RouteWindows(settings) : null;
    this.openAlerts = settings.autoCloseNanos > 0 ? new OpenAlerts(settings.autoCloseNanos) : null;
    this.sink = sink;
    this.spanClock = new SpanClock(clock);
    AlertFactory alerts = new AlertFactory(settings);
    RouteAlertFactory routeAlerts = new RouteAlertFactory(alerts, settings);
    this.raiser = new AlertRaiser(settings, sink, openAlerts, routeWindows, routeAlerts, spanClock);
    this.autoCloser =
        openAlerts != null
            ? new AutoCloser(openAlerts, sink, clock, settings.autoCloseNanos)
            : null;
    this.routes = new RouteMatcher(settings);
    // with a percentile rule, single slow requests do not alert: the route's percentile does
    this.perRequestLatencyFloorNanos =
        routeWindows != null && routeWindows.percentileMode()
            ? Long.MAX_VALUE
            : routes.minLatencyThresholdNanos();
    // the global rule and every policy's: a status none lists needs no route look-up
    this.statusRule = StatusRule.anyOf(settings);
    this.exceptionRule = new ExceptionRule(settings);
    this.rpcRule = new RpcStatusRule(settings);
    this.requestAlerts =
        new RequestAlerts(
            settings,
            routes,
            exceptionRule,
            alerts,
            routeAlerts,
            raiser,
            perRequestLatencyFloorNanos);
    JobRule jobRule = JobRule.of(settings, exceptionRule);
    this.jobs = jobRule != null ? new JobRuns(jobRule, alerts, raiser) : null;
    ConsumerRule consumerRule = ConsumerRule.of(settings, exceptionRule);
    this.consumers = consumerRule != null ? new ConsumerRuns(consumerRule, alerts, raiser) : null;
    DependencyWindows dependencyWindows = DependencyWindows.of(settings);
    this.dependencies =
        dependencyWindows != null
            ? new DependencyCalls(dependencyWindows, alerts, raiser, spanClock)
            : null;
    if (autoCloser != null && startAutoCloser) {
      autoCloser.start();
    }
    this.state = new ProcessorState(sink, routes, routeWindows, raiser, openAlerts, dependencies);
    sink.alsoExport(new ProcessorMetrics(routes, routeWindows, raiser, openAlerts));
  }

  /** A builder for programmatic use with a plain {@code SdkTracerProvider}. */
  public static AlertingSpanProcessorBuilder builder() {
    return new AlertingSpanProcessorBuilder();
  }

  @Override
  public boolean isStartRequired() {
    return false;
  }

  @Override
  public void onStart(Context parentContext, ReadWriteSpan span) {}

  /** False for a processor built with {@code enabled=false}: the SDK then never calls onEnd. */
  @Override
  public boolean isEndRequired() {
    return settings.enabled;
  }

  @Override
  public void onEnd(ReadableSpan span) {
    try {
      SpanKind kind = span.getKind();
      if (kind == SpanKind.SERVER) {
        onServerSpan(span);
      } else if (kind == SpanKind.INTERNAL && jobs != null && jobs.isJobRun(span)) {
        if (!jobs.onEnd(span)) {
          requestAlerts.onMarkedSpan(span);
        }
      } else if (kind == SpanKind.CLIENT && dependencies != null) {
        if (dependencies.onEnd(span)) {
          requestAlerts.onMarkedSpan(span);
        }
      } else if (kind == SpanKind.CONSUMER && consumers != null) {
        if (!consumers.onEnd(span)) {
          requestAlerts.onMarkedSpan(span);
        }
      } else if (Boolean.TRUE.equals(span.getAttribute(ExceptionRule.MARKED))) {
        requestAlerts.onMarkedSpan(span);
      }
    } catch (Throwable t) {
      // the SDK's composite processor does not catch: an exception here would skip every
      // processor after us and reach the application's span.end()
      if (state.failures.getAndIncrement() == 0) {
        logger.log(
            Level.WARNING, "otel-opsgenie failed on a span; further failures are only counted", t);
      }
    }
  }

  private void onServerSpan(ReadableSpan span) {
    // One lock for all of the span's facts: every ReadableSpan getter takes the span's lock, while
    // an ended span's toSpanData() wraps its attributes and events without copying them, and the
    // wrapper does not outlive this method (escape analysis removes it: 0 B/op, measured). This
    // method stays small enough to be inlined into onEnd; whatever runs only when an alert may be
    // due lives in the methods it calls.
    SpanData data = span.toSpanData();
    Attributes attributes = data.getAttributes();
    Long status = SpanFacts.status(attributes);
    RouteMatcher.Decision route =
        routeWindows != null
            ? onRouteRules(
                span,
                attributes,
                data.getName(),
                data.getStartEpochNanos(),
                data.getEndEpochNanos(),
                status)
            : null;
    if (exceptionRule.alertsOnRecordedExceptions()
        || Boolean.TRUE.equals(attributes.get(ExceptionRule.MARKED))) {
      // only the event found and pieces the span already holds are handed on, never the events
      // list or the span data that wraps them: so the wrappers stay local (no allocation) also
      // for a request whose exception alert its cooldown holds back
      List<EventData> events = data.getEvents();
      EventData exception = null;
      boolean anyException = false;
      // the loop is here, not in a method given the list, for the same reason
      for (int i = 0; i < events.size(); i++) {
        EventData event = events.get(i);
        anyException |= ExceptionRule.isException(event);
        exception = exceptionRule.pick(exception, event, true);
      }
      if (exception != null) {
        requestAlerts.raiseException(
            span,
            data.getResource(),
            attributes,
            data.getName(),
            exception,
            null,
            data.getEndEpochNanos());
        return;
      }
      if (!anyException
          && requestAlerts.onErrorType(
              span,
              data.getResource(),
              attributes,
              data.getName(),
              status,
              data.getEndEpochNanos())) {
        return;
      }
    }
    boolean statusMatches = status != null && statusRule.matches(status);
    // a gRPC server span has no HTTP status; its own status is read only when a gRPC code alerts
    Long rpcStatus = status == null && rpcRule.enabled() ? rpcStatusToAlert(attributes) : null;
    long latencyNanos = data.getEndEpochNanos() - data.getStartEpochNanos();
    // below the smallest threshold of any route, a request is slow on none: no route to look up
    boolean mayBeSlow = latencyNanos > perRequestLatencyFloorNanos;
    if (statusMatches || rpcStatus != null || mayBeSlow) {
      requestAlerts.onStatusOrLatency(
          span,
          data.getResource(),
          attributes,
          data.getName(),
          route,
          statusMatches ? status : null,
          rpcStatus,
          latencyNanos,
          data.getEndEpochNanos());
    }
  }

  /** The span's gRPC status when it is one that alerts, else null. */
  private Long rpcStatusToAlert(Attributes attributes) {
    Long code = attributes.get(SpanFacts.RPC_GRPC_STATUS_CODE);
    return code != null && rpcRule.matches(code) ? code : null;
  }

  /**
   * Error-rate and percentile rules: route-level alerts, raised besides the request's own. Returns
   * the route's decision, which they need and the request's rules reuse.
   */
  private RouteMatcher.Decision onRouteRules(
      ReadableSpan span,
      Attributes attributes,
      String name,
      long startNanos,
      long endNanos,
      Long status) {
    // never given the span data: this method is not inlined, and its wrapper would escape
    // the window's key is http.route only: every route-less span shares one window, and its
    // decision is the path's; a routed span finds its decision in its window (one look-up)
    String httpRoute = attributes.get(HttpAttributes.HTTP_ROUTE);
    RouteStats window;
    RouteMatcher.Decision route;
    if (httpRoute != null) {
      window = routeWindows.window(httpRoute, routes);
      route = window.decision != null ? window.decision : routes.decide(httpRoute);
    } else {
      window = routeWindows.unrouted();
      route = routes.decide(SpanFacts.route(attributes, name));
    }
    // error.type is read only when the status does not tell
    boolean error =
        (status != null && status >= 500) || attributes.get(ErrorAttributes.ERROR_TYPE) != null;
    // the span's end time is the windows' clock (epoch nanoseconds, as the auto-close thread's
    // clock.now()): no clock read per span, unless it lies far from the last reading
    long now = spanClock.now(endNanos);
    RouteBreach breach = routeWindows.record(window, error, endNanos - startNanos, route, now);
    if (breach != null) {
      requestAlerts.onRouteBreach(span, breach, route.policy, now);
    }
    return route;
  }

  /** One auto-close check now, as the auto-close thread runs it (tests tick it by hand). */
  void closeRecovered() {
    if (autoCloser != null) {
      autoCloser.closeRecovered();
    }
  }

  @Override
  public CompletableResultCode forceFlush() {
    return sink.forceFlush();
  }

  @Override
  public CompletableResultCode shutdown() {
    if (isShutdown.getAndSet(true)) {
      return CompletableResultCode.ofSuccess();
    }
    // a service going away is not a recovery: nothing is closed
    if (autoCloser != null) {
      autoCloser.stop();
    }
    long failed = state.failures.get();
    if (failed > 0) {
      logger.log(Level.WARNING, "otel-opsgenie failed on {0} spans", failed);
    }
    logger.info(state.summary());
    return sink.shutdown();
  }

  OpsgenieSettings settings() {
    return settings;
  }

  /** What the processor remembers and counts: for the shutdown line, tests and benchmarks. */
  ProcessorState state() {
    return state;
  }

  @Override
  public String toString() {
    return "AlertingSpanProcessor{settings=" + settings + ", sink=" + sink + "}";
  }
}
