/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.otelopsgenie.internal.alert.AlertType;
import io.github.otelopsgenie.internal.alert.OpsgenieAlert;
import io.github.otelopsgenie.internal.rules.ExceptionRule;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.TestSettings;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.TraceFlags;
import io.opentelemetry.api.trace.TraceState;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.testing.time.TestClock;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.LinkData;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import io.opentelemetry.sdk.trace.samplers.SamplingDecision;
import io.opentelemetry.sdk.trace.samplers.SamplingResult;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The sampler wrapper keeps every span an enabled rule reads (issue 27, item 7): its decision per
 * kind, rule and parent; then, through a real SDK whose sampler samples nothing ({@code
 * parentbased_traceidratio} at ratio 0), a failing job, a poisoned message, a failing dependency
 * and a 500 each alert while the exporter receives nothing.
 */
class OpsgenieSamplerTest {

  private static final String TRACE_ID = "0af7651916cd43dd8448eb211c80319c";
  private static final Sampler RATIO_0 = Sampler.parentBased(Sampler.traceIdRatioBased(0));

  private final TestClock clock = TestClock.create();
  private final RecordingSink sink = new RecordingSink();
  private final InMemorySpanExporter exporter = InMemorySpanExporter.create();
  private SdkTracerProvider provider;

  @AfterEach
  void tearDown() {
    if (provider != null) {
      provider.shutdown().join(5, TimeUnit.SECONDS);
    }
  }

  private static Context parent(String parent) {
    switch (parent) {
      case "none":
        return Context.root();
      case "sampled":
        return Context.root().with(Span.wrap(spanContext(TraceFlags.getSampled(), false)));
      case "unsampled":
        return Context.root().with(Span.wrap(spanContext(TraceFlags.getDefault(), false)));
      case "remote-unsampled":
        return Context.root().with(Span.wrap(spanContext(TraceFlags.getDefault(), true)));
      case "record-only":
        // a real record-only span: a server span the wrapper kept though the sampler dropped it
        Span server =
            SdkTracerProvider.builder()
                .setSampler(new OpsgenieSampler(RATIO_0))
                .build()
                .get("t")
                .spanBuilder("GET /pay")
                .setSpanKind(SpanKind.SERVER)
                .setNoParent()
                .startSpan();
        assertThat(server.isRecording()).isTrue();
        assertThat(server.getSpanContext().isSampled()).isFalse();
        return Context.root().with(server);
      default:
        throw new IllegalArgumentException(parent);
    }
  }

  private static SpanContext spanContext(TraceFlags flags, boolean remote) {
    return remote
        ? SpanContext.createFromRemoteParent(
            TRACE_ID, "b7ad6b7169203331", flags, TraceState.getDefault())
        : SpanContext.create(TRACE_ID, "b7ad6b7169203331", flags, TraceState.getDefault());
  }

  private static SamplingResult decide(
      Sampler sampler, String parent, SpanKind kind, Attributes attributes) {
    return sampler.shouldSample(
        parent(parent), TRACE_ID, "span", kind, attributes, Collections.<LinkData>emptyList());
  }

