/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Small bounded data structures shared by the other packages, each with its cost stated
 * for the path that uses it: a locked map that forgets the least recently used entry (read only
 * when an alert is due), two concurrent generations read without a lock (the caches read on every
 * span), and a bounded tally of the most frequent keys. Also the process's record of the agent's
 * start ({@code AgentStart}), shared by premain's deferred build and delivery's start gate, which
 * may not know each other; it is loaded on the agent's main thread, so it stays one class without
 * lambdas. Depends on nothing of ours.
 */
package io.github.otelopsgenie.internal.util;
