package com.example.opsgenie.plain;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import io.github.otelopsgenie.api.OpsgenieAlerts;
import io.opentelemetry.api.trace.Span;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The same cases as the Spring Boot example, on the JDK's {@code HttpServer}. Under the agent,
 * {@code http.route} is the context path ({@code /status/} for {@code /status/503}).
 *
 * <pre>
 *   java -javaagent:opentelemetry-javaagent.jar \
 *        -Dotel.javaagent.extensions=otel-opsgenie-extension.jar \
 *        -jar plain-httpserver-service.jar --port=8080
 * </pre>
 */
public final class PlainHttpServerApp {

  private static final ExecutorService background =
      Executors.newCachedThreadPool(daemonThreads("background"));

  public static void main(String[] args) throws IOException {
    int port = 8080;
    for (String arg : args) {
      if (arg.startsWith("--port=")) {
        port = Integer.parseInt(arg.substring("--port=".length()));
      }
    }
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
    Map<String, HttpHandler> routes = routes();
    boolean manualSpans = Boolean.getBoolean("example.manual.spans");
    for (Map.Entry<String, HttpHandler> route : routes.entrySet()) {
      var context = server.createContext(route.getKey(), route.getValue());
      if (manualSpans) {
        context.getFilters().add(new ManualServerSpans(route.getKey()));
      }
    }
    server.setExecutor(Executors.newFixedThreadPool(8, daemonThreads("http")));
    server.start();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> server.stop(0), "http-stop"));
    System.out.println(
        "EXAMPLE-READY port="
            + server.getAddress().getPort()
            + (manualSpans ? " (manual server spans)" : ""));
  }

  static Map<String, HttpHandler> routes() {
    Map<String, HttpHandler> routes = new LinkedHashMap<>();
    routes.put("/ok", exchange -> send(exchange, 200, "ok"));
    routes.put(
        "/status/",
        exchange -> {
          String path = exchange.getRequestURI().getPath();
          int code = Integer.parseInt(path.substring(path.lastIndexOf('/') + 1));
          send(exchange, code, "status " + code);
        });
    routes.put(
        "/res_slow/",
        exchange -> {
          sleep(queryLong(exchange, "ms", 1500));
          send(exchange, 200, "slow info");
        });
    // throws before any response header: the instrumentation records no status code at all
    routes.put(
        "/boom",
        exchange -> {
          throw new IllegalStateException("order database unreachable");
        });
    routes.put(
        "/handled",
        exchange -> {
          try {
            reserveStock("sku-42");
            send(exchange, 200, "reserved");
          } catch (InventoryException e) {
            Span.current().recordException(e);
            send(exchange, 200, "out of stock, back-ordered");
          }
        });
    routes.put(
        "/handled-helper",
        exchange -> {
          try {
            chargeCard("order-2002");
            send(exchange, 200, "charged");
          } catch (PaymentDeclinedException e) {
            OpsgenieAlerts.raiseExceptionAlert(
                e,
                "chargeCard",
                Map.of("order_id", "order-2002", "payment_provider", "acme-pay"),
                "P2");
            send(exchange, 200, "payment declined, order kept for retry");
          }
        });
    routes.put(
        "/background",
        exchange -> {
          long ms = queryLong(exchange, "ms", 300);
          Runnable report =
              () -> {
                sleep(ms);
                throw new ReportFailedException("nightly report: 3 of 12 partitions failed");
              };
          background.execute(OpsgenieAlerts.watch("nightlyReport", report));
          send(exchange, 202, "report started");
        });
    routes.put(
        "/health",
        exchange -> {
          int status = (int) queryLong(exchange, "status", 200);
          send(exchange, status, status < 500 ? "UP" : "DOWN");
        });
    routes.put(
        "/leak-check",
        exchange -> send(exchange, 200, leakReport(PlainHttpServerApp.class.getClassLoader())));
    return routes;
  }

  static void send(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = (body + "\n").getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
    exchange.sendResponseHeaders(status, bytes.length);
    try (OutputStream out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }

  static long queryLong(HttpExchange exchange, String name, long fallback) {
    String query = exchange.getRequestURI().getRawQuery();
    if (query != null) {
      for (String pair : query.split("&")) {
        if (pair.startsWith(name + "=")) {
          return Long.parseLong(pair.substring(name.length() + 1));
        }
      }
    }
    return fallback;
  }

  /** What the application class loader can see: the extension must not be visible. */
  static String leakReport(ClassLoader loader) {
    List<String> names =
        List.of(
            "io.github.otelopsgenie.api.OpsgenieAlerts",
            "io.github.otelopsgenie.AlertingSpanProcessor",
            "io.github.otelopsgenie.OpsgenieCustomizerProvider",
            "io.github.otelopsgenie.shaded.semconv.HttpAttributes",
            "io.opentelemetry.sdk.trace.SdkTracerProvider");
    StringBuilder sb = new StringBuilder();
    for (String name : names) {
      String answer;
      try {
        Class<?> c = Class.forName(name, false, loader);
        CodeSource source = c.getProtectionDomain().getCodeSource();
        answer = "visible from " + (source == null ? "?" : source.getLocation());
      } catch (ClassNotFoundException e) {
        answer = "ClassNotFoundException";
      } catch (Throwable t) {
        answer = t.toString();
      }
      sb.append(name).append('=').append(answer).append('\n');
    }
    String serviceFile =
        "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider";
    List<String> urls = new ArrayList<>();
    try {
      for (URL url : Collections.list(loader.getResources(serviceFile))) {
        urls.add(url.toString());
      }
    } catch (IOException e) {
      urls.add(e.toString());
    }
    sb.append(serviceFile).append('=').append(urls.isEmpty() ? "none" : urls);
    return sb.toString();
  }

  private static void reserveStock(String sku) throws InventoryException {
    throw new InventoryException("no stock left for " + sku);
  }

  private static void chargeCard(String order) throws PaymentDeclinedException {
    throw new PaymentDeclinedException("card declined for " + order + ": insufficient funds");
  }

  static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return task -> {
      Thread t = new Thread(task, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    };
  }

  public static final class InventoryException extends Exception {
    public InventoryException(String message) {
      super(message);
    }
  }

  public static final class PaymentDeclinedException extends Exception {
    public PaymentDeclinedException(String message) {
      super(message);
    }
  }

  public static final class ReportFailedException extends RuntimeException {
    public ReportFailedException(String message) {
      super(message);
    }
  }
}
