/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.example.opsgenie.standin.OpsgenieStandIn;
import com.example.opsgenie.standin.ReceivedAlert;
import com.example.opsgenie.standin.StandInCertificate;
import io.github.otelopsgenie.internal.delivery.json.OpsgenieResponse;
import io.github.otelopsgenie.internal.delivery.json.RequestBodies;
import io.github.otelopsgenie.internal.delivery.json.RequestBodiesTest;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.HttpsURLConnection;
import javax.net.ssl.SSLSocketFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS, as Opsgenie is served: the client's requests and its warm-up go through the JVM's default
 * socket factory (here one the test installs, as an application may, trusting only the stand-in's
 * self-signed certificate), and the sockets the JDK opens for it have Nagle's algorithm off, so a
 * streamed POST's body does not wait for the acknowledgement of its headers.
 */
@Timeout(60)
class HttpsTransportTest {

  private static final String KEY = "https-key";

  @TempDir static Path certificateDir;
  private static StandInCertificate certificate;

  private SSLSocketFactory previousDefault;
  private RecordingFactory factory;
  private OpsgenieStandIn standIn;

  @BeforeAll
  static void makeCertificate() throws Exception {
    certificate = StandInCertificate.create(certificateDir);
  }

  @BeforeEach
  void installFactory() throws IOException {
    previousDefault = HttpsURLConnection.getDefaultSSLSocketFactory();
    factory = new RecordingFactory(certificate.clientContext().getSocketFactory());
    HttpsURLConnection.setDefaultSSLSocketFactory(factory);
  }

  @AfterEach
  void restore() {
    HttpsURLConnection.setDefaultSSLSocketFactory(previousDefault);
    if (standIn != null) {
      standIn.close();
    }
  }

  @Test
  void anAlertOverHttpsArrivesWholeOnASocketWithNagleOff() throws Exception {
    standIn = OpsgenieStandIn.startHttps(KEY, certificate);
    HttpOpsgenieClient client =
        new HttpOpsgenieClient(URI.create(standIn.baseUrl()), KEY, Duration.ofSeconds(10));

    OpsgenieResponse response = client.createAlert(RequestBodiesTest.fullAlert());

    assertThat(standIn.baseUrl()).startsWith("https://127.0.0.1:");
    assertThat(response.isAccepted()).isTrue();
    List<ReceivedAlert> alerts = standIn.alerts();
    assertThat(alerts).hasSize(1);
    assertThat(alerts.get(0).problems()).isEmpty();
    assertThat(alerts.get(0).rawBody())
        .isEqualTo(
            new String(
                RequestBodies.createBody(RequestBodiesTest.fullAlert()), StandardCharsets.UTF_8));
    // the JDK connects the socket it asked the factory for, and turns Nagle off on it
    assertThat(factory.created).hasSize(1);
    Socket socket = factory.created.get(0);
    assertThat(socket.isConnected()).isTrue();
    assertThat(socket.getTcpNoDelay()).as("TCP_NODELAY on the client's socket").isTrue();
  }

  @Test
  void warmUpReadiesTlsThroughTheDefaultFactoryAndConnectsNowhere() throws Exception {
    try (ServerSocket server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      HttpOpsgenieClient client =
          new HttpOpsgenieClient(
              URI.create("https://127.0.0.1:" + server.getLocalPort()), KEY, Duration.ofSeconds(5));

      client.warmUp();

      assertThat(factory.created).hasSize(1);
      assertThat(factory.created.get(0).isConnected()).isFalse();
      // a connection made within warmUp() would be waiting in the backlog by now
      server.setSoTimeout(1);
      assertThatThrownBy(server::accept).isInstanceOf(SocketTimeoutException.class);
    }
  }

  /** The application's factory, as HttpsURLConnection sees it: records every socket it makes. */
  private static final class RecordingFactory extends SSLSocketFactory {
    final List<Socket> created = new CopyOnWriteArrayList<>();
    private final SSLSocketFactory delegate;

    RecordingFactory(SSLSocketFactory delegate) {
      this.delegate = delegate;
    }

    private Socket record(Socket socket) {
      created.add(socket);
      return socket;
    }

    @Override
    public String[] getDefaultCipherSuites() {
      return delegate.getDefaultCipherSuites();
    }

    @Override
    public String[] getSupportedCipherSuites() {
      return delegate.getSupportedCipherSuites();
    }

    @Override
    public Socket createSocket() throws IOException {
      return record(delegate.createSocket());
    }

    @Override
    public Socket createSocket(Socket s, String host, int port, boolean autoClose)
        throws IOException {
      return record(delegate.createSocket(s, host, port, autoClose));
    }

    @Override
    public Socket createSocket(String host, int port) throws IOException {
      return record(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(String host, int port, InetAddress local, int localPort)
        throws IOException {
      return record(delegate.createSocket(host, port, local, localPort));
    }

    @Override
    public Socket createSocket(InetAddress host, int port) throws IOException {
      return record(delegate.createSocket(host, port));
    }

    @Override
    public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort)
        throws IOException {
      return record(delegate.createSocket(host, port, local, localPort));
    }
  }
}
