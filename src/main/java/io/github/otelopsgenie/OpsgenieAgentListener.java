/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.util.AgentStart;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * Under the OpenTelemetry Java agent only (its SPI, {@code
 * META-INF/services/io.opentelemetry.javaagent.extension.AgentListener}): marks the process's
 * record of the agent's start ({@link AgentStart}), which the processor's build ({@code
 * premain.DeferredProcessor}) and the senders ({@code delivery.HostStartup}) wait for, so that
 * neither the settings' check and the processor's build nor the senders' own work (warm-up,
 * connection, TLS, key check, heartbeat) runs on, or beside, the agent's {@code premain} (issue
 * 30). The agent constructs its listeners before it builds the SDK, so the constructor says "wait
 * for me", and {@link #afterAgent} says "done", at the end of {@code premain}.
 *
 * <p>The one class of ours that references an agent-only type: nothing on the SDK-only path loads
 * it (only the agent reads that services file), and it references nothing of ours but {@link
 * AgentStart}. Never throws.
 */
public final class OpsgenieAgentListener implements AgentListener {

  public OpsgenieAgentListener() {
    try {
      AgentStart.PROCESS.expect();
    } catch (Throwable t) {
      // the processor is then built in premain, and the senders fall back to a delay
    }
  }

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    try {
      AgentStart.PROCESS.started();
    } catch (Throwable t) {
      // the processor's build then begins at the first span, flush or shutdown; the senders fall
      // back to a delay after their build
    }
  }
}
