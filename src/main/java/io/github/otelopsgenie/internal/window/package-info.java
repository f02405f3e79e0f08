/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Windows: counts over a sliding time window, lock-free per time slice, and what they
 * report: a route's error rate and latency percentile, a dependency's error rate, each reporting
 * its breach as a value kept for the alert; their clock (a span's end time, unless far from the
 * clock). Bounded memory; no threads of its own.
 *
 * <p>May use {@code rules}, {@code settings}, {@code alert} and {@code util}.
 */
package io.github.otelopsgenie.internal.window;
