package com.example.opsgenie.spring;

import io.github.otelopsgenie.api.OpsgenieAlerts;
import io.opentelemetry.api.trace.Span;
import java.net.URL;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small shop service with one endpoint per alerting case. Run it under the OpenTelemetry Java
 * agent with the otel-opsgenie extension; it contains no alerting code except the two helper calls
 * for exceptions it handles itself.
 */
@SpringBootApplication
@EnableScheduling
@RestController
public class ExampleApplication {

  public static void main(String[] args) {
    SpringApplication.run(ExampleApplication.class, args);
  }

  /** One line that launchers (the end-to-end tests, the demo) wait for; the port may be 0. */
  @Bean
  ApplicationListener<WebServerInitializedEvent> announcePort() {
    return event -> System.out.println("EXAMPLE-READY port=" + event.getWebServer().getPort());
  }

  @GetMapping("/ok")
  public String ok() {
    return "ok";
  }

  /** Answers with any status code: /status/500, /status/503, /status/404. */
  @GetMapping("/status/{code}")
  public ResponseEntity<String> status(@PathVariable int code) {
    return ResponseEntity.status(code).body("status " + code);
  }

  /** A slow endpoint on a templated route (http.route = /res_slow/{id}/info/). */
  @GetMapping("/res_slow/{id}/info/")
  public String slow(@PathVariable String id, @RequestParam(defaultValue = "1500") long ms)
      throws InterruptedException {
    Thread.sleep(ms);
    return "info " + id + " after " + ms + "ms";
  }

  /** An unhandled exception: the agent records it on the server span, Spring answers 500. */
  @GetMapping("/boom")
  public String boom() {
    throw new IllegalStateException("order database unreachable");
  }

  /** A handled exception, marked with the plain OpenTelemetry API; the request still succeeds. */
  @GetMapping("/handled")
  public String handled() {
    try {
      reserveStock("sku-42");
      return "reserved";
    } catch (InventoryException e) {
      Span.current().recordException(e);
      return "out of stock, back-ordered";
    }
  }

  /** A handled exception, marked with the otel-opsgenie helper: function, details, priority. */
  @GetMapping("/handled-helper")
  public String handledWithHelper(@RequestParam(defaultValue = "order-1001") String order) {
    try {
      chargeCard(order);
      return "charged";
    } catch (PaymentDeclinedException e) {
      OpsgenieAlerts.raiseExceptionAlert(
          e, "chargeCard", Map.of("order_id", order, "payment_provider", "acme-pay"), "P2");
      return "payment declined, order kept for retry";
    }
  }

  /** Background work that fails after the response was sent, watched by the helper. */
  @GetMapping("/background")
  public ResponseEntity<String> background(@RequestParam(defaultValue = "300") long ms) {
    CompletableFuture<Void> report =
        CompletableFuture.runAsync(
            () -> {
              sleep(ms);
              throw new ReportFailedException("nightly report: 3 of 12 partitions failed");
            });
    OpsgenieAlerts.watch("nightlyReport", report);
    return ResponseEntity.accepted().body("report started");
  }

  /** A checkout route that fails: the per-route policy example pages its own team for it. */
  @GetMapping("/checkout/{cart}")
  public ResponseEntity<String> checkout(@PathVariable String cart) {
    return ResponseEntity.status(502).body("payment gateway unavailable for cart " + cart);
  }

  /**
   * An exception that the {@link #orderNotFound} handler turns into a 404: flask-opsgenie's
   * {@code @app.errorhandler}. The agent records no exception event for it (the response is a
   * normal one), so the handler records it itself.
   */
  @GetMapping("/orders/{id}")
  public String order(@PathVariable String id) {
    throw new OrderNotFoundException("no order " + id);
  }

  /**
   * The Java equivalent of {@code raise_exception_alert(EXCEPTION, e)} in an error handler: record
   * the exception on the request's span (or call {@code OpsgenieAlerts.raiseExceptionAlert}).
   */
  @ExceptionHandler(OrderNotFoundException.class)
  public ResponseEntity<String> orderNotFound(OrderNotFoundException e) {
    Span.current().recordException(e);
    return ResponseEntity.status(404).body(e.getMessage());
  }

  /** A health check: typically listed in the ignored endpoints. */
  @GetMapping("/health")
  public ResponseEntity<String> health(@RequestParam(defaultValue = "200") int status) {
    return ResponseEntity.status(status).body(status < 500 ? "UP" : "DOWN");
  }

  /**
   * Shows that the extension lives only inside the agent: its classes (and the SDK's) are not
   * visible to the application, only the helper's API package is.
   */
  @GetMapping("/leak-check")
  public String leakCheck() {
    return ClassVisibility.report(ExampleApplication.class.getClassLoader());
  }

  private static void reserveStock(String sku) throws InventoryException {
    throw new InventoryException("no stock left for " + sku);
  }

  private static void chargeCard(String order) throws PaymentDeclinedException {
    throw new PaymentDeclinedException("card declined for " + order + ": insufficient funds");
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * A nested class: its exception.type is the canonical name
   * ...ExampleApplication.InventoryException.
   */
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

  public static final class OrderNotFoundException extends RuntimeException {
    public OrderNotFoundException(String message) {
      super(message);
    }
  }

  public static final class ReportFailedException extends RuntimeException {
    public ReportFailedException(String message) {
      super(message);
    }
  }

  /** What the application's class loader can see; one {@code name=answer} line each. */
  static final class ClassVisibility {
    static final List<String> CLASSES =
        List.of(
            "io.github.otelopsgenie.api.OpsgenieAlerts",
            "io.github.otelopsgenie.AlertingSpanProcessor",
            "io.github.otelopsgenie.OpsgenieCustomizerProvider",
            "io.github.otelopsgenie.shaded.semconv.HttpAttributes",
            "io.opentelemetry.sdk.trace.SdkTracerProvider");
    static final String SERVICE_FILE =
        "META-INF/services/io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider";

    static String report(ClassLoader loader) {
      StringBuilder sb = new StringBuilder();
      for (String name : CLASSES) {
        sb.append(name).append('=').append(visibility(name, loader)).append('\n');
      }
      List<String> services = new ArrayList<>();
      try {
        for (URL url : Collections.list(loader.getResources(SERVICE_FILE))) {
          services.add(url.toString());
        }
      } catch (Exception e) {
        services.add(e.toString());
      }
      sb.append(SERVICE_FILE)
          .append('=')
          .append(services.isEmpty() ? "none" : services)
          .append('\n');
      return sb.toString();
    }

    private static String visibility(String name, ClassLoader loader) {
      try {
        Class<?> c = Class.forName(name, false, loader);
        CodeSource source = c.getProtectionDomain().getCodeSource();
        return "visible from " + (source == null ? "?" : source.getLocation());
      } catch (ClassNotFoundException e) {
        return "ClassNotFoundException";
      } catch (Throwable t) {
        return t.toString();
      }
    }
  }
}
