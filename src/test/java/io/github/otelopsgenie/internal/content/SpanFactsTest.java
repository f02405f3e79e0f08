/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.content;

import static org.assertj.core.api.Assertions.assertThat;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.ReadWriteSpan;
import io.opentelemetry.sdk.trace.ReadableSpan;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.SpanLimits;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.EventData;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What a span says about its request, read when an alert is due: bounded whatever the span holds.
 */
class SpanFactsTest {

  private final List<ReadableSpan> ended = new ArrayList<>();
  private final SdkTracerProvider tracing =
      SdkTracerProvider.builder()
          .setSpanLimits(SpanLimits.builder().setMaxAttributeValueLength(Integer.MAX_VALUE).build())
          .addSpanProcessor(
              new SpanProcessor() {
                @Override
                public void onStart(Context parentContext, ReadWriteSpan span) {}

                @Override
                public boolean isStartRequired() {
                  return false;
                }

                @Override
                public void onEnd(ReadableSpan span) {
                  ended.add(span);
                }

                @Override
                public boolean isEndRequired() {
                  return true;
                }
              })
          .build();

  private ReadableSpan serverSpan(String route, String path, Throwable thrown) {
    Span span =
        tracing
            .get("t")
            .spanBuilder("GET")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("url.path", path)
            .startSpan();
    if (route != null) {
      span.setAttribute("http.route", route);
    }
    if (thrown != null) {
      span.recordException(thrown);
    }
    span.end();
    return ended.get(ended.size() - 1);
  }

  @Test
  void aMultiMegabyteExceptionMessageIsCutWhenRead() {
    String huge = "m".repeat(5_000_000);
    ReadableSpan span = serverSpan("/a", "/a", new IllegalStateException(huge));
    EventData event = span.toSpanData().getEvents().get(0);

    SpanFacts facts = SpanFacts.of(span, Collections.<SpanFacts.HeaderKey>emptyList(), event);

    assertThat(facts.exceptionMessage.length()).isLessThanOrEqualTo(ExceptionText.MAX);
    assertThat(facts.stackTrace.length()).isLessThanOrEqualTo(ExceptionText.MAX);
    assertThat(facts.stackTrace).startsWith("java.lang.IllegalStateException: mmm");
  }

  @Test
  void aSpanWithoutHttpRouteIsUnrouted() {
    SpanFacts routed =
        SpanFacts.of(
            serverSpan("/orders/{id}", "/orders/1", null),
            Collections.<SpanFacts.HeaderKey>emptyList(),
            null);
    SpanFacts unrouted =
        SpanFacts.of(
            serverSpan(null, "/orders/1", null),
            Collections.<SpanFacts.HeaderKey>emptyList(),
            null);
    assertThat(routed.routed).isTrue();
    assertThat(unrouted.routed).isFalse();
    assertThat(unrouted.route).as("still the path, for the alert's text").isEqualTo("/orders/1");
  }
}
