/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Time that moves only when told: the sender's monotonic clock, wall clock and sleeper in one. A
 * sleep returns at once, records how long it was asked for, and moves time on by that much.
 */
public final class FakeTime extends Clock implements LongSupplier, Worker.Sleeper {

  public static final Instant START = Instant.parse("2025-01-01T00:00:00Z");

  private final AtomicLong nanos = new AtomicLong();
  private final List<Duration> sleeps = new CopyOnWriteArrayList<>();

  public void advance(Duration d) {
    nanos.addAndGet(d.toNanos());
  }

  /** The sleeps asked for, in order. */
  public List<Duration> sleeps() {
    return new ArrayList<>(sleeps);
  }

  @Override
  public long getAsLong() {
    return nanos.get();
  }

  @Override
  public void sleep(long n) {
    sleeps.add(Duration.ofNanos(n));
    nanos.addAndGet(n);
  }

  @Override
  public Instant instant() {
    return START.plusNanos(nanos.get());
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }
}
