/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Rules and state over a time window: the occurrence gate (N matches of an alias within
 * the window), per-route error rate and latency percentile ({@code RouteWindows} over {@code
 * RouteStats} slices, reporting a {@code RouteBreach}), and the open aliases that auto-close
 * watches ({@code OpenAlerts}, reporting a {@code DueClose}); their clock, {@code SpanClock} (a
 * span's end time, unless far from the clock). Bounded memory; no threads of its own.
 *
 * <p>May use {@code rules}, {@code settings}, {@code alert} and {@code util}.
 */
package io.github.otelopsgenie.internal.window;
