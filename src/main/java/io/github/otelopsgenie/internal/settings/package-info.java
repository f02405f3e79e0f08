/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Every setting, defined once: its flat and YAML names, type, default, check and
 * documentation line ({@code Setting}), in its topic class ({@code DeliverySettings}, {@code
 * RequestRuleSettings}, {@code AlertContentSettings}, {@code WindowSettings}), all of them indexed
 * in order by {@code SettingsRegistry}; the readers of flat properties, of the declarative YAML
 * block and of the public builder's values; the checked, immutable {@link
 * io.github.otelopsgenie.internal.settings.OpsgenieSettings}; and the typed outcome of a parse
 * (settings or a rejection). Per-policy settings ({@code PolicySettings}) are defined once as well
 * and reused under each declared name ({@code policy.<name>.<setting>}, or an entry of the YAML
 * {@code policies:} list); each policy is an immutable {@link
 * io.github.otelopsgenie.internal.settings.Policy}. Settings are read and checked once, at startup.
 *
 * <p>May use {@code alert} (field limits, responders) and {@code util}; nothing above it.
 */
package io.github.otelopsgenie.internal.settings;
