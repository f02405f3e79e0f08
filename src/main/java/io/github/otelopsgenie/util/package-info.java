/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Internal. Small data structures shared by the other packages ({@code BoundedLruMap}, the one
 * bounded map behind storm control, the occurrence gate and the open aliases; {@code
 * GenerationalMap}, the lock-free two-generation memory of routes behind the route matcher and the
 * route rules; {@code Tally}, the bounded count of the most frequent routes of a storm and aliases
 * over the budget); depends on nothing of ours.
 */
package io.github.otelopsgenie.util;
