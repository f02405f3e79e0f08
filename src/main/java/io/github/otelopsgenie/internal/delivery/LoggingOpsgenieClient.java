/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import io.github.otelopsgenie.internal.delivery.json.RequestBodies;
import java.util.logging.Logger;

/**
 * The destination without an API key: each alert, and each close, is written to the log as ONE INFO
 * line of JSON instead of being sent. Every request is {@link OpsgenieResponse#LOGGED}.
 */
final class LoggingOpsgenieClient implements OpsgenieClient {

  private static final Logger logger = Logger.getLogger(LoggingOpsgenieClient.class.getName());

  static final String ALERT_PREFIX = "otel-opsgenie alert (no token, not sent): ";
  static final String CLOSE_PREFIX = "otel-opsgenie close (no token, not sent): ";
  static final String NOTE_PREFIX = "otel-opsgenie note (no token, not sent): ";

  @Override
  public OpsgenieResponse createAlert(OpsgenieAlert alert) {
    return logged(ALERT_PREFIX + RequestBodies.oneLine(alert));
  }

  @Override
  public OpsgenieResponse closeAlert(String alias, String note, String source) {
    return logged(CLOSE_PREFIX + RequestBodies.closeLine(alias, note));
  }

  /** Nothing to read: a close is logged as it is. */
  @Override
  public OpsgenieResponse getAlert(String alias) {
    return OpsgenieResponse.LOGGED;
  }

  @Override
  public OpsgenieResponse addNote(String alias, String note, String source) {
    return logged(NOTE_PREFIX + RequestBodies.closeLine(alias, note));
  }

  @Override
  public void abort() {
    // nothing is ever in flight
  }

  @Override
  public String describeDestination() {
    return "the log";
  }

  @Override
  public String describeAuth() {
    return "none (alerts are logged, not sent)";
  }

  @Override
  public void warmUp() {
    RequestBodies.warmUp();
  }

  private static OpsgenieResponse logged(String line) {
    logger.info(line);
    return OpsgenieResponse.LOGGED;
  }

  @Override
  public String toString() {
    return "LoggingOpsgenieClient{}";
  }
}
