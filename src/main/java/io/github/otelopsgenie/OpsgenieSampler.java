/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.rules.ExceptionRule;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Wraps the configured sampler so that sampling never hides a failure: a SERVER span (or a span the
 * helper starts for a handled exception) that the sampler would drop is recorded but not sampled
 * ({@code RECORD_ONLY}): the alerting processor sees it, exporters still skip it, and the trace
 * flags propagated downstream stay unsampled.
 */
final class OpsgenieSampler implements Sampler {

  private final Sampler delegate;

  OpsgenieSampler(Sampler delegate) {
    this.delegate = delegate;
  }

  @Override
  public SamplingResult shouldSample(
      Context parentContext,
      String traceId,
      String name,
      SpanKind spanKind,
      Attributes attributes,
      List<LinkData> parentLinks) {
    SamplingResult result =
        delegate.shouldSample(parentContext, traceId, name, spanKind, attributes, parentLinks);
    if (result.getDecision() != SamplingDecision.DROP
        || (spanKind != SpanKind.SERVER
            && !Boolean.TRUE.equals(attributes.get(ExceptionRule.MARKED)))) {
      return result;
    }
    return new RecordOnly(result);
  }

  @Override
  public String getDescription() {
    return "OpsgenieRecordServerSpans{" + delegate.getDescription() + "}";
  }

  @Override
  public String toString() {
    return getDescription();
  }

  Sampler delegate() {
    return delegate;
  }

  /** The dropped result, turned into record-only; keeps its attributes and trace state. */
  private static final class RecordOnly implements SamplingResult {
    private final SamplingResult dropped;

    RecordOnly(SamplingResult dropped) {
      this.dropped = dropped;
    }

    @Override
    public SamplingDecision getDecision() {
      return SamplingDecision.RECORD_ONLY;
    }

    @Override
    public Attributes getAttributes() {
      return dropped.getAttributes();
    }

    @Override
    public TraceState getUpdatedTraceState(TraceState parentTraceState) {
      return dropped.getUpdatedTraceState(parentTraceState);
    }
  }
}
