/*
 * Copyright The OpenTelemetry Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.opentelemetry.javaagent.extension;

import io.opentelemetry.sdk.autoconfigure.AutoConfiguredOpenTelemetrySdk;
import io.opentelemetry.sdk.autoconfigure.spi.Ordered;

/**
 * Compile-time declaration only, never compiled into our classes nor packaged: the agent's SPI
 * interface as agent 2.33.1 declares it (its {@code inst/io/opentelemetry/javaagent/extension/
 * AgentListener.classdata}: {@code afterAgent(AutoConfiguredOpenTelemetrySdk)}, extends {@code
 * Ordered}), from the artifact {@code opentelemetry-javaagent-extension-api}, which the agent
 * provides at run time and which the build's repository does not serve. javac reads it through
 * {@code -sourcepath} with {@code -implicit:none} (pom.xml); {@code AgentListenerDeclarationTest}
 * holds it to the agent jar's class.
 */
public interface AgentListener extends Ordered {

  /** Runs after the agent installed the instrumentation, at the end of its premain. */
  void afterAgent(AutoConfiguredOpenTelemetrySdk autoConfiguredOpenTelemetrySdk);
}
