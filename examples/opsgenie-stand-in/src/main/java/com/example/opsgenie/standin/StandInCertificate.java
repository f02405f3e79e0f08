package com.example.opsgenie.standin;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * A self-signed certificate for {@code 127.0.0.1} and {@code localhost}, made for one run by the
 * JDK's own {@code keytool} (RSA 2048, as public API front ends use), so that the stand-in can
 * serve HTTPS as Opsgenie does: the key store it serves from ({@link #serverContext()}), and a
 * trust store that holds only the certificate, for the service's {@code javax.net.ssl.trustStore}
 * ({@link #trustStoreProperties()}). The default hostname check of the JDK's HTTPS client passes:
 * the certificate names the loopback address as a subject alternative name.
 */
public final class StandInCertificate {

  private static final String ALIAS = "opsgenie-stand-in";

  private final Path keyStore;
  private final Path trustStore;
  private final String password;

  private StandInCertificate(Path keyStore, Path trustStore, String password) {
    this.keyStore = keyStore;
    this.trustStore = trustStore;
    this.password = password;
  }

  /** Makes a fresh key pair and certificate in {@code dir} (created if missing). */
  public static StandInCertificate create(Path dir) throws IOException, InterruptedException {
    Files.createDirectories(dir);
    Path keyStore = dir.resolve("stand-in-key.p12");
    Path certificate = dir.resolve("stand-in.crt");
    Path trustStore = dir.resolve("stand-in-trust.p12");
    for (Path p : List.of(keyStore, certificate, trustStore)) {
      Files.deleteIfExists(p);
    }
    byte[] random = new byte[12];
    new SecureRandom().nextBytes(random);
    StringBuilder password = new StringBuilder();
    for (byte b : random) {
      password.append(String.format("%02x", b));
    }
    String pw = password.toString();
    keytool(
        "-genkeypair",
        "-alias",
        ALIAS,
        "-keyalg",
        "RSA",
        "-keysize",
        "2048",
        "-validity",
        "7",
        "-dname",
        "CN=localhost",
        "-ext",
        "SAN=IP:127.0.0.1,DNS:localhost",
        "-storetype",
        "PKCS12",
        "-keystore",
        keyStore.toString(),
        "-storepass",
        pw,
        "-keypass",
        pw);
    keytool(
        "-exportcert",
        "-rfc",
        "-alias",
        ALIAS,
        "-keystore",
        keyStore.toString(),
        "-storepass",
        pw,
        "-file",
        certificate.toString());
    keytool(
        "-importcert",
        "-noprompt",
        "-alias",
        ALIAS,
        "-file",
        certificate.toString(),
        "-storetype",
        "PKCS12",
        "-keystore",
        trustStore.toString(),
        "-storepass",
        pw);
    return new StandInCertificate(keyStore, trustStore, pw);
  }

  /** The server side: a TLS context that presents this certificate. */
  public SSLContext serverContext() throws IOException {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      KeyManagerFactory keys =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      keys.init(store, password.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(keys.getKeyManagers(), null, null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("the stand-in's key store " + keyStore + " is unusable", e);
    }
  }

  /** A client side that trusts this certificate and nothing else. */
  public SSLContext clientContext() throws IOException {
    try (InputStream in = Files.newInputStream(trustStore)) {
      KeyStore store = KeyStore.getInstance("PKCS12");
      store.load(in, password.toCharArray());
      TrustManagerFactory trust =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      trust.init(store);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, trust.getTrustManagers(), null);
      return context;
    } catch (GeneralSecurityException e) {
      throw new IOException("the stand-in's trust store " + trustStore + " is unusable", e);
    }
  }

  /**
   * The system properties that make a client JVM trust this certificate (and nothing else): {@code
   * javax.net.ssl.trustStore}, its password and its type.
   */
  public Map<String, String> trustStoreProperties() {
    Map<String, String> properties = new LinkedHashMap<>();
    properties.put("javax.net.ssl.trustStore", trustStore.toAbsolutePath().toString());
    properties.put("javax.net.ssl.trustStorePassword", password);
    properties.put("javax.net.ssl.trustStoreType", "PKCS12");
    return properties;
  }

  private static void keytool(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "keytool").toString());
    command.addAll(List.of(args));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
      process.destroyForcibly();
      throw new IOException(
          "keytool " + args[0] + " failed: " + new String(output, StandardCharsets.UTF_8).trim());
    }
  }
}
