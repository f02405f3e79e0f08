/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Every setting, defined once: its flat and YAML names, type, default, check and
 * documentation line ({@code Setting}, {@code SettingsRegistry}); the readers of flat properties,
 * of the declarative YAML block and of the public builder's values; the checked, immutable {@link
 * io.github.otelopsgenie.settings.OpsgenieSettings}; and the typed outcome of a parse (settings or
 * a rejection). Settings are read and checked once, at startup.
 *
 * <p>May use {@code alert} (field limits, responders) and {@code util}; nothing above it.
 */
package io.github.otelopsgenie.settings;
