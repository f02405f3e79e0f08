/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import org.junit.jupiter.api.Test;

/** An exception's text is cut when it is read, never copied whole. */
class ExceptionTextTest {

  @Test
  void aBoundedWriterKeepsOnlyTheStartOfAStackTrace() {
    ExceptionText.BoundedWriter out = new ExceptionText.BoundedWriter(10);
    new IllegalStateException("x".repeat(100)).printStackTrace(new PrintWriter(out));
    assertThat(out.toString()).isEqualTo("java.lang.");
  }

  @Test
  void cutKeepsShortTextAsItIsAndCutsLongTextToTheMaximum() {
    String exact = "y".repeat(ExceptionText.MAX);
    assertThat(ExceptionText.cut(null)).isNull();
    assertThat(ExceptionText.cut(exact)).isSameAs(exact);
    assertThat(ExceptionText.cut(exact + "z").length()).isLessThanOrEqualTo(ExceptionText.MAX);
  }
}
