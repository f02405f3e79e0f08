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
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UnsupportedEncodingException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Opsgenie's alert API over the JDK's {@link HttpURLConnection} (Java 8, no client library): create
 * an alert, close one by alias. One request at a time, with bounded connect and read timeouts; the
 * sender's thread is the only caller, {@link #abort()} may come from any thread.
 *
 * <p>The base is the API's root: {@code https://api.opsgenie.com}, {@code
 * https://api.eu.opsgenie.com}, or Jira Service Management Operations' {@code
 * https://api.atlassian.com/jsm/ops/integration}; {@code /v2/alerts} is appended to it. The base
 * and the key were checked by the settings, the one place their rules live. The key is sent as
 * {@code Authorization: GenieKey <key>} and appears nowhere else: not in an exception, a log line
 * or {@link #toString()}. The bodies are {@link RequestBodies}'s.
 *
 * <p>A POST is sent in fixed-length streaming mode: its headers and its body are two writes. Both
 * leave at once, because the JDK's HTTP client turns Nagle's algorithm off (TCP_NODELAY) on every
 * socket it opens, plain or TLS, direct or through a proxy's tunnel ({@code
 * sun.net.www.http.HttpClient.openServer}, read on JDK 17 and 25); {@code HttpsTransportTest} holds
 * it to that over TLS. HTTPS goes through the JVM's default socket factory and hostname verifier,
 * so the {@code javax.net.ssl.*} settings and a factory the application installed apply.
 */
final class HttpOpsgenieClient implements OpsgenieClient {

  static final String USER_AGENT = "otel-opsgenie/" + version();

  /** Opsgenie's answers are a few hundred bytes; a proxy's error page is cut here. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  private final String alertsUrl;
  private final String heartbeatsUrl;
  private final String authorization;
  private final int timeoutMillis;
  private volatile HttpURLConnection current;

  /**
   * @param apiBase an http(s) URL, with or without a trailing slash, as the settings accept it
   * @param apiKey an API integration key, as the settings accept it
   * @param timeout the connect timeout, and the read timeout
   * @throws IllegalArgumentException when the base is missing or the key is empty (the message
   *     never contains the key)
   */
  HttpOpsgenieClient(URI apiBase, String apiKey, Duration timeout) {
    this.alertsUrl = alertsUrl(apiBase);
    this.heartbeatsUrl =
        alertsUrl.substring(0, alertsUrl.length() - "alerts".length()) + "heartbeats";
    this.authorization = "GenieKey " + checkKey(apiKey);
    long millis = timeout.toMillis();
    if (millis <= 0) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeoutMillis = (int) Math.min(millis, Integer.MAX_VALUE);
  }

  /** {@code POST {base}/v2/alerts}. */
  @Override
  public OpsgenieResponse createAlert(OpsgenieAlert alert) throws IOException {
    return post(alertsUrl, RequestBodies.createBody(alert));
  }

  /**
   * {@code POST {base}/v2/alerts/{alias}/close?identifierType=alias}; note and source may be null.
   */
  @Override
  public OpsgenieResponse closeAlert(String alias, String note, String source) throws IOException {
    return post(closeUrl(alias), RequestBodies.closeBody(note, source));
  }

  /** {@code GET {base}/v2/alerts/{alias}?identifierType=alias}: a 200 carries the alert's state. */
  @Override
  public OpsgenieResponse getAlert(String alias) throws IOException {
    return request("GET", aliasUrl(alias, ""), null);
  }

  /** {@code POST {base}/v2/alerts/{alias}/notes?identifierType=alias}. */
  @Override
  public OpsgenieResponse addNote(String alias, String note, String source) throws IOException {
    return post(aliasUrl(alias, "/notes"), RequestBodies.noteBody(note, source));
  }

  /** The URL alerts are posted to. */
  @Override
  public String describeDestination() {
    return alertsUrl;
  }

  @Override
  public String describeAuth() {
    return "GenieKey ****";
  }

  /** The alias is one path segment, percent-encoded (a space as %20, a slash as %2F). */
  String closeUrl(String alias) {
    return aliasUrl(alias, "/close");
  }

  private String aliasUrl(String alias, String action) {
    if (alias == null || alias.isEmpty()) {
      throw new IllegalArgumentException(
          "an alert is addressed by its alias, and the alias is empty");
    }
    return alertsUrl + "/" + encodePathSegment(alias) + action + "?identifierType=alias";
  }

  /**
   * Ends the request in progress, if any, from another thread: the caller of {@link #createAlert}
   * gets an {@link IOException}. Used when shutdown runs out of time.
   */
  @Override
  public void abort() {
    HttpURLConnection connection = current;
    if (connection != null) {
      connection.disconnect();
    }
  }

  /**
   * {@code GET {base}/v2/alerts/requests/{requestId}}: an authenticated call that creates nothing
   * (the startup key check). For an id Opsgenie never gave out, 404 means the key was accepted;
   * 401/403 that it was not.
   */
  OpsgenieResponse requestStatus(String requestId) throws IOException {
    return request("GET", alertsUrl + "/requests/" + encodePathSegment(requestId), null);
  }

  /**
   * {@code POST {base}/v2/heartbeats/{name}/ping} (an empty body): Opsgenie answers 202 "PONG -
   * Heartbeat received" and processes it later, so the answer does not prove the heartbeat exists.
   */
  OpsgenieResponse pingHeartbeat(String name) throws IOException {
    return post(heartbeatUrl(name) + "/ping", new byte[0]);
  }

