package com.example.opsgenie.spring;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Calls an outgoing dependency (the payment provider the example starts itself). The pay endpoint
 * answers 200 even when the provider fails (the order is kept for a retry), so only the CLIENT span
 * of the call shows the failure. {@code POST /payment-provider/failing?on=true} makes the provider
 * answer 503.
 */
@RestController
public class PaymentController implements DisposableBean {

  private final PaymentProvider provider = new PaymentProvider();
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  public PaymentController() throws IOException {}

  @GetMapping("/pay/{order}")
  public ResponseEntity<String> pay(@PathVariable String order)
      throws IOException, InterruptedException {
    HttpRequest request =
        HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + provider.port() + "/payments/" + order))
            .timeout(Duration.ofSeconds(5))
            .GET()
            .build();
    HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
    return response.statusCode() == 200
        ? ResponseEntity.ok("order " + order + " paid")
        : ResponseEntity.ok(
            "order " + order + " kept for retry: provider answered " + response.statusCode());
  }

  @PostMapping("/payment-provider/failing")
  public String failing(@RequestParam boolean on) {
    provider.setFailing(on);
    return "payment provider failing=" + on;
  }

  @Override
  public void destroy() throws IOException {
    provider.close();
  }
}
