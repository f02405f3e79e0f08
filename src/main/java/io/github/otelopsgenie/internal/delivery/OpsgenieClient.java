/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import java.io.IOException;

/**
 * Where the sender's worker delivers: Opsgenie's alert API ({@link HttpOpsgenieClient}), or the log
 * when no API key is set ({@link LoggingOpsgenieClient}). Called from the worker's thread only,
 * except {@link #abort()}.
 */
interface OpsgenieClient {

  /** Creates {@code alert} ({@code POST /v2/alerts}). */
  OpsgenieResponse createAlert(OpsgenieAlert alert) throws IOException;

  /** Closes the open alert with {@code alias}; note and source may be null. */
  OpsgenieResponse closeAlert(String alias, String note, String source) throws IOException;

  /**
   * Reads the alert with {@code alias} ({@code GET /v2/alerts/{alias}?identifierType=alias}); a
   * 200's answer carries its {@link OpsgenieResponse#alertState()}.
   */
  OpsgenieResponse getAlert(String alias) throws IOException;

  /**
   * Adds {@code note} to the alert with {@code alias} ({@code POST
   * /v2/alerts/{alias}/notes?identifierType=alias}); source may be null. Not idempotent: a repeat
   * adds the note again.
   */
  OpsgenieResponse addNote(String alias, String note, String source) throws IOException;

  /**
   * Ends the request in progress, if any, from another thread: used when shutdown runs out of time.
   */
  void abort();

  /** Where requests go, for the log: the URL alerts are posted to. */
  String describeDestination();

  /** How requests are authorised, for {@code toString()}: never the key itself. */
  String describeAuth();

  /**
   * Loads and initialises, on the sender's thread at startup, what the first request would
   * otherwise pay for (the JSON writer, the HTTP classes, the host's address, TLS), so that the
   * first page is as fast as the rest. Sends nothing; never throws.
   */
  void warmUp();
}
