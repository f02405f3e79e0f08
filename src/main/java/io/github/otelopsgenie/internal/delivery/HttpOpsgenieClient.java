/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.delivery.json.HeartbeatAnswer;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import io.github.otelopsgenie.internal.delivery.json.RequestBodies;
import io.github.otelopsgenie.internal.delivery.json.ResponseParser;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.time.Duration;

/**
 * Opsgenie's alert and heartbeat API over HTTP: create an alert, close one by alias, read one, add
 * a note; the startup key check's authenticated call; ping, read and create a heartbeat. Each call
 * is its address ({@link ApiUrls}), its body ({@link RequestBodies}), one request ({@link
 * HttpExchange}: the key, the timeouts and the request's total deadline live there) and the answer
 * read ({@link ResponseParser}). One request at a time; the sender's thread (or the heartbeat's) is
 * the only caller, {@link #abort()} may come from any thread. The key appears nowhere but in the
 * request's header: not in an exception, a log line or {@link #toString()}.
 */
final class HttpOpsgenieClient implements OpsgenieClient {

  private final ApiUrls urls;
  private final HttpExchange http;

  /**
   * @param apiBase an http(s) URL, with or without a trailing slash, as the settings accept it
   * @param apiKey an API integration key, as the settings accept it
   * @param timeout the connect timeout, and the read timeout
   * @throws IllegalArgumentException when the base is missing or the key is empty (the message
   *     never contains the key)
   */
  HttpOpsgenieClient(URI apiBase, String apiKey, Duration timeout) {
    this.urls = new ApiUrls(apiBase);
    this.http = new HttpExchange(apiKey, timeout, urls.alerts);
  }

  /** {@code POST {base}/v2/alerts}. */
  @Override
  public OpsgenieResponse createAlert(OpsgenieAlert alert) throws IOException {
    return post(urls.alerts, RequestBodies.createBody(alert));
  }

  /**
   * {@code POST {base}/v2/alerts/{alias}/close?identifierType=alias}; note and source may be null.
   */
  @Override
  public OpsgenieResponse closeAlert(String alias, String note, String source) throws IOException {
    return post(urls.alias(alias, "/close"), RequestBodies.closeBody(note, source));
  }

  /** {@code GET {base}/v2/alerts/{alias}?identifierType=alias}: a 200 carries the alert's state. */
  @Override
  public OpsgenieResponse getAlert(String alias) throws IOException {
    return request("GET", urls.alias(alias, ""), null);
  }

  /** {@code POST {base}/v2/alerts/{alias}/notes?identifierType=alias}. */
  @Override
  public OpsgenieResponse addNote(String alias, String note, String source) throws IOException {
    return post(urls.alias(alias, "/notes"), RequestBodies.noteBody(note, source));
  }

  /** The URL alerts are posted to. */
  @Override
  public String describeDestination() {
    return urls.alerts;
  }

  @Override
  public String describeAuth() {
    return "GenieKey ****";
  }

  /**
   * Ends the request in progress, if any, from another thread: the caller of {@link #createAlert}
   * gets an {@link IOException}. Used when shutdown runs out of time.
   */
  @Override
  public void abort() {
    http.abort();
  }

  /**
   * {@code GET {base}/v2/alerts/requests/{requestId}}: an authenticated call that creates nothing
   * (the startup key check). For an id Opsgenie never gave out, 404 means the key was accepted;
   * 401/403 that it was not.
   */
  OpsgenieResponse requestStatus(String requestId) throws IOException {
    return request("GET", urls.requestStatus(requestId), null);
  }

  /**
   * {@code POST {base}/v2/heartbeats/{name}/ping} (an empty body): Opsgenie answers 202 "PONG -
   * Heartbeat received" and processes it later, so the answer does not prove the heartbeat exists.
   */
  OpsgenieResponse pingHeartbeat(String name) throws IOException {
    return post(urls.heartbeat(name) + "/ping", new byte[0]);
  }

  /** {@code GET {base}/v2/heartbeats/{name}}: 200 with the heartbeat, 404 when there is none. */
  HeartbeatAnswer getHeartbeat(String name) throws IOException {
    return http.run("GET", urls.heartbeat(name), null, HeartbeatAnswer::read);
  }

  /** {@code POST {base}/v2/heartbeats} with {@code body}: 201 when created. */
  OpsgenieResponse createHeartbeat(byte[] body) throws IOException {
    return post(urls.heartbeats(), body);
  }

  private OpsgenieResponse post(String url, byte[] body) throws IOException {
    return request("POST", url, body);
  }

  private OpsgenieResponse request(String method, String url, byte[] body) throws IOException {
    return http.run(method, url, body, ResponseParser::parse);
  }

  /**
   * Loads the JSON and HTTP classes, resolves the host and, for an https base, readies TLS ({@link
   * TlsWarmUp}); connects to nothing.
   */
  @Override
  public void warmUp() {
    RequestBodies.warmUp();
    try {
      URL url = new URL(urls.alerts);
      InetAddress.getAllByName(url.getHost());
      url.openConnection();
      ResponseParser.parse(202, "{\"result\":\"Request will be processed\"}", null, null);
      if ("https".equals(url.getProtocol())) {
        TlsWarmUp.run(url.getHost(), url.getPort() < 0 ? url.getDefaultPort() : url.getPort());
      }
    } catch (IOException | RuntimeException e) {
      // only a warm-up: the first real alert pays instead, and reports a real failure
    }
  }

  @Override
  public String toString() {
    return "HttpOpsgenieClient{url="
        + urls.alerts
        + ", auth=GenieKey ****, timeout="
        + http.timeoutMillis()
        + "ms}";
  }
}
