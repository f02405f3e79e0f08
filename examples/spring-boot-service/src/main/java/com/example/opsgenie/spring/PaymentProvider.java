package com.example.opsgenie.spring;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A stand-in for an external payment provider, started by the example on a loopback port: a bare
 * socket server (no instrumented HTTP server, so it makes no spans of its own) that answers {@code
 * 200} or, while failing, {@code 503}. The example calls it through the JDK HTTP client, which the
 * agent instruments: one CLIENT span per call.
 */
final class PaymentProvider implements AutoCloseable {

  private final ServerSocket socket;
  private final AtomicBoolean failing = new AtomicBoolean();

  PaymentProvider() throws IOException {
    socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    Thread acceptor = new Thread(this::serve, "payment-provider");
    acceptor.setDaemon(true);
    acceptor.start();
  }

  int port() {
    return socket.getLocalPort();
  }

  void setFailing(boolean value) {
    failing.set(value);
  }

  boolean isFailing() {
    return failing.get();
  }

  private void serve() {
    while (!socket.isClosed()) {
      try (Socket client = socket.accept()) {
        readHead(client.getInputStream());
        String body = failing.get() ? "provider unavailable" : "paid";
        String status = failing.get() ? "503 Service Unavailable" : "200 OK";
        OutputStream out = client.getOutputStream();
        out.write(
            ("HTTP/1.1 "
                    + status
                    + "\r\nContent-Type: text/plain\r\nContent-Length: "
                    + body.length()
                    + "\r\nConnection: close\r\n\r\n"
                    + body)
                .getBytes(StandardCharsets.US_ASCII));
        out.flush();
      } catch (IOException e) {
        // a closed socket ends the loop; a broken client is ignored
      }
    }
  }

  /** Reads up to the blank line that ends the request head (the calls carry no body). */
  private static void readHead(InputStream in) throws IOException {
    int matched = 0;
    int b;
    while (matched < 4 && (b = in.read()) >= 0) {
      matched = (b == '\r' || b == '\n') ? matched + 1 : 0;
    }
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