  /**
   * kind, parent, which rules are on (consumers, jobs, dependencies), then the decision: the
   * delegate's when it samples, RECORD_ONLY for what a rule reads, else DROP.
   */
  @ParameterizedTest(name = "{0} under {1}, consumers={2} jobs={3} clients={4} -> {5}")
  @CsvSource({
    // a sampled parent: the delegate's decision, whatever the rules
    "SERVER,   sampled,          false, false, false, RECORD_AND_SAMPLE",
    "CLIENT,   sampled,          true,  true,  true,  RECORD_AND_SAMPLE",
    "INTERNAL, sampled,          true,  true,  true,  RECORD_AND_SAMPLE",
    // server spans: always kept
    "SERVER,   none,             false, false, false, RECORD_ONLY",
    "SERVER,   remote-unsampled, false, false, false, RECORD_ONLY",
    // consumer spans: kept when consumer alerts are on
    "CONSUMER, remote-unsampled, true,  false, false, RECORD_ONLY",
    "CONSUMER, none,             true,  false, false, RECORD_ONLY",
    "CONSUMER, record-only,      true,  false, false, RECORD_ONLY",
    "CONSUMER, remote-unsampled, false, true,  true,  DROP",
    // job runs: root INTERNAL spans, kept when job alerts are on
    "INTERNAL, none,             false, true,  false, RECORD_ONLY",
    "INTERNAL, none,             true,  false, true,  DROP",
    // INTERNAL spans with a parent (sampled or not) are never job runs
    "INTERNAL, unsampled,        true,  true,  true,  DROP",
    "INTERNAL, record-only,      true,  true,  true,  DROP",
    "INTERNAL, remote-unsampled, true,  true,  true,  DROP",
    // client spans: kept when the dependency rule is on, also under a record-only server span
    "CLIENT,   record-only,      false, false, true,  RECORD_ONLY",
    "CLIENT,   unsampled,        false, false, true,  RECORD_ONLY",
    "CLIENT,   none,             false, false, true,  RECORD_ONLY",
    "CLIENT,   record-only,      true,  true,  false, DROP",
    // producer spans: no rule reads them
    "PRODUCER, record-only,      true,  true,  true,  DROP",
  })
  void keepsWhatAnEnabledRuleReads(
      SpanKind kind,
      String parent,
      boolean consumers,
      boolean jobs,
      boolean clients,
      SamplingDecision expected) {
    Sampler sampler = new OpsgenieSampler(RATIO_0, consumers, jobs, clients);
    SamplingResult result = decide(sampler, parent, kind, Attributes.empty());
    assertThat(result.getDecision()).isEqualTo(expected);
    if (expected == SamplingDecision.RECORD_ONLY) {
      // the SDK's own result: nothing allocated per span
      assertThat(result).isSameAs(SamplingResult.recordOnly());
    } else {
      assertThat(result).isSameAs(decide(RATIO_0, parent, kind, Attributes.empty()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"INTERNAL", "PRODUCER", "CLIENT", "CONSUMER"})
  void aSpanTheHelperMarkedIsKeptWhateverItsKind(SpanKind kind) {
    Sampler sampler = new OpsgenieSampler(RATIO_0, false, false, false);
    assertThat(
            decide(sampler, "unsampled", kind, Attributes.of(ExceptionRule.MARKED, true))
                .getDecision())
        .isEqualTo(SamplingDecision.RECORD_ONLY);
    assertThat(decide(sampler, "unsampled", kind, Attributes.empty()).getDecision())
        .isEqualTo(SamplingDecision.DROP);
  }

  @Test
  void aDropThatCarriesAttributesOrTraceStateKeepsThem() {
    Attributes extra = Attributes.of(AttributeKey.stringKey("sampler.note"), "x");
    SamplingResult custom =
        new SamplingResult() {
          @Override
          public SamplingDecision getDecision() {
            return SamplingDecision.DROP;
          }

          @Override
          public Attributes getAttributes() {
            return extra;
          }

          @Override
          public TraceState getUpdatedTraceState(TraceState parentTraceState) {
            return parentTraceState.toBuilder().put("ot", "th:0").build();
          }
        };
    Sampler delegate =
        new Sampler() {
          @Override
          public SamplingResult shouldSample(
              Context c, String t, String n, SpanKind k, Attributes a, List<LinkData> l) {
            return custom;
          }

          @Override
          public String getDescription() {
            return "Custom";
          }
        };
    SamplingResult result =
        decide(new OpsgenieSampler(delegate, true, true, true), "none", SpanKind.SERVER, extra);
    assertThat(result.getDecision()).isEqualTo(SamplingDecision.RECORD_ONLY);
    assertThat(result.getAttributes()).isEqualTo(extra);
    assertThat(result.getUpdatedTraceState(TraceState.getDefault()).get("ot")).isEqualTo("th:0");
  }

  @Test
  void theRulesOfTheSettingsSayWhatIsKept() {
    assertThat(OpsgenieSampler.forRules(RATIO_0, TestSettings.of()).getDescription())
        .isEqualTo(
            "OpsgenieRecordSpans{ParentBased{root:TraceIdRatioBased{0.000000},"
                + "remoteParentSampled:AlwaysOnSampler,remoteParentNotSampled:AlwaysOffSampler,"
                + "localParentSampled:AlwaysOnSampler,localParentNotSampled:AlwaysOffSampler};"
                + " SERVER, CONSUMER, INTERNAL roots, marked}");
    OpsgenieSettings allOff = TestSettings.of("alert.jobs", "false", "alert.consumers", "false");
    Sampler off = OpsgenieSampler.forRules(RATIO_0, allOff);
    for (SpanKind kind : new SpanKind[] {SpanKind.CONSUMER, SpanKind.INTERNAL, SpanKind.CLIENT}) {
      assertThat(decide(off, "none", kind, Attributes.empty()).getDecision())
          .as("%s with its rule off", kind)
          .isEqualTo(SamplingDecision.DROP);
    }
    Sampler on = OpsgenieSampler.forRules(RATIO_0, TestSettings.of("dependency.error.rate", "50%"));
    for (SpanKind kind : new SpanKind[] {SpanKind.CONSUMER, SpanKind.INTERNAL, SpanKind.CLIENT}) {
      assertThat(decide(on, "none", kind, Attributes.empty()).getDecision())
          .as("%s with its rule on", kind)
          .isEqualTo(SamplingDecision.RECORD_ONLY);
    }
  }

  /**
   * Issue 30: under the agent the sampler is made before the settings are read; until then it keeps
   * every kind a rule may read, then what the settings' rules read, or nothing (the delegate's
   * decision, the same result object) when ours stays out.
   */
  @Test
  void beforeTheSettingsEveryKindARuleMayReadIsKeptThenWhatTheyRead() {
    OpsgenieSampler sampler = OpsgenieSampler.untilSettings(RATIO_0);
    SpanKind[] kinds = {SpanKind.SERVER, SpanKind.CONSUMER, SpanKind.INTERNAL, SpanKind.CLIENT};
    for (SpanKind kind : kinds) {
      assertThat(decide(sampler, "none", kind, Attributes.empty()).getDecision())
          .as("%s before the settings", kind)
          .isEqualTo(SamplingDecision.RECORD_ONLY);
    }
    // an INTERNAL span with a parent is never a job run's
    assertThat(decide(sampler, "unsampled", SpanKind.INTERNAL, Attributes.empty()).getDecision())
        .isEqualTo(SamplingDecision.DROP);

    sampler.settle(TestSettings.of("alert.jobs", "false", "alert.consumers", "false"));
    assertThat(decide(sampler, "none", SpanKind.SERVER, Attributes.empty()).getDecision())
        .isEqualTo(SamplingDecision.RECORD_ONLY);
    for (SpanKind kind : new SpanKind[] {SpanKind.CONSUMER, SpanKind.INTERNAL, SpanKind.CLIENT}) {
      assertThat(decide(sampler, "none", kind, Attributes.empty()).getDecision())
          .as("%s with its rule off", kind)
          .isEqualTo(SamplingDecision.DROP);
    }

    OpsgenieSampler out = OpsgenieSampler.untilSettings(RATIO_0);
    out.settle(null);
    for (SpanKind kind : kinds) {
      assertThat(decide(out, "none", kind, Attributes.of(ExceptionRule.MARKED, true)))
          .as("%s, ours out", kind)
          .isSameAs(decide(RATIO_0, "none", kind, Attributes.empty()));
    }
    assertThat(out.getDescription()).endsWith("; none}");
  }

  /**
   * Under a sampler that samples nothing, every rule still sees its spans: a failing scheduled job,
   * a message the consumer failed on (its producer unsampled), calls to a failing dependency made
   * by unsampled requests, and a 500; and the exporter receives none of these spans.
   */
  @Test
  void atRatioZeroEveryRuleAlertsAndNothingIsExported() {
    OpsgenieSettings settings =
        TestSettings.of(
            "alert.status.codes",
            "500",
            "alert.cooldown",
            "0",
            "dependency.error.rate",
            "50%",
            "dependency.min.requests",
            "3");
    AlertingSpanProcessor processor = new AlertingSpanProcessor(settings, sink, clock, false);
    provider =
        SdkTracerProvider.builder()
            .setClock(clock)
            .setSampler(OpsgenieSampler.forRules(RATIO_0, settings))
            .addSpanProcessor(BatchSpanProcessor.builder(exporter).build())
            .addSpanProcessor(SimpleSpanProcessor.create(exporter))
            .addSpanProcessor(processor)
            .build();

    // a @Scheduled run, the root of its trace, as spring-scheduling records it
    Span job =
        tracer(JobAlertsTest.SPRING_SCHEDULING)
            .spanBuilder("ReportJob.nightly")
            .setSpanKind(SpanKind.INTERNAL)
            .setAttribute("code.namespace", "com.example.ReportJob")
            .setAttribute("code.function", "nightly")
            .startSpan();
    job.recordException(new IllegalStateException("partition 7 unreadable"));
    job.setStatus(StatusCode.ERROR);
    end(job);

    // a Kafka message whose producer was not sampled
    Span consumer =
        tracer("io.opentelemetry.spring-kafka-2.7")
            .spanBuilder("order-events process")
            .setParent(parent("remote-unsampled"))
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", "order-events")
            .setAttribute("messaging.operation", "process")
            .startSpan();
    consumer.recordException(new IllegalArgumentException("unreadable order event poison-7"));
    consumer.setStatus(StatusCode.ERROR);
    end(consumer);

    // unsampled requests that each call a refusing dependency
    for (int i = 0; i < 3; i++) {
      Span server =
          tracer("io.opentelemetry.tomcat-10.0")
              .spanBuilder("GET /pay/{order}")
              .setParent(parent("remote-unsampled"))
              .setSpanKind(SpanKind.SERVER)
              .setAttribute("http.request.method", "GET")
              .setAttribute("http.route", "/pay/{order}")
              .setAttribute("http.response.status_code", 200L)
              .startSpan();
      try (Scope ignored = server.makeCurrent()) {
        Span call =
            tracer("io.opentelemetry.java-http-client")
                .spanBuilder("GET")
                .setSpanKind(SpanKind.CLIENT)
                .setAttribute("server.address", "127.0.0.1")
                .setAttribute("server.port", 8089L)
                .setAttribute("http.request.method", "GET")
                .startSpan();
        call.setAttribute("error.type", "java.net.ConnectException");
        call.setStatus(StatusCode.ERROR);
        end(call);
      }
      end(server);
    }

    // an unsampled request that answers 500
    Span failing =
        tracer("io.opentelemetry.tomcat-10.0")
            .spanBuilder("GET /status/{code}")
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", "GET")
            .setAttribute("http.route", "/status/{code}")
            .setAttribute("http.response.status_code", 500L)
            .startSpan();
    end(failing);

    assertThat(sink.alerts)
        .extracting(OpsgenieAlert::getType)
        .containsExactlyInAnyOrder(
            AlertType.JOB, AlertType.CONSUMER, AlertType.DEPENDENCY, AlertType.STATUS);
    assertThat(provider.forceFlush().join(5, TimeUnit.SECONDS).isSuccess()).isTrue();
    assertThat(exporter.getFinishedSpanItems()).as("exported spans").isEmpty();
  }

  private Tracer tracer(String scope) {
    return provider.tracerBuilder(scope).setInstrumentationVersion("2.33.1-alpha").build();
  }

  private void end(Span span) {
    clock.advance(Duration.ofMillis(5));
    span.end();
  }
}
