/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.premain.DeferredProcessor;
import io.github.otelopsgenie.internal.settings.InvalidSettingsException;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.github.otelopsgenie.internal.settings.SettingsRegistry;
import io.github.otelopsgenie.internal.settings.SettingsResult;
import io.github.otelopsgenie.internal.settings.SettingsSource;
import io.github.otelopsgenie.internal.startup.AgentVersionCheck;
import io.github.otelopsgenie.internal.startup.Misconfiguration;
import io.github.otelopsgenie.internal.util.AgentStart;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The customizers of one SDK build that keep state, one class for all (in the agent's {@code
 * premain} each class of ours costs about 1.5 ms, a lambda more): the resource, sampler and tracer
 * provider customizers ({@link #apply}, by the type of what it is given, which it returns or
 * replaces by one of the same type); under the agent also the deferred processor's build ({@link
 * #get()}). The settings are parsed once.
 */
final class CustomizerSetup
    implements BiFunction<Object, ConfigProperties, Object>, Supplier<SpanProcessor> {

  /** The provider's logger: its lines are the customizer's, whichever class writes them. */
  private static final Logger logger = Logger.getLogger(OpsgenieCustomizerProvider.class.getName());

  private volatile Resource resource;
  private final AtomicReference<SettingsResult> parsed = new AtomicReference<>();

  /** Under the agent: the sampler made before the settings were read, and their source. */
  private volatile OpsgenieSampler unsettled;

  private volatile ConfigProperties deferredConfig;

  /**
   * This setup as the customizer of one type: {@link #apply} gives back what it was given, or one
   * of the same type.
   */
  @SuppressWarnings("unchecked")
  static <T> BiFunction<T, ConfigProperties, T> as(CustomizerSetup setup) {
    return (BiFunction<T, ConfigProperties, T>) (BiFunction<?, ?, ?>) setup;
  }

  /** The resource (kept), sampler (wrapped) and tracer provider (our processor) customizers. */
  @Override
  public Object apply(Object customized, ConfigProperties config) {
    if (customized instanceof SdkTracerProviderBuilder) {
      return tracerProvider((SdkTracerProviderBuilder) customized, config);
    }
    if (customized instanceof Sampler) {
      return sampler((Sampler) customized, config);
    }
    if (customized instanceof Resource) {
      resource = (Resource) customized;
    }
    return customized;
  }

  /** The settings or their rejection, read once. */
  SettingsResult parse(ConfigProperties config) {
    SettingsResult result = parsed.get();
    if (result == null) {
      parsed.compareAndSet(null, SettingsResult.parse(SettingsSource.of(config), resource));
    }
    return parsed.get();
  }

  Sampler sampler(Sampler sampler, ConfigProperties config) {
    try {
      if (AgentStart.PROCESS.duringPremain()) {
        OpsgenieSampler wrapped = OpsgenieSampler.untilSettings(sampler);
        unsettled = wrapped;
        return wrapped;
      }
      OpsgenieSettings settings = parse(config).settings();
      if (settings != null) {
        if (settings.enabled && settings.recordServerSpans) {
          return OpsgenieSampler.forRules(sampler, settings);
        }
      }
    } catch (Throwable t) {
      logger.log(Level.WARNING, "otel-opsgenie could not wrap the sampler", t);
    }
    return sampler;
  }

  SdkTracerProviderBuilder tracerProvider(
      SdkTracerProviderBuilder builder, ConfigProperties config) {
    try {
      if (AgentStart.PROCESS.duringPremain()) {
        deferredConfig = config;
        return builder.addSpanProcessor(new DeferredProcessor(this));
      }
      SpanProcessor processor = processor(config);
      return processor != null ? builder.addSpanProcessor(processor) : builder;
    } catch (Throwable t) {
      logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
      return builder;
    }
  }

  /** The deferred processor's build, after the agent's premain: as {@link #processor}. */
  @Override
  public SpanProcessor get() {
    SpanProcessor processor = null;
    try {
      processor = processor(deferredConfig);
    } catch (Throwable t) {
      logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
    } finally {
      OpsgenieSampler sampler = unsettled;
      if (sampler != null) {
        OpsgenieSettings settings = processor != null ? parsed.get().settings() : null;
        sampler.settle(settings != null && settings.recordServerSpans ? settings : null);
      }
    }
    return processor;
  }

  /**
   * Reads and checks the settings (once), logs the startup lines and builds our processor; null
   * when it stays out (settings rejected: one SEVERE line and the misconfiguration alert; or
   * disabled).
   */
  private SpanProcessor processor(ConfigProperties config) {
    SettingsResult result = parse(config);
    if (!result.isAccepted()) {
      reject(result.rejection());
      return null;
    }
    OpsgenieSettings settings = result.settings();
    for (String unknown :
        OpsgenieCustomizerProvider.unknownKeys(
            System.getProperties(), System.getenv(), policyNames(settings))) {
      logger.warning(
          "otel-opsgenie: unknown setting "
              + unknown
              + " is ignored; known settings are "
              + SettingsSource.PREFIX
              + "{"
              + String.join(", ", SettingsRegistry.keys())
              + "}");
    }
    if (!settings.enabled) {
      logger.info("otel-opsgenie is disabled (otel.opsgenie.enabled=false)");
      return null;
    }
    AgentVersionCheck.warnIfUnsupported();
    return AlertingSpanProcessor.create(settings);
  }

  private void reject(InvalidSettingsException e) {
    logger.severe(
        "otel-opsgenie alerting is OFF: "
            + e.getMessage()
            + ". The service and its tracing run normally.");
    Misconfiguration.report(e, resource);
  }

  private static Set<String> policyNames(OpsgenieSettings settings) {
    Set<String> names = new LinkedHashSet<>();
    for (Policy policy : settings.policies) {
      names.add(policy.name);
    }
    return names;
  }
}
