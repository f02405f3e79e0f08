/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One request at a time to the API over the JDK's {@link HttpURLConnection} (Java 8, no client
 * library): the headers every request carries, the body written, the answer's status, two headers
 * and its body (bounded) handed to an {@link Answer}. Bounded connect and read timeouts bound each
 * wait, and the whole request (connect, TLS, status line, headers, body) ends within twice the
 * timeout: a watchdog ({@link RequestDeadline}) disconnects at the deadline until the answer's body
 * is reached, and the body's reads check the deadline on the sender's thread, so that a proxy that
 * trickles its answer a byte at a time cannot pin the sender's one thread. The sender's thread is
 * the only caller; {@link #abort()} may come from any thread.
 *
 * <p>The key is sent as {@code Authorization: GenieKey <key>} and appears nowhere else: not in an
 * exception, a log line or {@link #toString()}. A redirect is not followed (it would carry the key
 * to wherever it points).
 *
 * <p>A POST is sent in fixed-length streaming mode: its headers and its body are two writes. Both
 * leave at once, because the JDK's HTTP client turns Nagle's algorithm off (TCP_NODELAY) on every
 * socket it opens, plain or TLS, direct or through a proxy's tunnel ({@code
 * sun.net.www.http.HttpClient.openServer}, read on JDK 17 and 25); {@code HttpsTransportTest} holds
 * it to that over TLS. HTTPS goes through the JVM's default socket factory and hostname verifier,
 * so the {@code javax.net.ssl.*} settings and a factory the application installed apply.
 */
final class HttpExchange {

  static final String USER_AGENT = "otel-opsgenie/" + version();

  /** Opsgenie's answers are a few hundred bytes; a proxy's error page is cut here. */
  private static final int MAX_BODY_BYTES = 64 * 1024;

  /** Reads an answer: its status, body and the two headers the client looks at. */
  interface Answer<T> {
    T read(int status, String body, String requestIdHeader, String rateLimitPeriodHeader);
  }

  private final String authorization;
  private final int timeoutMillis;

  /** Named in errors: the API's alerts URL (never the key). */
  private final String destination;

  /** The request in flight, for {@link #abort()}. */
  private volatile RequestDeadline.Watch current;

  /**
   * @param apiKey an API integration key, as the settings accept it
   * @param timeout the connect timeout, and the read timeout
   * @param destination what errors name as the other end
   * @throws IllegalArgumentException when the key is empty (the message never contains the key) or
   *     the timeout not positive
   */
  HttpExchange(String apiKey, Duration timeout, String destination) {
    this.authorization = "GenieKey " + checkKey(apiKey);
    long millis = timeout.toMillis();
    if (millis <= 0) {
      throw new IllegalArgumentException("timeout must be positive, was " + timeout);
    }
    this.timeoutMillis = (int) Math.min(millis, Integer.MAX_VALUE);
    this.destination = destination;
  }

  int timeoutMillis() {
    return timeoutMillis;
  }

  /**
   * The whole request, the answer's body included, must end within twice the timeout: a proxy that
   * trickles a byte now and then never trips the read timeout, and would hold the sender's thread.
   */
  long deadlineNanos() {
    return 2L * timeoutMillis * 1_000_000L;
  }

  /** One request; {@code body} null for a GET. */
  <T> T run(String method, String url, byte[] body, Answer<T> answer) throws IOException {
    HttpURLConnection connection = (HttpURLConnection) new URL(url).openConnection();
    long deadline = System.nanoTime() + deadlineNanos();
    RequestDeadline.Watch watch = RequestDeadline.watch(connection, deadlineNanos());
    current = watch;
    try {
      return run(connection, watch, deadline, method, body, answer);
    } catch (IOException | RuntimeException e) {
      if (watch.expired()) {
        throw deadlinePassed();
      }
      throw e;
    } finally {
      current = null;
      watch.cancel();
    }
  }

  private IOException deadlinePassed() {
    return new IOException(
        "the answer from "
            + destination
            + " did not end within "
            + deadlineNanos() / 1_000_000
            + "ms");
  }

  private <T> T run(
      HttpURLConnection connection,
      RequestDeadline.Watch watch,
      long deadline,
      String method,
      byte[] body,
      Answer<T> answer)
      throws IOException {
    prepare(connection, method, body != null);
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
        throw new IOException("the answer from " + destination + " was not HTTP");
      }
      InputStream in = status >= 400 ? connection.getErrorStream() : connection.getInputStream();
      // from here the body is read on this thread, which keeps the deadline (RequestDeadline.Watch)
      if (!watch.standDown()) {
        throw watch.expired() ? deadlinePassed() : new IOException("the request was aborted");
      }
      return answer.read(
          status,
          readBounded(in, watch, deadline),
          connection.getHeaderField("X-Request-ID"),
          connection.getHeaderField("X-RateLimit-Period-In-Sec"));
    } catch (IOException | RuntimeException e) {
      connection.disconnect();
      throw e;
    }
  }

  private void prepare(HttpURLConnection connection, String method, boolean hasBody)
      throws IOException {
    connection.setConnectTimeout(timeoutMillis);
    connection.setReadTimeout(timeoutMillis);
    connection.setRequestMethod(method);
    connection.setDoOutput(hasBody);
    connection.setUseCaches(false);
    // a redirect would carry the key to wherever it points
    connection.setInstanceFollowRedirects(false);
    connection.setRequestProperty("Authorization", authorization);
    if (hasBody) {
      connection.setRequestProperty("Content-Type", "application/json; charset=utf-8");
    }
    connection.setRequestProperty("Accept", "application/json");
    connection.setRequestProperty("User-Agent", USER_AGENT);
  }

  /**
   * The answer's body, its first {@value #MAX_BODY_BYTES} bytes as UTF-8; read to its end, so that
   * the connection can be reused. A body that trickles in ends at the request's deadline, checked
   * after each read (a read that waits for bytes ends at the read timeout), or at an abort; the
   * caller then disconnects, on this thread ({@code RequestDeadlineTest}).
   */
  private String readBounded(InputStream in, RequestDeadline.Watch watch, long deadline)
      throws IOException {
    if (in == null) {
      return "";
    }
    try (InputStream stream = in) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      byte[] buffer = new byte[4096];
      int n;
      while ((n = stream.read(buffer)) != -1) {
        if (out.size() < MAX_BODY_BYTES) {
          out.write(buffer, 0, Math.min(n, MAX_BODY_BYTES - out.size()));
        }
        if (System.nanoTime() - deadline > 0) {
          throw deadlinePassed();
        }
        if (watch.aborted()) {
          throw new IOException("the request was aborted");
        }
      }
      return new String(out.toByteArray(), StandardCharsets.UTF_8);
    }
  }

  /**
   * Ends the request in progress, if any, from another thread: its caller gets an {@link
   * IOException} (during the answer's body, at its next read). Used when shutdown runs out of time.
   */
  void abort() {
    RequestDeadline.Watch watch = current;
    if (watch != null) {
      watch.abort();
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
    Package p = HttpExchange.class.getPackage();
    String version = p == null ? null : p.getImplementationVersion();
    return version == null ? "dev" : version;
  }
}
