/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Keeps otel-opsgenie's own startup off the agent's {@code premain} (issue 30): owns the
 * moment the agent has finished starting (told by the root's agent listener) and the span processor
 * the SDK is given meanwhile, which has the real one built on a thread of its own after that moment
 * and hands it the spans that ended before. It knows nothing of settings, rules or delivery: what
 * to build is given to it by the entry point. Uses the OpenTelemetry SDK's span processor interface
 * and the JDK only; nothing of ours. Every class loaded here is loaded on the agent's main thread,
 * through the agent's extension class loader (which rewrites each class as it loads it): keep it to
 * one class, without lambdas.
 */
package io.github.otelopsgenie.internal.premain;
