/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.startup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The agent's version is read from the agent's own holder class, and a 1.x agent gets one warning;
 * {@code OldAgentIT} shows the warning under the real agent 1.33.6.
 */
class AgentVersionCheckTest {

  /** Stands in for the agent's {@code AgentVersion}: a public static final String VERSION. */
  public static final class FakeAgentVersion {
    public static final String VERSION = "1.33.6";
  }

  @Test
  void readsTheVersionOfTheAgentsHolderClass() {
    assertThat(
            AgentVersionCheck.agentVersion(
                getClass().getClassLoader(), FakeAgentVersion.class.getName()))
        .isEqualTo("1.33.6");
  }

  @Test
  void outsideTheAgentThereIsNoVersionAndNoWarning() {
    String version =
        AgentVersionCheck.agentVersion(
            getClass().getClassLoader(), AgentVersionCheck.AGENT_VERSION_CLASS);
    assertThat(version).isNull();
    assertThat(AgentVersionCheck.warning(version)).isNull();
    // a holder without VERSION reads as unknown too
    assertThat(AgentVersionCheck.agentVersion(getClass().getClassLoader(), "java.lang.Object"))
        .isNull();
  }

  @Test
  void warnsUnderA1xAgentOnly() {
    assertThat(AgentVersionCheck.warning("1.33.6"))
        .contains(
            "OpenTelemetry Java agent 1.33.6",
            "does not support",
            AgentVersionCheck.OLDEST_SUPPORTED + " or newer");
    assertThat(AgentVersionCheck.warning("1.0.0")).isNotNull();
    assertThat(AgentVersionCheck.warning("2.10.0")).isNull();
    assertThat(AgentVersionCheck.warning("2.33.1")).isNull();
    assertThat(AgentVersionCheck.warning("10.0.0")).isNull();
    assertThat(AgentVersionCheck.warning("2.34.0-SNAPSHOT")).isNull();
    assertThat(AgentVersionCheck.warning("unknown")).isNull();
  }
}
