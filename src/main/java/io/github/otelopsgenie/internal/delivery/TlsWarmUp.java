/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

/**
 * Readies the JVM's TLS for the first HTTPS request without connecting anywhere: the socket factory
 * HttpsURLConnection will use (the default context, with its key and trust stores and a user's
 * {@code javax.net.ssl.*} settings, or a factory the application installed), one unconnected socket
 * of it, and a client hello built in memory by an engine of the default context (key shares,
 * extensions, the handshake's classes). What only a real handshake reaches (the server's
 * certificate checked, the session's keys) is left to the startup check, which makes one; without
 * it the first alert pays for that part (docs/performance.md, "Time to page").
 */
final class TlsWarmUp {

  private TlsWarmUp() {}

  /** Never throws: only a warm-up, the first request pays for what failed here. */
  static void run(String host, int port) {
    try {
      try {
        HttpsURLConnection.getDefaultSSLSocketFactory().createSocket().close();
      } catch (IOException | UnsupportedOperationException e) {
        // a factory without unconnected sockets: HttpsURLConnection then asks for connected ones
      }
      SSLEngine engine = SSLContext.getDefault().createSSLEngine(host, port);
      engine.setUseClientMode(true);
      ByteBuffer hello = ByteBuffer.allocate(engine.getSession().getPacketBufferSize());
      engine.wrap(ByteBuffer.allocate(0), hello);
      engine.closeOutbound();
    } catch (GeneralSecurityException | IOException | RuntimeException e) {
      // only a warm-up
    }
  }
}
