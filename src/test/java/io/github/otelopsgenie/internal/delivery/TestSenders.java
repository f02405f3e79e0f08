/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.net.URI;

/** Senders for the tests of other packages (admission's storm control): on a {@link FakeTime}. */
public final class TestSenders {

  private TestSenders() {}

  /** A sender's builder whose clocks and sleeps are {@code time}'s, without jitter. */
  public static AlertSenderBuilder onTime(URI apiBase, String key, FakeTime time) {
    return AlertSender.builder()
        .setApiBase(apiBase)
        .setApiKey(key)
        .setNanoTime(time)
        .setClock(time)
        .setSleeper(time)
        .setJitter(() -> 0);
  }

  /** A sender's builder on the system's clocks. */
  public static AlertSenderBuilder real(URI apiBase, String key) {
    return AlertSender.builder().setApiBase(apiBase).setApiKey(key);
  }

  /** {@code builder} with {@code maxAttempts} per item. */
  public static AlertSenderBuilder maxAttempts(AlertSenderBuilder builder, int maxAttempts) {
    return builder.setMaxAttempts(maxAttempts);
  }

  /** Alerts Opsgenie accepted. */
  public static long sent(AlertSender sender) {
    return sender.metrics().sent.get();
  }

  /** Alerts and notes dropped. */
  public static long dropped(AlertSender sender) {
    return sender.metrics().dropped.get();
  }

  /** Notes Opsgenie accepted. */
  public static long noted(AlertSender sender) {
    return sender.metrics().noted.get();
  }

  /** What the sender counts as suppressed (what the storm gate attached to it held back). */
  public static long suppressed(AlertSender sender) {
    return sender.metrics().suppressed();
  }
}
