/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Getting alerts and closes to Opsgenie without ever blocking a request thread: the
 * {@code AlertSink} the processor offers to, the {@code AlertSender} facade (storm control and a
 * bounded queue) and its {@code Worker} thread (drain, send, retry by {@code RetryPolicy}, shut
 * down), the {@code OpsgenieClient} interface with its HTTP and log-only destinations, the JSON
 * bodies ({@code AlertJson}), rejection messages and the self-metrics.
 *
 * <p>May use {@code settings}, {@code alert} and {@code util}; it knows nothing of spans.
 */
package io.github.otelopsgenie.delivery;
