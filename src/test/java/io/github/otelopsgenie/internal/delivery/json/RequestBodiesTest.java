/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.alert.Responder;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The request bodies as the API reads them; its helpers serve the delivery's tests too. */
public class RequestBodiesTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  public static OpsgenieAlert fullAlert() {
    return OpsgenieAlert.builder(AlertType.STATUS)
        .setMessage("checkout: GET /orders/{id} answered 503")
        .setAlias("checkout-response-status-alert")
        .setDescription("GET /orders/42 answered 503 Service Unavailable\nafter 120 ms")
        .setResponders(
            Arrays.asList(
                Responder.parse("team:ops"),
                Responder.parse("user:neo@matrix"),
                Responder.parse("escalation:id:4513b7ea-3b91-438f-b7e4-e3e54af9147c"),
                Responder.parse("schedule:primary")))
        .setTags(Arrays.asList("checkout", "prod"))
        .putDetail("alert_type", "status")
        .putDetail("status_code", "503")
        .setEntity("checkout")
        .setSource("checkout@host-1")
        .setPriority("P2")
        .setNote("raised by otel-opsgenie")
        .build();
  }

  public static JsonNode parse(byte[] body) throws Exception {
    return JSON.readTree(new String(body, StandardCharsets.UTF_8));
  }

  @Test
  void bodyCarriesOpsgeniesFieldsAndNotTheAlertType() throws Exception {
    JsonNode body = parse(RequestBodies.createBody(fullAlert()));

    assertThat(body)
        .isEqualTo(
            JSON.readTree(
                "{"
                    + "\"message\":\"checkout: GET /orders/{id} answered 503\","
                    + "\"alias\":\"checkout-response-status-alert\","
                    + "\"description\":\"GET /orders/42 answered 503 Service Unavailable\\nafter 120 ms\","
                    + "\"responders\":[{\"type\":\"team\",\"name\":\"ops\"},{\"type\":\"user\",\"username\":\"neo@matrix\"},"
                    + "{\"type\":\"escalation\",\"id\":\"4513b7ea-3b91-438f-b7e4-e3e54af9147c\"},{\"type\":\"schedule\",\"name\":\"primary\"}],"
                    + "\"tags\":[\"checkout\",\"prod\"],"
                    + "\"details\":{\"alert_type\":\"status\",\"status_code\":\"503\"},"
                    + "\"entity\":\"checkout\",\"source\":\"checkout@host-1\",\"priority\":\"P2\","
                    + "\"note\":\"raised by otel-opsgenie\"}"));
    assertThat(ScriptedOpsgenie.violations(body)).isEmpty();
  }

  @Test
  void nullAndEmptyFieldsAreLeftOut() throws Exception {
    OpsgenieAlert alert =
        OpsgenieAlert.builder(AlertType.LATENCY)
            .setMessage("slow")
            .setDescription("")
            .setPriority(null)
            .putDetail("absent", null)
            .build();

    JsonNode body = parse(RequestBodies.createBody(alert));

    assertThat(body).isEqualTo(JSON.readTree("{\"message\":\"slow\"}"));
  }

  @Test
  void logRenderingIsTheSameJsonOnOneLine() throws Exception {
    OpsgenieAlert alert =
        fullAlert().toBuilder()
            .setDescription(
                "java.lang.IllegalStateException: boom\n\tat a.B.c(B.java:1)\r\n\tat d.E.f(E.java:2)")
            .build();

    String line = RequestBodies.oneLine(alert);

    assertThat(line).doesNotContain("\n").doesNotContain("\r");
    assertThat(JSON.readTree(line)).isEqualTo(parse(RequestBodies.createBody(alert)));
  }

  @Test
  void bodyIsUtf8() throws Exception {
    OpsgenieAlert alert =
        OpsgenieAlert.builder(AlertType.EXCEPTION).setMessage("Zürich € 😀").build();

    assertThat(parse(RequestBodies.createBody(alert)).get("message").asText())
        .isEqualTo("Zürich € 😀");
  }

  @Test
  void anOversizedAlertStillFitsEveryLimit() throws Exception {
    String huge = repeat("x", 40_000);
    List<String> tags = new ArrayList<>();
    List<Responder> responders = new ArrayList<>();
    for (int i = 0; i < 80; i++) {
      tags.add("tag-" + i + "-" + huge.substring(0, 60));
      responders.add(Responder.parse("team:team-" + i));
    }
    OpsgenieAlert.Builder builder =
        OpsgenieAlert.builder(AlertType.EXCEPTION)
            .setMessage(huge)
            .setAlias(huge)
            .setDescription(huge)
            .setResponders(responders)
            .setTags(tags)
            .setEntity(huge)
            .setSource(huge)
            .setNote(huge);
    for (int i = 0; i < 50; i++) {
      builder.putDetail("detail_" + i, huge.substring(0, 500));
    }

    JsonNode body = parse(RequestBodies.createBody(builder.build()));

    assertThat(ScriptedOpsgenie.violations(body)).isEmpty();
    assertThat(body.get("alias").asText()).startsWith("sha256-");
  }

  @Test
  void closeBodyHoldsOnlyWhatIsGiven() throws Exception {
    assertThat(parse(RequestBodies.closeBody(null, null))).isEqualTo(JSON.readTree("{}"));
    assertThat(parse(RequestBodies.closeBody("recovered", repeat("s", 300))).get("source").asText())
        .hasSize(FieldLimits.SOURCE);
  }

  static String repeat(String s, int n) {
    return String.join("", Collections.nCopies(n, s));
  }
}
