/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.otelopsgenie.AlertingSpanProcessor;
import io.github.otelopsgenie.OpsgenieCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigurationException;
import io.opentelemetry.sdk.autoconfigure.spi.internal.DefaultConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Parsing and checking of every setting, through ConfigProperties as the customizer reads them. */
class OpsgenieSettingsTest {

  /** The message a rejection of these settings carries; fails when they are accepted. */
  static String rejection(String... keyValues) {
    try {
      TestSettings.of(keyValues);
    } catch (InvalidSettingsException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + String.join(" ", keyValues));
  }

  @Test
  void defaultsMatchTheSeedWithItsBugsFixed() {
    OpsgenieSettings s = TestSettings.of();
    assertThat(s.enabled).isTrue();
    assertThat(s.token).isNull();
    assertThat(s.apiBase).isEqualTo(URI.create("https://api.opsgenie.com"));
    assertThat(OpsgenieSettings.codes(s.statusCodes)).isEmpty();
    assertThat(OpsgenieSettings.classes(s.statusClasses)).isEmpty();
    assertThat(s.thresholdNanos).isEqualTo(-1);
    assertThat(s.tags).containsExactly("otel-opsgenie");
    assertThat(s.details).isEmpty();
    assertThat(s.serviceId).isEqualTo("checkout");
    assertThat(s.host).isEqualTo("web-1");
    assertThat(s.statusAlias).isEqualTo("{service_id}-response-status-alert");
    assertThat(s.latencyAlias).isEqualTo("{service_id}-response-latency-alert");
    assertThat(s.exceptionAliasSuffix).isEqualTo("exception-alert");
    assertThat(s.handledAliasSuffix).isEqualTo("exception-alert");
    assertThat(s.priority).isEqualTo("P4");
    assertThat(s.responders).isEmpty();
    assertThat(s.alertExceptions).isTrue();
    assertThat(s.recordServerSpans).isTrue();
    assertThat(s.queueSize).isEqualTo(1024);
    assertThat(s.maxAttempts).isEqualTo(5);
    assertThat(s.timeout).isEqualTo(Duration.ofSeconds(10));
    assertThat(s.cooldown).isEqualTo(Duration.ofSeconds(60));
  }

  @Test
  void everyKeyIsRead() {
    OpsgenieSettings s =
        TestSettings.of(
            "enabled",
            "true",
            "token",
            "abc-123",
            "api.base",
            "https://api.eu.opsgenie.com",
            "alert.status.codes",
            "500, 502",
            "alert.status.classes",
            "5XX,4xx",
            "monitored.endpoints",
            "/api/.*",
            "ignored.endpoints",
            "/api/health",
            "threshold.response.time",
            "2000.5",
            "response.time.monitored.endpoints",
            "/res_slow/.*",
            "response.time.thresholds",
            "/report=5s",
            "alert.tags",
            "a,b",
            "alert.details",
            "team=payments",
            "service.id",
            "billing",
            "alert.alias",
            "x",
            "alert.status.alias",
            "s",
            "alert.latency.alias",
            "l",
            "alert.exception.alias",
            "e",
            "alert.priority",
            "P1",
            "forwarded.header.keys",
            "X-Request-Id",
            "responders",
            "user:neo@matrix,team:ops",
            "alert.exceptions",
            "false",
            "ignored.exceptions",
            "Foo",
            "sampling.record.server.spans",
            "false",
            "queue.size",
            "10",
            "retry.max.attempts",
            "2",
            "retry.initial.backoff",
            "100ms",
            "retry.max.backoff",
            "1s",
            "timeout",
            "3s",
            "alert.cooldown",
            "0");
    assertThat(OpsgenieSettings.codes(s.statusCodes)).containsExactly(500, 502);
    assertThat(OpsgenieSettings.classes(s.statusClasses)).containsExactly("4XX", "5XX");
    assertThat(s.monitoredEndpoints).extracting(Object::toString).containsExactly("/api/.*");
    assertThat(s.ignoredEndpoints).extracting(Object::toString).containsExactly("/api/health");
    assertThat(s.thresholdNanos).isEqualTo(2_000_500_000L);
    assertThat(s.responseTimeThresholdNanos.values()).containsExactly(5_000_000_000L);
    assertThat(s.tags).containsExactly("a", "b");
    assertThat(s.details).containsEntry("team", "payments");
    assertThat(s.serviceId).isEqualTo("billing");
    assertThat(s.statusAlias).isEqualTo("s");
    assertThat(s.latencyAlias).isEqualTo("l");
    assertThat(s.exceptionAliasSuffix).isEqualTo("e");
    assertThat(s.handledAliasSuffix).isEqualTo("x");
    assertThat(s.priority).isEqualTo("P1");
    assertThat(s.forwardedHeaderKeys).containsExactly("X-Request-Id");
    assertThat(s.responders).hasSize(2);
    assertThat(s.alertExceptions).isFalse();
    assertThat(s.ignoredExceptions).containsExactly("Foo");
    assertThat(s.recordServerSpans).isFalse();
    assertThat(s.queueSize).isEqualTo(10);
    assertThat(s.maxAttempts).isEqualTo(2);
    assertThat(s.initialBackoff).isEqualTo(Duration.ofMillis(100));
    assertThat(s.maxBackoff).isEqualTo(Duration.ofSeconds(1));
    assertThat(s.timeout).isEqualTo(Duration.ofSeconds(3));
    assertThat(s.cooldown).isEqualTo(Duration.ZERO);
  }

