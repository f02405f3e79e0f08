/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.example.opsgenie.standin.AlertPrinter;
import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedClose;
import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The Opsgenie stand-in that the end-to-end tests assert on records and checks close requests: our
 * {@link OpsgenieClient#closeAlert} passes its checks, and what Opsgenie would not accept does not.
 */
class StandInCloseTest {

  private static final String KEY = "close-key";
  private static final HttpClient http = HttpClient.newHttpClient();

  private OpsgenieStandIn standIn;

  @BeforeEach
  void start() throws Exception {
    standIn = OpsgenieStandIn.start(KEY);
  }

  @AfterEach
  void stop() {
    standIn.close();
  }

  @Test
  void ourCloseByAliasIsAcceptedAndRecordedWithItsAliasDecoded() throws Exception {
    OpsgenieClient client =
        new HttpOpsgenieClient(URI.create(standIn.baseUrl()), KEY, Duration.ofSeconds(5));
    String alias = "shop-/users/{id}-500 ünïcode+plus %";

    OpsgenieResponse response = client.closeAlert(alias, "recovered", "web-1");

    assertThat(response.statusCode).isEqualTo(202);
    assertThat(response.isAccepted()).isTrue();
    ReceivedClose close = standIn.closes().get(0);
    assertThat(close.problems()).isEmpty();
    assertThat(close.alias()).isEqualTo(alias);
    assertThat(close.identifierType()).isEqualTo("alias");
    assertThat(close.rawIdentifier())
        .startsWith("shop-%2Fusers%2F%7Bid%7D-500%20")
        .doesNotContain("/", " ", "+");
    assertThat(close.note()).isEqualTo("recovered");
    assertThat(close.source()).isEqualTo("web-1");
    assertThat(close.aliasWasCreated()).isFalse();
    assertThat(standIn.alerts()).isEmpty();
    assertThat(standIn.otherRequests()).isEmpty();
    assertThat(AlertPrinter.format(close))
        .contains("[CLOSE] alias=" + alias, "note    : recovered", "contract: OK");
  }

  @Test
  void aCloseOfACreatedAliasKnowsIt() throws Exception {
    OpsgenieClient client =
        new HttpOpsgenieClient(URI.create(standIn.baseUrl()), KEY, Duration.ofSeconds(5));
    client.createAlert(
        OpsgenieAlert.builder(AlertType.STATUS).setMessage("m").setAlias("a/b").build());
    client.closeAlert("a/b", null, null);
    assertThat(standIn.closes().get(0).aliasWasCreated()).isTrue();
    assertThat(standIn.closes().get(0).problems()).isEmpty();
    assertThat(standIn.awaitCloses(c -> "a/b".equals(c.alias()), 1, Duration.ZERO)).hasSize(1);
  }

  @Test
  void whatOpsgenieWouldNotAcceptIsAProblem() throws Exception {
    String tooLong = "x".repeat(25_001);
    assertThat(
            post("/v2/alerts/a/close", "{\"note\":\"" + tooLong + "\",\"priority\":\"P1\"}", KEY))
        .isEqualTo(202);
    assertThat(post("/v2/alerts/a/close?identifierType=name", "{}", KEY)).isEqualTo(202);
    assertThat(post("/v2/alerts/a/close?identifierType=alias", "{}", "other")).isEqualTo(401);
    assertThat(post("/v2/alerts/a/close?identifierType=alias", "{not json", KEY)).isEqualTo(400);

    List<ReceivedClose> closes = standIn.closes();
    assertThat(closes.get(0).problems())
        .anySatisfy(p -> assertThat(p).contains("identifierType is absent"))
        .anySatisfy(
            p -> assertThat(p).contains("note has 25001 characters, over the limit of 25000"))
        .anySatisfy(p -> assertThat(p).contains("priority is not a CloseAlertPayload field"));
    assertThat(closes.get(1).problems())
        .anySatisfy(p -> assertThat(p).contains("identifierType=name is not one of"));
    assertThat(closes.get(2).problems())
        .anySatisfy(p -> assertThat(p).contains("a key other than the expected one"));
    assertThat(closes.get(3).problems()).isNotEmpty();
  }

  private int post(String pathAndQuery, String body, String key) throws Exception {
    HttpRequest request =
        HttpRequest.newBuilder(URI.create(standIn.baseUrl() + pathAndQuery))
            .header("Authorization", "GenieKey " + key)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build();
    return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
  }
}
