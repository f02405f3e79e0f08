/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.delivery.HostStartup;
import io.github.otelopsgenie.internal.premain.DeferredProcessor;
import io.opentelemetry.javaagent.extension.AgentListener;
import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;

/**
 * Under the OpenTelemetry Java agent only (its SPI, {@code
 * META-INF/services/io.opentelemetry.javaagent.extension.AgentListener}): tells the processor's
 * build ({@link DeferredProcessor}) and the senders ({@link HostStartup}) when the agent has
 * finished starting the application's instrumentation, so that neither the settings' check and the
 * processor's build nor the senders' own work (warm-up, connection, TLS, key check, heartbeat) runs
 * on, or beside, the agent's {@code premain} (issue 30). The agent constructs its listeners before
 * it builds the SDK, so the constructor says "wait for me", and {@link #afterAgent} says "done", at
 * the end of {@code premain}.
 *
 * <p>The one class of ours that references an agent-only type: nothing on the SDK-only path loads
 * it (only the agent reads that services file), and it references nothing of ours but {@link
 * HostStartup} and {@link DeferredProcessor}. Never throws.
 */
public final class OpsgenieAgentListener implements AgentListener {

  public OpsgenieAgentListener() {
    try {
      DeferredProcessor.agentExpected();
      HostStartup.agentExpected();
    } catch (Throwable t) {
      // the processor is then built in premain, and the senders fall back to a delay
    }
  }

  @Override
  public void afterAgent(AutoConfiguredOpenTelemetrySdk sdk) {
    try {
      // the senders first: the processor's build makes its sender at once
      HostStartup.agentStarted();
      DeferredProcessor.agentStarted();
    } catch (Throwable t) {
      // the processor's build then begins at the first span, flush or shutdown; the senders fall
      // back to a delay after their build
    }
  }
}
