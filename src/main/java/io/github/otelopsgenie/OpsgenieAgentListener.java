/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.delivery.HostStartup;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * Under the OpenTelemetry Java agent only (its SPI, {@code
 * META-INF/services/io.opentelemetry.javaagent.extension.AgentListener}): tells the senders when
 * the agent has finished starting the application's instrumentation, so that their own work
 * (warm-up, connection, TLS, key check, heartbeat) does not take the cores the agent's {@code
 * premain} needs (issue 30). The agent constructs its listeners before it builds the SDK, so the
 * constructor says "wait for me", and {@link #afterAgent} says "done", at the end of {@code
 * premain}.
 *
 * <p>The one class of ours that references an agent-only type: nothing on the SDK-only path loads
 * it (only the agent reads that services file), and it references nothing of ours but {@link
 * HostStartup}. Never throws.
 */
public final class OpsgenieAgentListener implements AgentListener {

  public OpsgenieAgentListener() {
    try {
      HostStartup.agentExpected();
    } catch (Throwable t) {
      // the senders then fall back to a delay after their build
    }
  }

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    try {
      HostStartup.agentStarted();
    } catch (Throwable t) {
      // the senders then fall back to a delay after their build
    }
  }
}
