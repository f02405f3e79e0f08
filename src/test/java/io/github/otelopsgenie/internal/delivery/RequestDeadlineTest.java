/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A proxy that trickles its answer, a byte at a time within the read timeout, never trips the read
 * timeout: the whole request (status line, headers and body) must still end within its deadline
 * (twice the timeout), or the sender's one thread is pinned.
 */
@Timeout(30)
class RequestDeadlineTest {

  private final ServerSocket server;
  private Thread trickler;

  RequestDeadlineTest() throws IOException {
    server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
  }

  private void start(Runnable behaviour) {
    trickler = new Thread(behaviour, "trickling-proxy");
    trickler.setDaemon(true);
    trickler.start();
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    if (trickler != null) {
      trickler.interrupt();
    }
  }

  /** The status line and then headers, one byte every 100 ms, for ever. */
  private void trickleHead() {
    try (Socket socket = server.accept()) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        // the request's headers; its body stays unread
      }
      OutputStream out = socket.getOutputStream();
      byte[] head = "HTTP/1.1 202 Accepted\r\nX-Padding: ".getBytes(StandardCharsets.ISO_8859_1);
      for (long i = 0; !Thread.currentThread().isInterrupted(); i++) {
        Thread.sleep(100);
        out.write(i < head.length ? head[(int) i] : 'a');
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up, or the test ended
    }
  }

  private void trickle() {
    try (Socket socket = server.accept()) {
      BufferedReader in =
          new BufferedReader(
              new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1));
      String line;
      while ((line = in.readLine()) != null && !line.isEmpty()) {
        // the request's headers; its body stays unread
      }
      OutputStream out = socket.getOutputStream();
      out.write(
          ("HTTP/1.1 202 Accepted\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{")
              .getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      for (int i = 0; i < 100_000 && !Thread.currentThread().isInterrupted(); i++) {
        Thread.sleep(100);
        out.write(' ');
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up, or the test ended
    }
  }

  @Test
  void aTricklingStatusLineAndHeadersEndAtTheRequestsDeadline() {
    start(this::trickleHead);
    HttpOpsgenieClient client =
        new HttpOpsgenieClient(
            URI.create("http://127.0.0.1:" + server.getLocalPort()), "k", Duration.ofMillis(400));
    long start = System.nanoTime();

    // before the watchdog, the head was read for as long as it trickled: for ever
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> client.getAlert("a"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not end within 800ms"));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis(800));
    assertThat(took).isLessThan(Duration.ofSeconds(3));
  }

  /** A TLS handshake that drags: a ServerHello record announced, its bytes sent one per 100 ms. */
  private void trickleHandshake() {
    try (Socket socket = server.accept()) {
      socket.getInputStream().read(new byte[4096]); // the ClientHello, or its start
      OutputStream out = socket.getOutputStream();
      // a handshake record of 16 KiB (TLS 1.2 framing), then its body a byte at a time
      out.write(new byte[] {0x16, 0x03, 0x03, 0x40, 0x00});
      out.flush();
      while (!Thread.currentThread().isInterrupted()) {
        Thread.sleep(100);
        out.write(0);
        out.flush();
      }
    } catch (IOException | InterruptedException e) {
      // the client gave up, or the test ended
    }
  }

  @Test
  void aTricklingTlsHandshakeEndsAtTheRequestsDeadline() {
    start(this::trickleHandshake);
    HttpOpsgenieClient client =
        new HttpOpsgenieClient(
            URI.create("https://127.0.0.1:" + server.getLocalPort()), "k", Duration.ofMillis(400));
    long start = System.nanoTime();

    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> client.getAlert("a"))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not end within 800ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void aTricklingAnswerEndsAtTheRequestsDeadline() {
    start(this::trickle);
    HttpOpsgenieClient client =
        new HttpOpsgenieClient(
            URI.create("http://127.0.0.1:" + server.getLocalPort()), "k", Duration.ofMillis(400));
    OpsgenieAlert alert =
        OpsgenieAlert.builder(AlertType.STATUS).setMessage("m").setAlias("a").build();
    long start = System.nanoTime();

    // preemptively: a read that waits behind the JDK's keep-alive cleaner cannot be interrupted
    // (the watchdog once disconnected under the body's read, and the suite hung here)
    assertTimeoutPreemptively(
        Duration.ofSeconds(10),
        () ->
            assertThatThrownBy(() -> client.createAlert(alert))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("did not end within 800ms"));
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
  }

  @Test
  void theWatchNeverDisconnectsOnceTheBodyIsTakenOver() throws Exception {
    CountingConnection connection = new CountingConnection();
    RequestDeadline.Watch watch =
        RequestDeadline.watch(connection, Duration.ofMillis(50).toNanos());
    assertThat(watch.standDown()).isTrue();
    Thread.sleep(200);
    assertThat(connection.disconnects).isZero();
    assertThat(watch.expired()).isFalse();
    // an abort now only marks the request: the body's reader ends it at its next read
    watch.abort();
    assertThat(watch.aborted()).isTrue();
    assertThat(connection.disconnects).isZero();
  }

  @Test
  void theWatchDisconnectsBeforeTheBodyAndThenRefusesTheTakeOver() throws Exception {
    CountingConnection connection = new CountingConnection();
    RequestDeadline.Watch watch =
        RequestDeadline.watch(connection, Duration.ofMillis(20).toNanos());
    long until = System.nanoTime() + Duration.ofSeconds(5).toNanos();
    while (!watch.expired() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(watch.expired()).isTrue();
    assertThat(connection.disconnects).isEqualTo(1);
    assertThat(watch.standDown()).isFalse();

    CountingConnection aborted = new CountingConnection();
    RequestDeadline.Watch early = RequestDeadline.watch(aborted, Duration.ofMinutes(1).toNanos());
    early.abort();
    assertThat(aborted.disconnects).isEqualTo(1);
    assertThat(early.standDown()).isFalse();
    assertThat(early.aborted()).isTrue();
  }

  /** Counts disconnects; connects nowhere. */
  private static final class CountingConnection extends java.net.HttpURLConnection {
    volatile int disconnects;

    CountingConnection() throws IOException {
      super(new java.net.URL("http://127.0.0.1:9/"));
    }

    @Override
    public void disconnect() {
      disconnects++;
    }

    @Override
    public boolean usingProxy() {
      return false;
    }

    @Override
    public void connect() {}
  }
}
