/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.spans;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.api.OpsgenieAlerts;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.content.AlertAliases;
import io.github.otelopsgenie.internal.content.AlertFactory;
import io.github.otelopsgenie.internal.delivery.AlertSink;
import io.github.otelopsgenie.internal.delivery.CloseOutcome;
import io.github.otelopsgenie.internal.rules.RouteMatcher;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.common.CompletableResultCode;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 28: the route is looked up once and the alias formed once per alerting span, on the request
 * thread; the alert's builder (run here at once by the sink, as the sender's thread runs it) takes
 * both from the candidate and forms or decides neither again. For each request rule, with route
 * windows off and on, and with a policy (an exception alert then needs the route's decision too).
 */
class OneLookUpPerSpanTest {

  private final TestClock clock = TestClock.create();
  private final AtomicInteger lookUps = new AtomicInteger();
  private final AtomicInteger aliasesFormed = new AtomicInteger();
  private final List<OpsgenieAlert> alerts = new CopyOnWriteArrayList<>();
  private SdkTracerProvider provider;
  private Tracer tracer;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown();
    }
  }

  static Stream<Arguments> rules() {
    return Stream.of(
        Arguments.of("status", AlertType.STATUS),
        Arguments.of("latency", AlertType.LATENCY),
        Arguments.of("exception", AlertType.EXCEPTION),
        Arguments.of("error.type", AlertType.EXCEPTION),
        Arguments.of("helper", AlertType.HANDLED_EXCEPTION),
        Arguments.of("grpc", AlertType.RPC_STATUS));
  }

  @ParameterizedTest(name = "{0}, route windows {2}")
  @MethodSource("withAndWithoutWindows")
  void oneLookUpAndOneAliasPerAlertingSpan(String rule, AlertType type, boolean windows) {
    setUp(windows);
    for (int i = 0; i < 3; i++) {
      lookUps.set(0);
      aliasesFormed.set(0);
      // a new route each time: a route already known to the windows needs no look-up at all
      end(rule, "/orders/" + i + "/{id}");
      assertThat(alerts).as("the alert was built").hasSize(i + 1);
      assertThat(alerts.get(i).getType()).isEqualTo(type);
      assertThat(lookUps.get()).as("route look-ups for one %s span", rule).isEqualTo(1);
      assertThat(aliasesFormed.get()).as("aliases formed for one %s span", rule).isEqualTo(1);
    }
  }

  static Stream<Arguments> withAndWithoutWindows() {
    return rules()
        .flatMap(
            a ->
                Stream.of(
                    Arguments.of(a.get()[0], a.get()[1], false),
                    Arguments.of(a.get()[0], a.get()[1], true)));
  }

  private void setUp(boolean windows) {
    String[] common = {
      "alert.status.codes", "500",
      "threshold.response.time", "1000",
      "response.time.monitored.endpoints", ".*",
      "alert.rpc.status.codes", "UNAVAILABLE",
      "alert.cooldown", "0",
      "policies", "orders",
      "policy.orders.routes", "^/orders/.*",
      "policy.orders.priority", "P2"
    };
    String[] keyValues = common;
    if (windows) {
      keyValues = new String[common.length + 4];
      System.arraycopy(common, 0, keyValues, 0, common.length);
      keyValues[common.length] = "alert.error.rate";
      keyValues[common.length + 1] = "90%";
      keyValues[common.length + 2] = "alert.error.rate.min.requests";
      keyValues[common.length + 3] = "1000";
    }
    OpsgenieSettings settings = TestSettings.of(keyValues);
    RouteMatcher routes =
        new RouteMatcher(settings) {
          @Override
          public Decision decide(String route) {
            lookUps.incrementAndGet();
            return super.decide(route);
          }
        };
    AlertFactory factory = new AlertFactory(settings, new CountingAliases(settings));
    ProcessorParts parts = new ProcessorParts(settings, new BuildingSink(), clock, routes, factory);
    provider =
        SdkTracerProvider.builder().setClock(clock).addSpanProcessor(new Dispatch(parts)).build();
    tracer = provider.get("test");
  }

  private void end(String rule, String route) {
    boolean grpc = rule.equals("grpc");
    Span span =
        tracer
            .spanBuilder(grpc ? "shop.Orders/Place" : "GET " + route)
            .setSpanKind(SpanKind.SERVER)
            .startSpan();
    if (grpc) {
      span.setAttribute("rpc.system", "grpc");
      span.setAttribute("rpc.service", "shop.Orders");
      span.setAttribute("rpc.method", "Place");
      span.setAttribute("http.route", route);
      span.setAttribute("rpc.grpc.status_code", 14L);
    } else {
      span.setAttribute("http.request.method", "GET");
      span.setAttribute("http.route", route);
      span.setAttribute("url.path", route.replace("{id}", "7"));
      span.setAttribute("http.response.status_code", rule.equals("status") ? 500L : 200L);
    }
    Consumer<Span> more = s -> {};
    if (rule.equals("exception")) {
      more = s -> s.recordException(new IllegalStateException("boom"));
    } else if (rule.equals("error.type")) {
      more = s -> s.setAttribute("error.type", "java.lang.IllegalStateException");
    } else if (rule.equals("helper")) {
      more =
          s -> {
            try (Scope ignored = s.makeCurrent()) {
              OpsgenieAlerts.raiseExceptionAlert(new IllegalStateException("handled"), "charge");
            }
          };
    }
    more.accept(span);
    clock.advance(Duration.ofMillis(rule.equals("latency") ? 1500 : 5));
    span.end();
  }

  /** Counts each alias formed, of any kind. */
  private final class CountingAliases extends AlertAliases {
    CountingAliases(OpsgenieSettings settings) {
      super(settings);
    }

    @Override
    public String status(Resource resource, Policy policy, Attributes attributes, String name) {
      aliasesFormed.incrementAndGet();
      return super.status(resource, policy, attributes, name);
    }

    @Override
    public String latency(Resource resource, Policy policy, Attributes attributes, String name) {
      aliasesFormed.incrementAndGet();
      return super.latency(resource, policy, attributes, name);
    }

    @Override
    public String exception(
        Resource resource, String type, String function, Attributes attributes, String name) {
      aliasesFormed.incrementAndGet();
      return super.exception(resource, type, function, attributes, name);
    }

    @Override
    public String errorRate(Resource resource, String route) {
      aliasesFormed.incrementAndGet();
      return super.errorRate(resource, route);
    }

    @Override
    public String latencyPercentile(Resource resource, String route, double percentile) {
      aliasesFormed.incrementAndGet();
      return super.latencyPercentile(resource, route, percentile);
    }
  }

  /** Builds each admitted alert at once, as the sender's thread would, and keeps it. */
  private final class BuildingSink implements AlertSink {
    @Override
    public boolean enqueue(String alias, Supplier<OpsgenieAlert> build) {
      return alerts.add(build.get());
    }

    @Override
    public boolean close(String alias, String note, CloseOutcome outcome) {
      return true;
    }

    @Override
    public boolean note(String alias, String text) {
      return true;
    }

    @Override
    public CompletableResultCode forceFlush() {
      return CompletableResultCode.ofSuccess();
    }

    @Override
    public CompletableResultCode shutdown() {
      return CompletableResultCode.ofSuccess();
    }
  }

  /** The processor's dispatch on the span kind, over the same parts. */
  private static final class Dispatch implements SpanProcessor {
    private final ProcessorParts parts;

    Dispatch(ProcessorParts parts) {
      this.parts = parts;
    }

    @Override
    public void onStart(Context parentContext, ReadWriteSpan span) {}

    @Override
    public boolean isStartRequired() {
      return false;
    }

    @Override
    public void onEnd(ReadableSpan span) {
      if (span.getKind() == SpanKind.SERVER) {
        parts.server().onEnd(span);
      } else {
        parts.other().onEnd(span);
      }
    }

    @Override
    public boolean isEndRequired() {
      return true;
    }
  }
}
