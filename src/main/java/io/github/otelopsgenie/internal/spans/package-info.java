/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. The alerts of each kind of span, on the request thread: a class per span kind (server
 * requests, job runs, consumed messages, calls to dependencies) reads what its rules need, decides,
 * forms the alert's alias once and raises it through admission, with the builder that makes the
 * alert on the sender's thread; a kind whose rules are off only checks the helper's mark, in one
 * place. Also the processor's wiring from the checked settings, and what it remembers and counts
 * (the shutdown line, the self-metrics).
 *
 * <p>May use {@code admission}, {@code content}, {@code delivery} (the sink, given at wiring),
 * {@code window}, {@code rules}, {@code settings}, {@code alert} and {@code util}.
 */
package io.github.otelopsgenie.internal.spans;