  @Test
  void environmentVariableNamesMapToTheSameKeys() {
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_OPSGENIE_ALERT_STATUS_CODES", "503");
    env.put("OTEL_OPSGENIE_ALERT_PRIORITY", "P3");
    // ConfigProperties normalizes environment variable names the way the agent does
    Map<String, String> normalized = new HashMap<>();
    env.forEach(
        (k, v) -> normalized.put(k.toLowerCase(java.util.Locale.ROOT).replace('_', '.'), v));
    OpsgenieSettings s =
        OpsgenieSettings.parse(
            SettingsSource.of(DefaultConfigProperties.createFromMap(normalized)),
            TestSettings.RESOURCE);
    assertThat(OpsgenieSettings.codes(s.statusCodes)).containsExactly(503);
    assertThat(s.priority).isEqualTo("P3");
  }

  @Test
  void serviceIdFallsBackToTheHostWhenServiceNameIsUnknown() {
    Resource unknown =
        Resource.builder()
            .put("service.name", "unknown_service:java")
            .put("host.name", "vm7")
            .build();
    OpsgenieSettings s =
        OpsgenieSettings.parse(
            SettingsSource.of(DefaultConfigProperties.createFromMap(Collections.emptyMap())),
            unknown);
    assertThat(s.serviceId).isEqualTo("java-service-vm7");
  }

