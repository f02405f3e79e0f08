/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. The rules: pure checks of values read from one span, whether it calls for an alert.
 * Those of flask-opsgenie for a request (a status code or class, latency over the route's
 * threshold, a recorded or helper-marked exception), the per-route decision of which rules apply
 * with the first matching policy (computed once per distinct route), the route's key as windows and
 * roll-ups name it, and the checks of the span kinds beyond HTTP requests (a job run, a consumed
 * message, a gRPC status). No state over time (that is {@code window}'s), no I/O, nothing allocated
 * on the no-alert path.
 *
 * <p>May use {@code settings}, {@code alert}, {@code util} and the helper's attribute names in
 * {@code api}.
 */
package io.github.otelopsgenie.internal.rules;
