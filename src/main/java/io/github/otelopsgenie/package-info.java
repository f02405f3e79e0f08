/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * otel-opsgenie: raises Opsgenie alerts from the spans an OpenTelemetry SDK (or the Java agent)
 * ends. The public surface is here and in {@code api}: {@link
 * io.github.otelopsgenie.AlertingSpanProcessor} and its builder for programmatic use, and the SPI
 * entry points that ServiceLoader needs ({@link io.github.otelopsgenie.OpsgenieCustomizerProvider}
 * for flat {@code otel.opsgenie.*} settings, {@link
 * io.github.otelopsgenie.OpsgenieComponentProvider} and {@link
 * io.github.otelopsgenie.OpsgenieSamplerComponentProvider} for declarative YAML, and, under the
 * agent only, {@code OpsgenieAgentListener}, which says when the agent's premain is over).
 *
 * <p>This package holds only the public classes and the SPI entry points: the processor hands each
 * ended span to the alerts of its kind ({@code internal.spans}), which the settings wired once;
 * what happens once at startup lives in {@code internal.startup}. Every sub-package except {@code
 * api} is internal: its public types exist for use across otel-opsgenie's own packages only and may
 * change at any time. The allowed dependencies between packages are written in {@code
 * docs/design.md} and enforced by {@code ArchitectureTest}.
 */
package io.github.otelopsgenie;
