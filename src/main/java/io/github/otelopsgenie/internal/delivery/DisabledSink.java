/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.opentelemetry.sdk.common.CompletableResultCode;
import java.util.function.Supplier;

/** The sink of a processor built with {@code enabled=false}: it is never offered anything. */
public final class DisabledSink implements AlertSink {

  public static final DisabledSink INSTANCE = new DisabledSink();

  private DisabledSink() {}

  @Override
  public boolean enqueue(String alias, Supplier<OpsgenieAlert> build) {
    return false;
  }

  @Override
  public boolean close(String alias, String note, CloseOutcome outcome) {
    return false;
  }

  @Override
  public boolean note(String alias, String text) {
    return false;
  }

  @Override
  public CompletableResultCode forceFlush() {
    return CompletableResultCode.ofSuccess();
  }

  @Override
  public CompletableResultCode shutdown() {
    return CompletableResultCode.ofSuccess();
  }
}
