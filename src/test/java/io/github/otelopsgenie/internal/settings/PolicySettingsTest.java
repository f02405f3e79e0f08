/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.settings;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.LogCapture;
import io.github.otelopsgenie.OpsgenieCustomizerProvider;
import io.github.otelopsgenie.internal.alert.Responder;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** Policies as settings: flat keys per declared name, the YAML list, and their checks. */
class PolicySettingsTest {

  private static String rejection(String... keyValues) {
    try {
      TestSettings.of(keyValues);
    } catch (InvalidSettingsException e) {
      return e.getMessage();
    }
    throw new AssertionError("accepted " + String.join(" ", keyValues));
  }

  @Test
  void flatPolicyIsRead() {
    OpsgenieSettings s =
        TestSettings.of(
            "policies", "payments,search",
            "policy.payments.routes", "^/checkout/.*",
            "policy.payments.priority", "p1",
            "policy.payments.responders", "team:payments-oncall",
            "policy.payments.tags", "payments",
            "policy.payments.status.codes", "502",
            "policy.search.routes", "^/search.*",
            "policy.search.threshold.response.time", "800");
    assertThat(s.policies).extracting(p -> p.name).containsExactly("payments", "search");
    Policy payments = s.policies.get(0);
    assertThat(payments.priority).isEqualTo("P1");
    assertThat(payments.responders).containsExactly(Responder.parse("team:payments-oncall"));
    assertThat(payments.tags).containsExactly("payments");
    assertThat(payments.statusCodes[502]).isTrue();
    assertThat(payments.statusClasses).isNotNull();
    assertThat(payments.thresholdNanos).isEqualTo(-1);
    Policy search = s.policies.get(1);
    assertThat(search.priority).isNull();
    assertThat(search.responders).isNull();
    assertThat(search.tags).isEmpty();
    assertThat(search.statusCodes).isNull();
    assertThat(search.thresholdNanos).isEqualTo(800_000_000L);
  }

  @Test
  void badPolicyValueIsNamedByItsFlatKey() {
    assertThat(
            rejection(
                "policies",
                "payments",
                "policy.payments.routes",
                "/x",
                "policy.payments.priority",
                "P9"))
        .isEqualTo(
            "Invalid otel-opsgenie configuration: otel.opsgenie.policy.payments.priority=P9 is invalid:"
                + " expected one of P1, P2, P3, P4, P5");
    assertThat(
            rejection(
                "policies",
                "payments",
                "policy.payments.routes",
                "/x",
                "policy.payments.responders",
                "group:x"))
        .contains("otel.opsgenie.policy.payments.responders=group:x is invalid");
    assertThat(
            rejection(
                "policies",
                "payments",
                "policy.payments.routes",
                "/x(",
                "policy.payments.status.codes",
                "5000"))
        .contains("otel.opsgenie.policy.payments.routes=/x( is invalid")
        .contains("otel.opsgenie.policy.payments.status.codes=5000 is invalid");
    assertThat(
            rejection(
                "policies",
                "payments",
                "policy.payments.routes",
                "/x",
                "policy.payments.alias",
                "{host}"))
        .contains("otel.opsgenie.policy.payments.alias={host} is invalid");
  }

  @Test
  void policyWithoutRoutesAndBadNamesAreRejected() {
    assertThat(rejection("policies", "payments"))
        .contains(
            "otel.opsgenie.policies=payments is invalid without otel.opsgenie.policy.payments.routes");
    assertThat(rejection("policies", "Pay-ments"))
        .contains(
            "otel.opsgenie.policies=Pay-ments is invalid: expected a comma-separated list of policy names"
                + " of lower-case letters and digits");
    assertThat(rejection("policies", "a,a", "policy.a.routes", "/x"))
        .contains("(a is listed twice)");
  }

