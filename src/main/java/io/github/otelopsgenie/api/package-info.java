/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */

/**
 * Public. The helper for application code: mark a handled exception for an alert ({@code
 * OpsgenieAlerts}) with the attribute names the extension reads ({@code OpsgenieAttributes}).
 * Depends on {@code opentelemetry-api} alone (enforced by {@code ApiDependenciesTest}), so it works
 * with the agent, where application code cannot see the extension's classes; also packaged as the
 * {@code -api.jar}.
 */
package io.github.otelopsgenie.api;
