/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Getting alerts, closes and notes to Opsgenie (or Jira Service Management Operations)
 * without ever blocking a request thread, built as the SDK's {@code BatchSpanProcessor} is: the
 * sink that admission hands alerts, closes and notes to, on the caller's thread; one daemon worker
 * thread behind a bounded queue that keeps room for closes and notes, which sends, retries, answers
 * flushes, runs the tick of what the caller holds back (admission's storm roll-ups) and shuts down
 * within its timeout; the work items it delivers (a close reads the alert first and decides on
 * evidence); the two destinations, Opsgenie's HTTP API (each request bounded by its own total
 * deadline) or, without a key, the log; the worker's log lines and the self-metrics; and the
 * heartbeat, pinged from a thread of its own and read once at startup. The sender's threads are
 * started at build and begin their work at a start gate: after the host finished starting (the
 * agent's premain, or a delay without the agent) or at the first item offered. The JSON of the API,
 * both ways, is the sub-package {@code json}'s; this package sees no JSON token.
 *
 * <p>May use its {@code json}, {@code settings}, {@code alert} and {@code util}; it knows nothing
 * of spans, rules, windows or storm control (it holds the cooldown setting that admission applies,
 * and reports what admission counts). The API key and base arrive as the settings accepted them:
 * their rules live there, not here.
 */
package io.github.otelopsgenie.internal.delivery;
