/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Opsgenie API on 127.0.0.1 for the measuring harnesses (not a benchmark): answers creates,
 * closes and notes 202, the key check and reads 404, and counts creates and their distinct aliases.
 * {@link #hold()} makes it take requests without answering them until {@link #release()}, so that a
 * sender's worker blocks on its request in flight and what it is given stays queued.
 */
final class LocalOpsgenie implements AutoCloseable {

  private static final Pattern ALIAS =
      Pattern.compile("\"alias\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"");

  private final HttpServer server;
  private final ExecutorService executor;
  private final AtomicInteger creates = new AtomicInteger();
  private final AtomicInteger held = new AtomicInteger();
  private final Set<String> aliases = ConcurrentHashMap.newKeySet();
  private volatile CountDownLatch gate;

  LocalOpsgenie() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
    executor =
        Executors.newCachedThreadPool(
            r -> {
              Thread t = new Thread(r, "local-opsgenie");
              t.setDaemon(true);
              return t;
            });
    server.setExecutor(executor);
    server.createContext("/", this::handle);
    server.start();
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** From now on, requests are taken but not answered until {@link #release()}. */
  void hold() {
    gate = new CountDownLatch(1);
  }

  /** Answers the held requests, and every later one at once. */
  void release() {
    CountDownLatch g = gate;
    gate = null;
    if (g != null) {
      g.countDown();
    }
  }

  /** Requests taken and not answered yet. */
  int held() {
    return held.get();
  }

  int creates() {
    return creates.get();
  }

  int distinctAliases() {
    return aliases.size();
  }

  /** Waits until {@code condition} holds, or the time is up; returns whether it held. */
  static boolean await(java.util.function.BooleanSupplier condition, long seconds)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(10);
    }
    return true;
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      byte[] body;
      try (InputStream in = exchange.getRequestBody()) {
        body = in.readAllBytes();
      }
      CountDownLatch g = gate;
      if (g != null) {
        held.incrementAndGet();
        try {
          g.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        } finally {
          held.decrementAndGet();
        }
      }
      String method = exchange.getRequestMethod();
      String path = exchange.getRequestURI().getRawPath();
      int status;
      if (method.equals("POST") && path.equals("/v2/alerts")) {
        creates.incrementAndGet();
        Matcher m = ALIAS.matcher(new String(body, StandardCharsets.UTF_8));
        if (m.find()) {
          aliases.add(m.group(1));
        }
        status = 202;
      } else if (method.equals("POST")) {
        status = 202;
      } else {
        status = 404;
      }
      byte[] answer =
          (status == 202
                  ? "{\"result\":\"Request will be processed\",\"took\":0.001,\"requestId\":\"local\"}"
                  : "{\"message\":\"Could not find the requested resource\",\"took\":0.001}")
              .getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(status, answer.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(answer);
      }
    } finally {
      exchange.close();
    }
  }

  @Override
  public void close() {
    release();
    server.stop(0);
    executor.shutdownNow();
  }
}
