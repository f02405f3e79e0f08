/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.delivery.json.RequestBodies;
import java.time.Duration;

/**
 * The heartbeat a sender pings, as the settings gave it: its name (placeholders filled), the ping
 * interval, whether a missing one is created, and what a created one says when it expires.
 */
final class Heartbeat {

  final String name;
  final Duration interval;
  final boolean create;

  /** The created heartbeat's {@code alertPriority}: the configured alert priority. */
  final String priority;

  /** The created heartbeat's {@code alertMessage}, naming the service and its environment. */
  final String alertMessage;

  Heartbeat(String name, Duration interval, boolean create, String priority, String alertMessage) {
    this.name = name;
    this.interval = interval;
    this.create = create;
    this.priority = priority;
    this.alertMessage = alertMessage;
  }

  /**
   * The interval Opsgenie should give the heartbeat: three pings, in whole minutes (Opsgenie's
   * smallest unit), rounded up; one late or lost ping then never pages.
   */
  long expectedMinutes() {
    long millis = interval.toMillis() * 3;
    return Math.max(1, (millis + 59_999) / 60_000);
  }

  /** {@code POST /v2/heartbeats}'s body. */
  byte[] createBody() {
    return RequestBodies.heartbeatBody(
        name,
        "Pinged every "
            + interval.getSeconds()
            + "s by every instance of the service (otel-opsgenie); expires when none is left",
        expectedMinutes(),
        alertMessage,
        priority);
  }
}
