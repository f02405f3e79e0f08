/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. What the entry points do once, at startup, beside building the processor: its log
 * lines, the warning about an agent older than the oldest supported one, and, when the settings
 * were rejected, the one SEVERE line and the misconfiguration alert.
 *
 * <p>May use {@code delivery} (a sender for the misconfiguration alert), {@code settings}, {@code
 * alert} and {@code util}.
 */
package io.github.otelopsgenie.internal.startup;
