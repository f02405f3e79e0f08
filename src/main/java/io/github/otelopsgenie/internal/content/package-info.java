/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Alert content, for every kind of alert: the aliases, formed from what a rule knows
 * before anything else of the span is read; what an ended span says (its facts, read only once an
 * alert is admitted, on the sender's thread: its URL redacted, its exception's text cut); and how
 * those facts, with the alias and the route's decision the rule made, become one Opsgenie alert
 * (message, description, details within Opsgenie's limits).
 *
 * <p>May use {@code window} (the breaches it describes), {@code rules}, {@code settings}, {@code
 * alert}, {@code util} and the helper's attribute names in {@code api}. It decides nothing and
 * admits nothing.
 */
package io.github.otelopsgenie.internal.content;
