/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Keeps otel-opsgenie's own startup off the agent's {@code premain} (issue 30): the span
 * processor the SDK is given meanwhile, which has the real one built on a thread of its own a
 * settle delay after the agent's start (the process's {@code util.AgentStart}, marked by the root's
 * agent listener, which delivery's start gate reads too) and hands it the spans that ended before.
 * It knows nothing of settings, rules or delivery: what to build is given to it by the entry point.
 * Uses the OpenTelemetry SDK's span processor interface, the JDK and util's record of the agent's
 * start; nothing else of ours. Every class loaded when the processor is made is loaded on the
 * agent's main thread, through the agent's extension class loader (which rewrites each class as it
 * loads it): that is one class, without lambdas; the spans held are kept by a second one, made at
 * the first span held.
 */
package io.github.otelopsgenie.internal.premain;