  @ParameterizedTest(name = "{0}={1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "alert.status.codes|500,abc|otel.opsgenie.alert.status.codes=500,abc is invalid: expected a comma-separated list of HTTP status codes from 100 to 599, such as 500,502 (abc is not one)",
        "alert.status.codes|700|otel.opsgenie.alert.status.codes=700 is invalid: expected a comma-separated list of HTTP status codes from 100 to 599",
        "alert.status.classes|6XX|otel.opsgenie.alert.status.classes=6XX is invalid: expected a comma-separated list of status classes 1XX to 5XX, such as 5XX,4XX (6XX is not one)",
        "monitored.endpoints|/api/(.*|otel.opsgenie.monitored.endpoints=/api/(.* is invalid: expected a comma-separated list of regular expressions matched against the whole route (/api/(.*: Unclosed group near index 8)",
        "ignored.endpoints|[x|otel.opsgenie.ignored.endpoints=[x is invalid: expected a comma-separated list of regular expressions",
        "alert.priority|P9|otel.opsgenie.alert.priority=P9 is invalid: expected one of P1, P2, P3, P4, P5",
        "api.base|api.opsgenie.com|otel.opsgenie.api.base=api.opsgenie.com is invalid: expected an http(s) URL without user info, query or fragment, such as https://api.opsgenie.com",
        "api.base|ftp://x|otel.opsgenie.api.base=ftp://x is invalid: expected an http(s) URL",
        "responders|neo@matrix|otel.opsgenie.responders=neo@matrix is invalid: expected a comma-separated list such as user:neo@matrix,team:ops,escalation:night,schedule:primary or team:id:<id> (neo@matrix: expected type:name",
        "responders|group:ops|otel.opsgenie.responders=group:ops is invalid: expected a comma-separated list such as user:neo@matrix,team:ops,escalation:night,schedule:primary or team:id:<id> (group:ops: unknown responder type 'group'",
        "alert.details|team|otel.opsgenie.alert.details=team is invalid: expected key=value pairs separated by commas",
        "enabled|yes|otel.opsgenie.enabled=yes is invalid: expected true or false",
        "alert.exceptions|1|otel.opsgenie.alert.exceptions=1 is invalid: expected true or false",
        "alert.cooldown|5min|otel.opsgenie.alert.cooldown=5min is invalid: expected duration such as 500ms, 10s, 5m or 1h",
        "timeout|0|otel.opsgenie.timeout=0 is invalid: expected a positive duration such as 500ms, 10s, 5m or 1h",
        "queue.size|-1|otel.opsgenie.queue.size=-1 is invalid: expected a whole number from 1 to 1000000",
        "retry.max.attempts|many|otel.opsgenie.retry.max.attempts=many is invalid: expected a whole number from 1 to 100",
        "alert.status.alias|{host}-x|otel.opsgenie.alert.status.alias={host}-x is invalid: expected text with placeholders among [{service_id}, {env}, {route}, {method}, {status_code}] only",
        "trace.url.template|https://jaeger.example/trace|otel.opsgenie.trace.url.template=https://jaeger.example/trace is invalid: expected an http(s) URL containing {trace_id}, such as https://jaeger.example/trace/{trace_id} (placeholders {trace_id}, {span_id}, {service_id})",
        "trace.url.template|jaeger/{trace_id}|otel.opsgenie.trace.url.template=jaeger/{trace_id} is invalid: expected an http(s) URL containing {trace_id}",
        "forwarded.header.keys|X Request|otel.opsgenie.forwarded.header.keys=X Request is invalid: expected a comma-separated list of HTTP header names (X Request is not one)",
      })
  void badValueIsNamedWithKeyValueAndExpectedForm(String key, String value, String message) {
    assertThat(rejection(key, value))
        .startsWith("Invalid otel-opsgenie configuration: ")
        .contains(message);
  }

  @Test
  void negativeThresholdIsRejected() {
    assertThat(
            rejection("threshold.response.time", "-5", "response.time.monitored.endpoints", ".*"))
        .contains(
            "otel.opsgenie.threshold.response.time=-5 is invalid: expected a positive number of milliseconds such as 2000 (or a duration such as 2s)");
  }

  @Test
  void thresholdWithoutMonitoredEndpointsIsRejected() {
    assertThat(rejection("threshold.response.time", "2000"))
        .contains(
            "otel.opsgenie.threshold.response.time=2000 is invalid without otel.opsgenie.response.time.monitored.endpoints: expected a comma-separated list of route regexes");
  }

  @Test
  void monitoredLatencyEndpointsWithoutThresholdAreRejected() {
    assertThat(rejection("response.time.monitored.endpoints", "/a"))
        .contains(
            "otel.opsgenie.response.time.monitored.endpoints=/a is invalid without otel.opsgenie.threshold.response.time");
  }

  @Test
  void malformedDurationIsRejected() {
    assertThat(
            rejection(
                "threshold.response.time", "2 seconds", "response.time.monitored.endpoints", ".*"))
        .contains("otel.opsgenie.threshold.response.time=2 seconds is invalid");
  }

  @Test
  void tooManyOrTooLongTagsAreRejected() {
    assertThat(rejection("alert.tags", "x".repeat(51))).contains("tags of at most 50 characters");
    assertThat(
            rejection(
                "alert.tags", String.join(",", Collections.nCopies(21, "t")).replace("t,t", "t,u")))
        .contains("at most 20 tags");
  }

  @Test
  void maxBackoffShorterThanInitialIsRejected() {
    assertThat(rejection("retry.initial.backoff", "5s", "retry.max.backoff", "1s"))
        .contains(
            "otel.opsgenie.retry.max.backoff=1s is invalid: expected a duration no shorter than otel.opsgenie.retry.initial.backoff (5000ms)");
  }

  @Test
  void everyProblemIsReportedInOneMessage() {
    String message = rejection("alert.priority", "P9", "alert.status.classes", "6XX");
    assertThat(message)
        .isEqualTo(
            "Invalid otel-opsgenie configuration: "
                + "otel.opsgenie.alert.status.classes=6XX is invalid: expected a comma-separated list of status classes 1XX to 5XX, such as 5XX,4XX (6XX is not one); "
                + "otel.opsgenie.alert.priority=P9 is invalid: expected one of P1, P2, P3, P4, P5");
  }

  @Test
  void tokenWithSpacesIsRejectedWithoutShowingIt() {
    String message = rejection("token", "my secret key");
    assertThat(message).contains("otel.opsgenie.token is invalid").doesNotContain("secret");
  }

  @Test
  void rejectionKeepsAValidTokenAndBaseForTheMisconfigurationAlert() {
    try {
      TestSettings.of("token", "k-1", "api.base", "http://127.0.0.1:9", "alert.priority", "P9");
      throw new AssertionError("accepted");
    } catch (InvalidSettingsException e) {
      assertThat(e.token()).isEqualTo("k-1");
      assertThat(e.apiBase()).isEqualTo(URI.create("http://127.0.0.1:9"));
      assertThat(e.serviceId()).isEqualTo("checkout");
      assertThat(e.getMessage()).doesNotContain("k-1");
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "plain http off loopback,http://api.eu.opsgenie.com,false,",
    "plain http to a name that merely looks local,http://localhost.example.com:8080,false,",
    "plain http to a name resolving nowhere yet,http://opsgenie-standin.test:8089,false,",
    "plain http with allow.insecure,http://api.eu.opsgenie.com,true,http://api.eu.opsgenie.com",
    "plain http to localhost,http://localhost:9,false,http://localhost:9",
    "https,https://api.eu.opsgenie.com,false,https://api.eu.opsgenie.com",
  })
  void theMisconfigurationAlertGoesOnlyWhereAValidConfigurationWouldSend(
      String what, String base, boolean insecure, String kept) {
    try {
      TestSettings.of(
          "token",
          "k-1",
          "api.base",
          base,
          "api.allow.insecure",
          String.valueOf(insecure),
          "alert.priority",
          "P9");
      throw new AssertionError("accepted");
    } catch (InvalidSettingsException e) {
      assertThat(e.token()).isEqualTo("k-1");
      assertThat(e.apiBase()).isEqualTo(kept == null ? null : URI.create(kept));
    }
  }

  @Test
  void aRefusedInsecureFlagKeepsNoPlainHttpBase() {
    try {
      TestSettings.of(
          "token", "k-1", "api.base", "http://api.opsgenie.com", "api.allow.insecure", "yes");
      throw new AssertionError("accepted");
    } catch (InvalidSettingsException e) {
      assertThat(e.apiBase()).isNull();
    }
  }

  @Test
  void sensitiveForwardedHeadersAreLeftOutWithAWarning() {
    OpsgenieSettings s =
        TestSettings.of("forwarded.header.keys", "X-Request-Id,Cookie,X-Auth-Token,Set-Cookie");
    assertThat(s.forwardedHeaderKeys).containsExactly("X-Request-Id");
    assertThat(s.warnings)
        .anySatisfy(
            w ->
                assertThat(w)
                    .contains("[Cookie, X-Auth-Token, Set-Cookie]")
                    .contains("never forwarded"));
  }

  @Test
  void plainHttpBaseOffLoopbackIsRejectedUnlessInsecureIsAllowed() {
    assertThat(rejection("api.base", "http://opsgenie.internal"))
        .contains("otel.opsgenie.api.base=http://opsgenie.internal is invalid: expected https")
        .contains("otel.opsgenie.api.allow.insecure=true");
    assertThat(
            TestSettings.of("api.base", "http://opsgenie.internal", "api.allow.insecure", "true")
                .warnings)
        .anySatisfy(w -> assertThat(w).contains("clear text"));
    assertThat(TestSettings.of("api.base", "http://127.0.0.1:8080").warnings).isEmpty();
    assertThat(TestSettings.of("api.base", "http://localhost:8080").warnings).isEmpty();
    assertThat(TestSettings.of("api.base", "http://[::1]:8080").warnings).isEmpty();
    assertThatThrownBy(
            () ->
                AlertingSpanProcessor.builder()
                    .setResource(TestSettings.RESOURCE)
                    .setApiBase("http://opsgenie.internal")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessageContaining("expected https");
  }

  @Test
  void onlyLoopbackLiteralsAndLocalhostAreLoopback() {
    assertThat(rejection("api.base", "http://127.example.com")).contains("expected https");
    assertThat(rejection("api.base", "http://127.0.0.1.nip.io")).contains("expected https");
    assertThat(rejection("api.base", "http://localhost.example.com")).contains("expected https");
    assertThat(DeliveryChecks.isLoopback("127.1.2.3")).isTrue();
    assertThat(DeliveryChecks.isLoopback("127.0.0.256")).isFalse();
    assertThat(DeliveryChecks.isLoopback("[0:0:0:0:0:0:0:1]")).isTrue();
  }

  @Test
  void userInfoIsMaskedInEveryMessage() {
    assertThat(rejection("trace.url.template", "https://user:pa55@jaeger.example/nothing"))
        .contains("https://****@jaeger.example/nothing")
        .doesNotContain("pa55");
    assertThat(rejection("api.base", "http://user:pa55@opsgenie.internal")).doesNotContain("pa55");
  }

  @Test
  void autoCloseUnreadIsOffByDefaultAndReadAsABoolean() {
    assertThat(TestSettings.of().autoCloseUnread).isFalse();
    OpsgenieSettings on =
        TestSettings.of("alert.auto.close", "10m", "alert.auto.close.unread", "true");
    assertThat(on.autoCloseUnread).isTrue();
    assertThat(on.toString()).contains("autoCloseUnread=true");
    assertThat(rejection("alert.auto.close.unread", "single"))
        .contains(
            "otel.opsgenie.alert.auto.close.unread=single is invalid: expected true or false");
  }

  @Test
  void autoCloseShorterThanTwiceTheCooldownIsRejected() {
    assertThat(rejection("alert.auto.close", "90s", "alert.cooldown", "60s"))
        .contains(
            "otel.opsgenie.alert.auto.close=90s is invalid: expected a duration of at least twice"
                + " otel.opsgenie.alert.cooldown (60000ms)");
    assertThat(TestSettings.of("alert.auto.close", "120s", "alert.cooldown", "60s").autoCloseNanos)
        .isEqualTo(Duration.ofSeconds(120).toNanos());
    assertThat(TestSettings.of("alert.auto.close", "3s", "alert.cooldown", "0").autoCloseNanos)
        .isEqualTo(Duration.ofSeconds(3).toNanos());
  }

  @Test
  void minOccurrencesHasASaneUpperBound() {
    assertThat(rejection("alert.min.occurrences", "1000000"))
        .contains("otel.opsgenie.alert.min.occurrences=1000000 is invalid");
    assertThat(TestSettings.of("alert.min.occurrences", "1000").minOccurrences).isEqualTo(1000);
  }

  @Test
  void headersNamedLikeCredentialsAreNeverForwarded() {
    OpsgenieSettings s =
        TestSettings.of(
            "forwarded.header.keys",
            "X-Request-Id,X-Forwarded-Authorization,X-Authorization,Authentication,Cf-Access-Jwt-Assertion,"
                + "X-Goog-Iap-Jwt-Assertion,X-Session-Id,X-Client-Cert,X-Credential,X-Signature,X-My-Cookie,Traceparent");
    assertThat(s.forwardedHeaderKeys).containsExactly("X-Request-Id", "Traceparent");
  }

  @Test
  void jsmOperationsBaseIsAccepted() {
    OpsgenieSettings s =
        TestSettings.of("api.base", "https://api.atlassian.com/jsm/ops/integration/");
    assertThat(s.apiBase).isEqualTo(URI.create("https://api.atlassian.com/jsm/ops/integration/"));
  }

  @Test
  void publicFactoryAndBuilderThrowConfigurationExceptionWithTheSameMessage() {
    String expected = rejection("alert.priority", "P9");
    assertThatThrownBy(
            () ->
                OpsgenieSettings.fromConfigProperties(
                    DefaultConfigProperties.createFromMap(TestSettings.map("alert.priority", "P9")),
                    TestSettings.RESOURCE))
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(expected);
    assertThatThrownBy(
            () ->
                AlertingSpanProcessor.builder()
                    .setResource(TestSettings.RESOURCE)
                    .setAlertPriority("P9")
                    .build())
        .isInstanceOf(ConfigurationException.class)
        .hasMessage(expected);
  }

  @Test
  void unknownOpsgenieKeysAreFound() {
    Properties props = new Properties();
    props.put("otel.opsgenie.alert.status.code", "500");
    props.put("otel.opsgenie.alert.status.codes", "500");
    props.put("otel.service.name", "x");
    Map<String, String> env = Collections.singletonMap("OTEL_OPSGENIE_TOKN", "x");
    assertThat(OpsgenieCustomizerProvider.unknownKeys(props, env))
        .containsExactlyInAnyOrder("otel.opsgenie.alert.status.code", "OTEL_OPSGENIE_TOKN");
  }
}