  @Test
  void yamlPoliciesListIsRead() {
    LogCapture sdkLogs = LogCapture.ofNames("io.opentelemetry");
    OpsgenieSettings s;
    try {
      s =
          OpsgenieSettings.parse(
              SettingsSource.of(
                  yaml(
                      "policies:\n"
                          + "  - name: payments\n"
                          + "    routes: ['^/checkout/.*']\n"
                          + "    priority: P1\n"
                          + "    responders: ['team:payments-oncall']\n"
                          + "    tags: [payments]\n"
                          + "    status_codes: [500, 502]\n"
                          + "  - name: search\n"
                          + "    routes: ['^/search.*']\n"
                          + "    threshold_response_time: 800\n")),
              TestSettings.RESOURCE);
    } finally {
      sdkLogs.close();
    }
    assertThat(sdkLogs.records).isEmpty();
    assertThat(s.policies).extracting(p -> p.name).containsExactly("payments", "search");
    assertThat(s.policies.get(0).priority).isEqualTo("P1");
    assertThat(s.policies.get(0).statusCodes[502]).isTrue();
    assertThat(s.policies.get(0).tags).containsExactly("payments");
    assertThat(s.policies.get(1).thresholdNanos).isEqualTo(800_000_000L);
  }

  @Test
  void badYamlPolicyValueIsNamedByItsPlaceInTheList() {
    try {
      OpsgenieSettings.parse(
          SettingsSource.of(
              yaml(
                  "policies:\n  - name: payments\n    routes: ['/x']\n    priority: P9\n  - name: search\n")),
          TestSettings.RESOURCE);
      throw new AssertionError("accepted");
    } catch (InvalidSettingsException e) {
      assertThat(e.getMessage())
          .contains(
              "policies[name=payments].priority=P9 is invalid: expected one of P1, P2, P3, P4, P5")
          .contains("policies=payments,search is invalid without policies[name=search].routes");
    }
  }

  @Test
  void policyKeysOfDeclaredPoliciesAreKnownOthersAreNot() {
    Properties props = new Properties();
    props.put("otel.opsgenie.policy.payments.priority", "P1");
    props.put("otel.opsgenie.policy.payments.prio", "P1");
    Map<String, String> env = new HashMap<>();
    env.put("OTEL_OPSGENIE_POLICY_PAYMENTS_THRESHOLD_RESPONSE_TIME", "800");
    env.put("OTEL_OPSGENIE_POLICY_SEARCH_PRIORITY", "P4");
    env.put("OTEL_OPSGENIE_POLICIES", "payments");
    assertThat(
            OpsgenieCustomizerProvider.unknownKeys(
                props, env, new HashSet<>(Arrays.asList("payments"))))
        .containsExactlyInAnyOrder(
            "otel.opsgenie.policy.payments.prio", "OTEL_OPSGENIE_POLICY_SEARCH_PRIORITY");
    assertThat(
            OpsgenieCustomizerProvider.unknownKeys(
                new Properties(),
                Collections.singletonMap("OTEL_OPSGENIE_POLICY_PAYMENTS_PRIORITY", "P1")))
        .hasSize(1);
  }

  static java.util.List<Setting<?>> policySettings() {
    return PolicySettings.all();
  }

  /**
   * Each policy setting's documented example is accepted, flat and in YAML, without SDK warnings.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
  @org.junit.jupiter.params.provider.MethodSource("policySettings")
  void exampleIsAcceptedFlatAndInYaml(Setting<?> setting) {
    Map<String, String> flat = new HashMap<>();
    flat.put("policies", "payments");
    flat.put("policy.payments.routes", "/x");
    flat.put("policy.payments." + setting.key(), setting.example());
    String[] keyValues =
        flat.entrySet().stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getKey(), e.getValue()))
            .toArray(String[]::new);
    assertThat(TestSettings.of(keyValues).policies).hasSize(1);

    String entry =
        setting == PolicySettings.ROUTES
            ? "    routes: " + SettingsDocs.yamlExample(setting) + "\n"
            : "    routes: ['/x']\n    "
                + setting.yamlKey()
                + ": "
                + SettingsDocs.yamlExample(setting)
                + "\n";
    LogCapture sdkLogs = LogCapture.ofNames("io.opentelemetry");
    try {
      OpsgenieSettings s =
          OpsgenieSettings.parse(
              SettingsSource.of(yaml("policies:\n  - name: payments\n" + entry)),
              TestSettings.RESOURCE);
      assertThat(s.policies).hasSize(1);
    } finally {
      sdkLogs.close();
    }
    assertThat(sdkLogs.records).as("SDK log lines for " + entry).isEmpty();
  }

  private static DeclarativeConfigProperties yaml(String text) {
    return DeclarativeConfiguration.toConfigProperties(
        new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
  }
}
