/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. The JSON of Opsgenie's API, both ways, with no JSON library bundled: every request body
 * we send (and its one-line form for the log) is written here, and every answer is read here into
 * plain immutable values (the answer's status, message, code, errors, request id and rate limit; a
 * read alert's state; a read heartbeat), leniently: an answer is read for what it may tell, never
 * trusted to be well formed. The rest of delivery never sees a JSON token; the writer and the
 * reader stay private to this package, and nothing generic is written from a value read (a member
 * that is not a string is kept as the text the answer wrote).
 *
 * <p>May use {@code alert} (the alert as sent, Opsgenie's field limits) and nothing else of ours;
 * it knows nothing of HTTP, retries, threads or spans.
 */
package io.github.otelopsgenie.internal.delivery.json;
