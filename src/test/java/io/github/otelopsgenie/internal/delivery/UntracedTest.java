/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.opentelemetry.api.impl.InstrumentationUtil;
import io.opentelemetry.context.Context;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class UntracedTest {

  @Test
  void theTaskRunsOnceWithInstrumentationSuppressed() {
    AtomicInteger runs = new AtomicInteger();
    boolean[] suppressed = new boolean[1];

    Untraced.wrap(
            () -> {
              runs.incrementAndGet();
              suppressed[0] = InstrumentationUtil.shouldSuppressInstrumentation(Context.current());
            })
        .run();

    assertThat(runs).hasValue(1);
    assertThat(suppressed[0]).isTrue();
    assertThat(InstrumentationUtil.shouldSuppressInstrumentation(Context.current())).isFalse();
  }

  @Test
  void aLinkageErrorOfTheTaskIsItsOwnAndTheTaskIsNotRunAgain() {
    AtomicInteger runs = new AtomicInteger();
    Runnable wrapped =
        Untraced.wrap(
            () -> {
              runs.incrementAndGet();
              throw new NoClassDefFoundError("of the task");
            });

    assertThatThrownBy(wrapped::run).isInstanceOf(NoClassDefFoundError.class);
    assertThat(runs).hasValue(1);
  }
}
