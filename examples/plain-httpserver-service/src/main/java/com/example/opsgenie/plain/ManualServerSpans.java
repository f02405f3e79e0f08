package com.example.opsgenie.plain;

import com.sun.net.httpserver.Filter;
import com.sun.net.httpserver.HttpExchange;
import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.io.IOException;
import java.util.List;

/**
 * Without the agent nothing traces the JDK server, so this filter makes the SERVER span the agent
 * would make, with the same stable HTTP attributes. Used with the SDK autoconfigure module ({@code
 * -Dotel.java.global-autoconfigure.enabled=true}) and the otel-opsgenie jar on the class path, or
 * under the agent with its JDK server instrumentation off ({@code
 * -Dotel.instrumentation.java-http-server.enabled=false}); with {@code
 * -Dexample.manual.spans.route=false} the spans carry no {@code http.route}, as on a server that
 * knows no routes (a raw handler).
 */
final class ManualServerSpans extends Filter {

  private static final AttributeKey<String> METHOD = AttributeKey.stringKey("http.request.method");
  private static final AttributeKey<String> ROUTE = AttributeKey.stringKey("http.route");
  private static final AttributeKey<String> PATH = AttributeKey.stringKey("url.path");
  private static final AttributeKey<String> QUERY = AttributeKey.stringKey("url.query");
  private static final AttributeKey<String> SCHEME = AttributeKey.stringKey("url.scheme");
  private static final AttributeKey<String> SERVER_ADDRESS =
      AttributeKey.stringKey("server.address");
  private static final AttributeKey<Long> SERVER_PORT = AttributeKey.longKey("server.port");
  private static final AttributeKey<Long> STATUS =
      AttributeKey.longKey("http.response.status_code");
  private static final AttributeKey<String> ERROR_TYPE = AttributeKey.stringKey("error.type");

  private static final TextMapGetter<HttpExchange> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpExchange exchange) {
          return exchange.getRequestHeaders().keySet();
        }

        @Override
        public String get(HttpExchange exchange, String key) {
          return exchange == null ? null : exchange.getRequestHeaders().getFirst(key);
        }
      };

  private final String route;
  private final Tracer tracer;

  /**
   * {@code -Dexample.manual.spans.route=false}: a server whose spans carry no {@code http.route}.
   */
  private final boolean recordRoute =
      !"false".equals(System.getProperty("example.manual.spans.route"));

  ManualServerSpans(String route) {
    this.route = route;
    this.tracer = GlobalOpenTelemetry.getTracer("com.example.opsgenie.plain");
  }

  @Override
  public void doFilter(HttpExchange exchange, Chain chain) throws IOException {
    Context parent =
        GlobalOpenTelemetry.getPropagators()
            .getTextMapPropagator()
            .extract(Context.root(), exchange, HEADERS);
    String method = exchange.getRequestMethod();
    Span span =
        tracer
            .spanBuilder(method + " " + route)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute(METHOD, method)
            .setAttribute(PATH, exchange.getRequestURI().getPath())
            .setAttribute(SCHEME, "http")
            .setAttribute(SERVER_ADDRESS, exchange.getLocalAddress().getHostString())
            .setAttribute(SERVER_PORT, (long) exchange.getLocalAddress().getPort())
            .startSpan();
    if (recordRoute) {
      span.setAttribute(ROUTE, route);
    }
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      span.setAttribute(QUERY, query);
    }
    List<String> requestIds = exchange.getRequestHeaders().get("X-Request-Id");
    if (requestIds != null) {
      span.setAttribute(
          AttributeKey.stringArrayKey("http.request.header.x-request-id"), requestIds);
    }
    try (Scope ignored = span.makeCurrent()) {
      chain.doFilter(exchange);
    } catch (IOException | RuntimeException | Error e) {
      span.recordException(e);
      span.setStatus(StatusCode.ERROR);
      span.setAttribute(ERROR_TYPE, e.getClass().getName());
      throw e;
    } finally {
      int status = exchange.getResponseCode();
      if (status > 0) {
        span.setAttribute(STATUS, (long) status);
        if (status >= 500) {
          span.setStatus(StatusCode.ERROR);
          span.setAttribute(ERROR_TYPE, Integer.toString(status));
        }
      }
      span.end();
    }
  }

  @Override
  public String description() {
    return "SERVER spans for " + route;
  }
}
