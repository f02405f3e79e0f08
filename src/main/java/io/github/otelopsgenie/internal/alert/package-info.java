/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. The Opsgenie alert as this extension sends it (its fields, responders and the kind of
 * rule that raised it) and Opsgenie's documented field limits, applied when an alert is built so
 * that every alert fits the API.
 *
 * <p>May use {@code util} only: it knows nothing of spans, settings or HTTP.
 */
package io.github.otelopsgenie.internal.alert;
