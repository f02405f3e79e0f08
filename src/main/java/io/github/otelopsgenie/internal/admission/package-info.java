/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Admission: whether an alert a rule decided on is sent, and what becomes of it once
 * open. One way in for every kind of alert, on the request thread: the occurrence gate (N matches
 * of an alias within the window), the alias budget (at most so many distinct aliases per window,
 * the rest rolled into one alert), storm control (an alias let through at most once per the sink's
 * cooldown, the rest counted into the next alert's details and, once the storm ended, into one
 * note), then the sink's queue; an admitted alert waits there as a candidate, built on the sender's
 * thread by the builder its rule chose. A held-back request allocates nothing here and reads no
 * clock for a span that just ended. Storm control's roll-ups run on the sender's thread, by a tick
 * it attaches to the sink. It also owns the open alerts that auto-close watches, and the auto-close
 * thread that closes them once their rule, or their window, is quiet (a close ends the alias's
 * cooldown).
 *
 * <p>May use {@code content} (the text of a close's note), {@code delivery} (the sink, its tick and
 * its metrics), {@code window} (the windows' clock and counts), {@code rules}, {@code settings},
 * {@code alert} and {@code util}; it knows no kind of span and builds no alert itself.
 */
package io.github.otelopsgenie.internal.admission;
