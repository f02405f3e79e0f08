/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. The per-request rules of flask-opsgenie: status codes and classes ({@code StatusRule}),
 * latency over a route's threshold ({@code LatencyRule}), recorded and helper-marked exceptions
 * ({@code ExceptionRule}), and the per-route decision of which rules apply, with the first matching
 * policy and the status rule and threshold it brings ({@code RouteMatcher}, computed once per
 * distinct route). Pure decisions on values read from a span: no state over time, no I/O, nothing
 * allocated on the no-alert path.
 *
 * <p>May use {@code settings}, {@code alert} and {@code util}.
 */
package io.github.otelopsgenie.internal.rules;
