/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Small data structures shared by the other packages: {@code BoundedLruMap}, the locked
 * bounded map behind storm control and the open aliases (read only when an alert is due); {@code
 * RecentMap}, two concurrent generations read without a lock, behind the caches read on every span
 * (route decisions, route windows) and the occurrence gate; {@code Tally}, the bounded count of the
 * most frequent routes of a storm and aliases over the budget. Depends on nothing of ours.
 */
package io.github.otelopsgenie.internal.util;
