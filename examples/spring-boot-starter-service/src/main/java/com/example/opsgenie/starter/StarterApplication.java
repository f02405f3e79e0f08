package com.example.opsgenie.starter;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.web.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A small service instrumented by the OpenTelemetry Spring Boot starter (no Java agent). The
 * starter builds the SDK with autoconfiguration, which finds otel-opsgenie on the class path; the
 * otel-opsgenie settings are Spring properties (application.properties) or environment variables.
 */
@SpringBootApplication
@RestController
public class StarterApplication {

  public static void main(String[] args) {
    SpringApplication.run(StarterApplication.class, args);
  }

  /** One line that launchers (the end-to-end tests) wait for; the port may be 0. */
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

  /** An unhandled exception: Spring answers 500. */
  @GetMapping("/boom")
  public String boom() {
    throw new IllegalStateException("order database unreachable");
  }
}
