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
 * result (both the SDK's constants, read through its static methods when a span is sampled, so that
 * making the sampler in the agent's {@code premain} loads none of the SDK's result classes); only a
 * delegate's drop that carries attributes or a trace state is wrapped.
 *
 * <p>Under the agent the settings are read after its {@code premain} (issue 30: {@code
 * DeferredProcessor}), so the sampler is made before they are known ({@link #untilSettings}): until
 * {@link #settle} it keeps every kind a rule may read; then what the settings' rules read, or
 * nothing at all when our processor stays out (the delegate's decision, as without the wrapper).
 */
final class OpsgenieSampler implements Sampler {

  private static final int SERVER = 1;
  private static final int CONSUMERS = 2;
  private static final int JOB_ROOTS = 4;
  private static final int CLIENTS = 8;
  private static final int ALL = SERVER | CONSUMERS | JOB_ROOTS | CLIENTS;

  private final Sampler delegate;

  /**
   * The kinds kept (bits above; SERVER with any other, marked spans with SERVER); 0 passes the
   * delegate's decision through. Changes once at most, from {@link #untilSettings}'s ALL.
   */
  private volatile int kinds;

  /** Records only the SERVER spans and marked spans the delegate drops. */
  OpsgenieSampler(Sampler delegate) {
    this(delegate, false, false, false);
  }

  /** Records the SERVER spans and marked spans the delegate drops, and the kinds switched on. */
  OpsgenieSampler(Sampler delegate, boolean consumers, boolean jobRoots, boolean clients) {
    this(delegate, kinds(consumers, jobRoots, clients));
  }

  private OpsgenieSampler(Sampler delegate, int kinds) {
    this.delegate = delegate;
    this.kinds = kinds;
  }

  private static int kinds(boolean consumers, boolean jobRoots, boolean clients) {
    return SERVER
        | (consumers ? CONSUMERS : 0)
        | (jobRoots ? JOB_ROOTS : 0)
        | (clients ? CLIENTS : 0);
  }

  /** Before the settings are read: keeps every kind a rule may read until {@link #settle}. */
  static OpsgenieSampler untilSettings(Sampler delegate) {
    return new OpsgenieSampler(delegate, ALL);
  }

  /**
   * The settings are read: keeps what their rules read, or, given null (our processor stays out:
   * settings rejected or disabled, or {@code sampling.record.server.spans} off), nothing.
   */
  void settle(OpsgenieSettings settings) {
    kinds =
        settings == null
            ? 0
            : kinds(settings.alertConsumers, settings.alertJobs, settings.dependencyErrorRate > 0);
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
    if (result.getDecision() != SamplingDecision.DROP) {
      return result;
    }
    int kept = kinds;
    if (kept == 0 || !records(kept, parentContext, spanKind, attributes)) {
      return result;
    }
    return result == SamplingResult.drop() ? SamplingResult.recordOnly() : RecordOnly.of(result);
  }

  /** True when a rule reads a span of this kind, parent and start attributes. */
  private static boolean records(
      int kept, Context parentContext, SpanKind kind, Attributes attributes) {
    if (kind == SpanKind.SERVER
        || (kind == SpanKind.CONSUMER && (kept & CONSUMERS) != 0)
        || (kind == SpanKind.CLIENT && (kept & CLIENTS) != 0)
        || (kind == SpanKind.INTERNAL && (kept & JOB_ROOTS) != 0 && isRoot(parentContext))) {
      return true;
    }
    return Boolean.TRUE.equals(attributes.get(ExceptionRule.MARKED));
  }

  private static boolean isRoot(Context parentContext) {
    return parentContext == null || !Span.fromContext(parentContext).getSpanContext().isValid();
  }

  @Override
  public String getDescription() {
    int kept = kinds;
    if (kept == 0) {
      return "OpsgenieRecordSpans{" + delegate.getDescription() + "; none}";
    }
    return "OpsgenieRecordSpans{"
        + delegate.getDescription()
        + "; SERVER"
        + ((kept & CONSUMERS) != 0 ? ", CONSUMER" : "")
        + ((kept & JOB_ROOTS) != 0 ? ", INTERNAL roots" : "")
        + ((kept & CLIENTS) != 0 ? ", CLIENT" : "")
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

    private RecordOnly(SamplingResult dropped) {
      this.dropped = dropped;
    }

    /** Here rather than in the sampler, whose verification would then load the SDK's interface. */
    static SamplingResult of(SamplingResult dropped) {
      return new RecordOnly(dropped);
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
