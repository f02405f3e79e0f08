/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. What one ended span says about its request ({@code SpanFacts}, read only when an alert
 * is due) and how those facts become one Opsgenie alert ({@code AlertFactory}: message, alias,
 * description, details within the limits).
 *
 * <p>May use {@code window}, {@code rules}, {@code settings}, {@code alert} and {@code util}.
 */
package io.github.otelopsgenie.internal.content;
