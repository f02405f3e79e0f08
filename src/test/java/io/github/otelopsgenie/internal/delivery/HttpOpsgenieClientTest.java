/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.otelopsgenie.internal.alert.FieldLimits;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Recorded;
import io.github.otelopsgenie.internal.delivery.ScriptedOpsgenie.Reply;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import io.github.otelopsgenie.internal.delivery.json.RequestBodies;
import io.github.otelopsgenie.internal.delivery.json.RequestBodiesTest;
import io.github.otelopsgenie.internal.delivery.json.ResponseParser;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30)
class HttpOpsgenieClientTest {

  static final String KEY = "eb243592-faa2-4ba2-a551q-1afdf565c889";
  private static final ObjectMapper JSON = new ObjectMapper();

  private final ScriptedOpsgenie opsgenie = ScriptedOpsgenie.start();

  @AfterEach
  void stop() {
    opsgenie.close();
  }

  private HttpOpsgenieClient client(URI base) {
    return new HttpOpsgenieClient(base, KEY, Duration.ofSeconds(5));
  }

  @Test
  void createAlertPostsTheJsonBodyWithGenieKeyAndJsonHeaders() throws Exception {
    OpsgenieResponse response = client(opsgenie.base()).createAlert(RequestBodiesTest.fullAlert());

    Recorded request = opsgenie.requests().get(0);
    assertThat(request.method).isEqualTo("POST");
    assertThat(request.path).isEqualTo("/v2/alerts");
    assertThat(request.query).isNull();
    assertThat(request.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(request.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(request.header("Accept")).isEqualTo("application/json");
    assertThat(request.header("User-Agent")).startsWith("otel-opsgenie/");
    assertThat(request.json())
        .isEqualTo(
            RequestBodiesTest.parse(RequestBodies.createBody(RequestBodiesTest.fullAlert())));
    assertThat(ScriptedOpsgenie.violations(request.json())).isEmpty();
    assertThat(response.isAccepted()).isTrue();
    assertThat(response.statusCode).isEqualTo(202);
    assertThat(response.requestId).isEqualTo("43a29c5c-3dbf-4fa4-9c26-f4f71023e120");
  }

  @ParameterizedTest
  @ValueSource(strings = {"/jsm/ops/integration", "/jsm/ops/integration/"})
  void jiraServiceManagementBaseGetsV2AlertsAppended(String prefix) throws Exception {
    client(opsgenie.base(prefix)).createAlert(RequestBodiesTest.fullAlert());

    assertThat(opsgenie.requests().get(0).path).isEqualTo("/jsm/ops/integration/v2/alerts");
  }

  @ParameterizedTest
  @CsvSource({
    "https://api.opsgenie.com, https://api.opsgenie.com/v2/alerts",
    "https://api.opsgenie.com/, https://api.opsgenie.com/v2/alerts",
    "https://api.eu.opsgenie.com, https://api.eu.opsgenie.com/v2/alerts",
    "https://api.atlassian.com/jsm/ops/integration, https://api.atlassian.com/jsm/ops/integration/v2/alerts",
    "https://api.atlassian.com/jsm/ops/integration//, https://api.atlassian.com/jsm/ops/integration/v2/alerts",
  })
  void alertsUrlIsTheBasePlusV2Alerts(String base, String url) {
    assertThat(ApiUrls.alertsUrl(URI.create(base))).isEqualTo(url);
  }

  @Test
  void missingBaseIsRejected() {
    assertThatThrownBy(() -> client(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Opsgenie API base is required, e.g. https://api.opsgenie.com");
  }

  @Test
  void closeByAliasEncodesTheAliasAsOnePathSegment() throws Exception {
    String alias = "svc a/b+c?d#e%f-Zürich";

    client(opsgenie.base("/jsm/ops/integration")).closeAlert(alias, "recovered", "checkout@host-1");

    Recorded request = opsgenie.requests().get(0);
    assertThat(request.method).isEqualTo("POST");
    assertThat(request.path)
        .isEqualTo("/jsm/ops/integration/v2/alerts/svc%20a%2Fb%2Bc%3Fd%23e%25f-Z%C3%BCrich/close");
    assertThat(request.query).isEqualTo("identifierType=alias");
    assertThat(request.header("Authorization")).isEqualTo("GenieKey " + KEY);
    assertThat(request.json())
        .isEqualTo(JSON.readTree("{\"note\":\"recovered\",\"source\":\"checkout@host-1\"}"));
    assertThat(URI.create(request.path).getPath())
        .isEqualTo("/jsm/ops/integration/v2/alerts/svc a/b+c?d#e%f-Zürich/close");
  }

  @Test
  void closeWithoutAnAliasIsRejected() {
    assertThatThrownBy(() -> client(opsgenie.base()).closeAlert("", null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("an alert is addressed by its alias, and the alias is empty");
  }

  @Test
  void rateLimitPeriodIsReadFromA429() throws Exception {
    opsgenie.then(
        Reply.status(
                429,
                "{\"message\":\"You are making too many requests!\",\"took\":0.001,"
                    + "\"requestId\":\"r-429\"}")
            .header("X-RateLimit-State", "THROTTLED")
            .header("X-RateLimit-Reason", "ACCOUNT")
            .header("X-RateLimit-Period-In-Sec", "60"));

    OpsgenieResponse response = client(opsgenie.base()).createAlert(RequestBodiesTest.fullAlert());

    assertThat(response.statusCode).isEqualTo(429);
    assertThat(RetryPolicy.isRetryable(response.statusCode)).isTrue();
    assertThat(response.rateLimitPeriodSeconds).isEqualTo(60);
    assertThat(response.message).isEqualTo("You are making too many requests!");
    assertThat(response.requestId).isEqualTo("r-429");
  }

  @Test
  void unprocessableAnswerCarriesMessageAndErrors() throws Exception {
    opsgenie.then(
        Reply.status(
            422,
            "{\"message\":\"Request body is not processable. Please check the errors.\","
                + "\"errors\":{\"priority\":\"should be one of [ P1, P2, P3, P4, P5 ]\"},\"took\":0.002,\"requestId\":\"r-422\"}"));

    OpsgenieResponse response = client(opsgenie.base()).createAlert(RequestBodiesTest.fullAlert());

    assertThat(response.isAccepted()).isFalse();
    assertThat(RetryPolicy.isRetryable(response.statusCode)).isFalse();
    assertThat(response.describe())
        .isEqualTo(
            "HTTP 422 \"Request body is not processable. Please check the errors.\""
                + " errors {priority=should be one of [ P1, P2, P3, P4, P5 ]} (requestId r-422)");
  }

  @Test
  void unauthorizedIsAnAnswerNotAnException() throws Exception {
    opsgenie.then(Reply.status(401, "{\"message\":\"Could not authenticate\",\"took\":0.002}"));

    OpsgenieResponse response = client(opsgenie.base()).createAlert(RequestBodiesTest.fullAlert());

    // HttpURLConnection drops a 401's body in streaming mode; the status is what matters
    assertThat(response.statusCode).isEqualTo(401);
    assertThat(RetryPolicy.isRetryable(response.statusCode)).isFalse();
    assertThat(opsgenie.count()).isEqualTo(1);
  }

  @Test
  void errorBodiesAreReadLeniently() {
    OpsgenieResponse forbidden =
        ResponseParser.parse(
            403,
            "{\"code\":40301,\"message\":\"To perform this action, use an API key from an API integration.\","
                + "\"took\":0.001,\"requestId\":\"r-403\"}",
            null,
            null);
    assertThat(forbidden.code).isEqualTo(40301);
    assertThat(forbidden.message)
        .isEqualTo("To perform this action, use an API key from an API integration.");

    OpsgenieResponse html =
        ResponseParser.parse(502, "<html>\n<h1>Bad gateway</h1></html>", "hdr-id", "abc");
    assertThat(html.message).isEqualTo("<html> <h1>Bad gateway</h1></html>");
    assertThat(html.requestId).isEqualTo("hdr-id");
    assertThat(html.rateLimitPeriodSeconds).isZero();
    assertThat(RetryPolicy.isRetryable(html.statusCode)).isTrue();

    OpsgenieResponse empty = ResponseParser.parse(500, "", null, "-5");
    assertThat(empty.describe()).isEqualTo("HTTP 500");
    assertThat(empty.rateLimitPeriodSeconds).isZero();

    OpsgenieResponse odd =
        ResponseParser.parse(
            422, "{\"message\":{\"text\":\"x\"},\"code\":\"12\",\"errors\":\"bad\"}", null, " 1 ");
    assertThat(odd.message).isEqualTo("{\"text\":\"x\"}");
    assertThat(odd.code).isEqualTo(12);
    assertThat(odd.errors).containsExactly(java.util.Map.entry("errors", "bad"));
    assertThat(odd.rateLimitPeriodSeconds).isEqualTo(1);

    assertThat(ResponseParser.parse(400, "[1,2]", null, null).message).isEqualTo("[1,2]");
    assertThat(ResponseParser.parse(429, "{}", null, "99999").rateLimitPeriodSeconds)
        .isEqualTo(600);
  }

  @Test
  void stalledServerTimesOutWithinTheTimeout() {
    opsgenie.stall();
    HttpOpsgenieClient client =
        new HttpOpsgenieClient(opsgenie.base(), KEY, Duration.ofMillis(300));

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.createAlert(RequestBodiesTest.fullAlert()))
        .isInstanceOf(SocketTimeoutException.class)
        .hasMessageNotContaining(KEY);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
  }

  @Test
  void abortEndsTheRequestInProgress() {
    opsgenie.stall();
    HttpOpsgenieClient client =
        new HttpOpsgenieClient(opsgenie.base(), KEY, Duration.ofSeconds(20));
    Thread aborter =
        new Thread(
            () -> {
              org.awaitility.Awaitility.await().until(() -> opsgenie.count() == 1);
              client.abort();
            });
    aborter.start();

    long start = System.nanoTime();
    assertThatThrownBy(() -> client.createAlert(RequestBodiesTest.fullAlert()))
        .isInstanceOf(IOException.class);
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(10));
  }

  @Test
  void connectionRefusedIsAnIOExceptionWithoutTheKey() throws Exception {
    OpsgenieClient client = client(URI.create("http://127.0.0.1:" + freePort()));

    assertThatThrownBy(() -> client.createAlert(RequestBodiesTest.fullAlert()))
        .isInstanceOf(java.net.ConnectException.class)
        .hasMessageNotContaining(KEY);
  }

  @Test
  void keyNeverAppearsInToString() {
    assertThat(client(opsgenie.base()).toString())
        .doesNotContain(KEY)
        .isEqualTo(
            "HttpOpsgenieClient{url="
                + opsgenie.base()
                + "/v2/alerts, auth=GenieKey ****, timeout=5000ms}");
  }

  /**
   * The key's characters are the settings' rule ({@code OpsgenieSettingsTest}); here only its
   * absence.
   */
  @ParameterizedTest
  @ValueSource(strings = {"", "   "})
  void emptyKeyIsRejected(String key) {
    assertThatThrownBy(() -> new HttpOpsgenieClient(opsgenie.base(), key, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Opsgenie API key is empty");
  }

  @Test
  void nullKeyIsRejected() {
    assertThatThrownBy(() -> new HttpOpsgenieClient(opsgenie.base(), null, Duration.ofSeconds(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("the Opsgenie API key is empty");
  }

  @Test
  void fieldLimitsAreTheDocumentedOnes() throws Exception {
    // the limits the stand-in checks every alert against (its resources, added to the tests')
    JsonNode ours;
    try (java.io.InputStream in =
        HttpOpsgenieClientTest.class.getResourceAsStream(
            "/opsgenie-api/create-alert-limits.json")) {
      assertThat(in)
          .as("examples/opsgenie-stand-in/src/main/resources/opsgenie-api/create-alert-limits.json")
          .isNotNull();
      ours = JSON.readTree(in);
    }
    JsonNode create = ours.get("create");

    assertThat(create.at("/message/maxChars").asInt()).isEqualTo(FieldLimits.MESSAGE);
    assertThat(create.at("/alias/maxChars").asInt()).isEqualTo(FieldLimits.ALIAS);
    assertThat(create.at("/description/maxChars").asInt()).isEqualTo(FieldLimits.DESCRIPTION);
    assertThat(create.at("/responders/maxItems").asInt()).isEqualTo(FieldLimits.RESPONDERS);
    assertThat(create.at("/tags/maxItems").asInt()).isEqualTo(FieldLimits.TAGS);
    assertThat(create.at("/tags/itemMaxChars").asInt()).isEqualTo(FieldLimits.TAG);
    assertThat(create.at("/details/maxTotalChars").asInt()).isEqualTo(FieldLimits.DETAILS_TOTAL);
    assertThat(create.at("/entity/maxChars").asInt()).isEqualTo(FieldLimits.ENTITY);
    assertThat(create.at("/source/maxChars").asInt()).isEqualTo(FieldLimits.SOURCE);
    assertThat(create.at("/user/maxChars").asInt()).isEqualTo(FieldLimits.USER);
    assertThat(create.at("/note/maxChars").asInt()).isEqualTo(FieldLimits.NOTE);
    assertThat(ours.at("/addNote/body/note/maxChars").asInt()).isEqualTo(FieldLimits.NOTE);
    assertThat(create.at("/priority/values").toString())
        .isEqualTo("[\"P1\",\"P2\",\"P3\",\"P4\",\"P5\"]");
    assertThat(Collections.singleton(create.at("/responders/itemTypes").toString()))
        .containsExactly("[\"team\",\"user\",\"escalation\",\"schedule\"]");
  }

  static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
