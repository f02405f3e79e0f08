/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.context.Context;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.util.List;

/**
 * Wraps the configured sampler so that sampling never hides a failure: a span that an enabled rule
 * reads and that the sampler would drop is recorded but not sampled ({@code RECORD_ONLY}): the
 * alerting processor sees it, exporters still skip it, and the trace flags propagated downstream
 * stay unsampled. What a sampler knows of a span is its kind, name, start attributes and parent;
 * the spans kept are:
 *
 * <ul>
 *   <li>every SERVER span (HTTP and gRPC request rules);
 *   <li>every CONSUMER span, when consumer alerts are on (a message whose producer was not
 *       sampled);
 *   <li>every INTERNAL span without a valid parent, when job alerts are on: the run of a scheduled
 *       job ({@code @Scheduled}, Quartz, ...) is the root of its trace. The sampler cannot see the
 *       instrumentation scope that tells a job run (the processor checks it), so other root
 *       INTERNAL spans are recorded too; INTERNAL spans with a parent (nearly all of them) are not;
 *   <li>every CLIENT span, when the failing-dependency rule is on (its windows count every call);
 *   <li>any span the helper marked for a handled exception.
 * </ul>
 *
 * <p>The decision allocates nothing: the SDK's own drop result becomes the SDK's own record-only
 * result; only a delegate's drop that carries attributes or a trace state is wrapped.
 */
final class OpsgenieSampler implements Sampler {

  private static final SamplingResult DROP = SamplingResult.drop();
  private static final SamplingResult RECORD_ONLY = SamplingResult.recordOnly();

  private final Sampler delegate;
  private final boolean consumers;
  private final boolean jobRoots;
  private final boolean clients;

  /** Records only the SERVER spans and marked spans the delegate drops. */
  OpsgenieSampler(Sampler delegate) {
    this(delegate, false, false, false);
  }

  /** Records the SERVER spans and marked spans the delegate drops, and the kinds switched on. */
  OpsgenieSampler(Sampler delegate, boolean consumers, boolean jobRoots, boolean clients) {
    this.delegate = delegate;
    this.consumers = consumers;
    this.jobRoots = jobRoots;
    this.clients = clients;
  }

  /** Records what the enabled rules of these settings read. */
  static OpsgenieSampler forRules(Sampler delegate, OpsgenieSettings settings) {
    return new OpsgenieSampler(
        delegate, settings.alertConsumers, settings.alertJobs, settings.dependencyErrorRate > 0);
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
        || !records(parentContext, spanKind, attributes)) {
      return result;
    }
    return result == DROP ? RECORD_ONLY : new RecordOnly(result);
  }

  /** True when a rule reads a span of this kind, parent and start attributes. */
  private boolean records(Context parentContext, SpanKind kind, Attributes attributes) {
    if (kind == SpanKind.SERVER
        || (kind == SpanKind.CONSUMER && consumers)
        || (kind == SpanKind.CLIENT && clients)
        || (kind == SpanKind.INTERNAL && jobRoots && isRoot(parentContext))) {
      return true;
    }
    return Boolean.TRUE.equals(attributes.get(ExceptionRule.MARKED));
  }

  private static boolean isRoot(Context parentContext) {
    return parentContext == null || !Span.fromContext(parentContext).getSpanContext().isValid();
  }

  @Override
  public String getDescription() {
    return "OpsgenieRecordSpans{"
        + delegate.getDescription()
        + "; SERVER"
        + (consumers ? ", CONSUMER" : "")
        + (jobRoots ? ", INTERNAL roots" : "")
        + (clients ? ", CLIENT" : "")
        + ", marked}";
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
