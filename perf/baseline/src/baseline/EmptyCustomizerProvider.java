/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package baseline;

import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;

/**
 * The empty extension: one customizer provider that customizes nothing. Built by {@code
 * perf/startup.sh --baseline empty} (javac and jar, into target/baseline/empty-extension.jar) and
 * measured beside otel-opsgenie in the same rotating rounds, it is the agent's own cost of any
 * extension (opening the jar, its class loader, reading its services files: see
 * docs/performance.md), against which ours is read. Not part of the extension's build.
 */
public final class EmptyCustomizerProvider implements AutoConfigurationCustomizerProvider {

  @Override
  public void customize(AutoConfigurationCustomizer autoConfiguration) {}
}