  /** {@code GET {base}/v2/heartbeats/{name}}: 200 with the heartbeat, 404 when there is none. */
  HeartbeatAnswer getHeartbeat(String name) throws IOException {
    return exchange("GET", heartbeatUrl(name), null, HeartbeatAnswer::read);
  }

  /** {@code POST {base}/v2/heartbeats} with {@code body}: 201 when created. */
  OpsgenieResponse createHeartbeat(byte[] body) throws IOException {
    return post(heartbeatsUrl, body);
  }

  private String heartbeatUrl(String name) {
    return heartbeatsUrl + "/" + encodePathSegment(name);
  }

  private OpsgenieResponse post(String url, byte[] body) throws IOException {
    return request("POST", url, body);
  }

  private OpsgenieResponse request(String method, String url, byte[] body) throws IOException {
    return exchange(method, url, body, ResponseParser::parse);
  }

  /** Reads an answer: its status, body and the two headers the client looks at. */
  interface Answer<T> {
    T read(int status, String body, String requestIdHeader, String rateLimitPeriodHeader);
  }

  /**
   * One request; {@code body} null for a GET. The whole of it (connect, TLS, status line, headers,
   * body) must end within the deadline: the connect and read timeouts bound each wait, and a
   * watchdog ({@link RequestDeadline}) disconnects at the deadline, so that a proxy that trickles
   * its status line or headers a byte at a time cannot pin the sender's one thread.
   */
  private <T> T exchange(String method, String url, byte[] body, Answer<T> answer)
      throws IOException {
    long deadline = System.nanoTime() + deadlineNanos();
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    RequestDeadline.Watch watch = RequestDeadline.watch(connection, deadlineNanos());
    try {
      return exchange(connection, method, body, deadline, answer);
    } catch (IOException | RuntimeException e) {
      if (watch.expired()) {
        throw new IOException(
            "the answer from " + alertsUrl + " did not end within " + deadlineMillis() + "ms");
      }
      throw e;
    } finally {
      watch.cancel();
    }
  }

  private <T> T exchange(
      HttpURLConnection connection, String method, byte[] body, long deadline, Answer<T> answer)
      throws IOException {
    connection.setConnectTimeout(timeoutMillis);
    connection.setReadTimeout(timeoutMillis);
    connection.setRequestMethod(method);
    connection.setDoOutput(body != null);
    connection.setUseCaches(false);
    // a redirect would carry the key to wherever it points
    connection.setInstanceFollowRedirects(false);
    connection.setRequestProperty("Authorization", authorization);
    if (body != null) {
      connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
    }
    connection.setRequestProperty("Accept", "application/json");
    connection.setRequestProperty("User-Agent", USER_AGENT);
    current = connection;
    try {
      if (body != null) {
        // Streaming, because otherwise HttpURLConnection silently sends a POST again after an I/O
        // error (sun.net.http.retryPost), even after abort(). The price: a 401's body is not
        // readable, and the headers and the body are two writes (TCP_NODELAY: see the class).
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
          out.write(body);
        }
      }
      int status = connection.getResponseCode();
      if (status < 0) {
        throw new IOException("the answer from " + alertsUrl + " was not HTTP");
      }
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      String text = readBounded(in, deadline);
      return answer.read(
          status,
          text,
          connection.getHeaderField("X-Request-ID"),
          connection.getHeaderField("X-RateLimit-Period-In-Sec"));
    } catch (IOException | RuntimeException e) {
      connection.disconnect();
      throw e;
    } finally {
      current = null;
    }
  }

  /**
   * The whole request, the answer's body included, must end within twice the timeout: a proxy that
   * trickles a byte now and then never trips the read timeout, and would hold the sender's thread.
   */
  long deadlineNanos() {
    return 2L * timeoutMillis * 1_000_000L;
  }

  private long deadlineMillis() {
    return deadlineNanos() / 1_000_000;
  }

  private String readBounded(InputStream in, long deadline) throws IOException {
    if (in == null) {
      return "";
    }
    try (InputStream stream = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = stream.read(buffer)) != -1) {
        if (System.nanoTime() - deadline > 0) {
          throw new IOException(
              "the answer from " + alertsUrl + " did not end within " + deadlineMillis() + "ms");
        }
        // read to the end even past the cap, so the connection can be reused
        if (out.size() < MAX_BODY_BYTES) {
          out.write(buffer, 0, Math.min(n, MAX_BODY_BYTES - out.size()));
        }
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  static String alertsUrl(URI apiBase) {
    if (apiBase == null) {
      throw new IllegalArgumentException(
          "the Opsgenie API base is required, e.g. https://api.opsgenie.com");
    }
    String base = apiBase.toString();
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base + "/v2/alerts";
  }

  static String encodePathSegment(String segment) {
    try {
      // URLEncoder is for forms: its '+' for a space means a plus sign in a path
      return URLEncoder.encode(segment, "UTF-8").replace("+", "%20");
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is required of every JVM", e);
    }
  }

  private static String checkKey(String apiKey) {
    String key = apiKey == null ? "" : apiKey.trim();
    if (key.isEmpty()) {
      throw new IllegalArgumentException("the Opsgenie API key is empty");
    }
    return key;
  }

  private static String version() {
    Package p = HttpOpsgenieClient.class.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    return version == null ? "dev" : version;
  }

  /**
   * Loads the JSON and HTTP classes, resolves the host and, for an https base, readies TLS ({@link
   * TlsWarmUp}); connects to nothing.
   */
  @Override
  public void warmUp() {
    RequestBodies.warmUp();
    try {
      URL url = new URL(alertsUrl);
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
        + alertsUrl
        + ", auth=GenieKey ****, timeout="
        + timeoutMillis
        + "ms}";
  }
}
