/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.premain.DeferredProcessor;
import io.github.otelopsgenie.internal.settings.InvalidSettingsException;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.PolicySettings;
import io.github.otelopsgenie.internal.settings.RequestRuleSettings;
import io.github.otelopsgenie.internal.settings.SettingsRegistry;
import io.github.otelopsgenie.internal.settings.SettingsResult;
import io.github.otelopsgenie.internal.settings.SettingsSource;
import io.github.otelopsgenie.internal.startup.Misconfiguration;
import io.github.otelopsgenie.internal.util.AgentStart;
import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.SpanProcessor;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Declarative configuration ({@code OTEL_CONFIG_FILE}): the processor under {@code
 * tracer_provider.processors} as {@code opsgenie/development}, with the flat keys in snake_case and
 * rule lists as YAML lists. In that mode the SDK never calls customizer providers, so this path
 * depends on none. A rejected configuration leaves a no-op processor, one SEVERE line and one
 * misconfiguration alert, as with flat properties.
 *
 * <p>Under the agent (issue 30) the SDK is built in its {@code premain}: there the SDK is given a
 * {@link DeferredProcessor}, and the block is read and checked and the processor built after it, as
 * on the flat-properties path ({@link DeferredBuild}); the sampler wrapper ({@link
 * OpsgenieSamplerComponentProvider}) reads its own block at once. Without the agent the processor
 * is built here.
 */
public final class OpsgenieComponentProvider implements ComponentProvider {

  private static final Logger logger = Logger.getLogger(OpsgenieComponentProvider.class.getName());

  static final String NAME = "opsgenie/development";

  @Override
  public Class<SpanProcessor> getType() {
    return SpanProcessor.class;
  }

  @Override
  public String getName() {
    return NAME;
  }

  private static String policyKeys() {
    List<String> keys = new java.util.ArrayList<>();
    for (io.github.otelopsgenie.internal.settings.Setting<?> s : PolicySettings.all()) {
      keys.add(s.yamlKey());
    }
    return String.join(", ", keys);
  }

  /** Keys of the YAML block that are no setting (snake_case forms of the flat keys). */
  static Set<String> unknownKeys(Set<String> keys) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String key : keys) {
      if (!SettingsRegistry.keys().contains(key.replace('_', '.'))) {
        unknown.add(key);
      }
    }
    return unknown;
  }

  /** Keys of one {@code policies:} entry that are neither {@code name} nor a policy setting. */
  static Set<String> unknownPolicyKeys(Set<String> keys) {
    Set<String> unknown = new LinkedHashSet<>();
    for (String key : keys) {
      if (!key.equals("name") && PolicySettings.find(key.replace('_', '.')) == null) {
        unknown.add(key);
      }
    }
    return unknown;
  }

  @Override
  public SpanProcessor create(DeclarativeConfigProperties config) {
    try {
      if (AgentStart.PROCESS.duringPremain()) {
        return new DeferredProcessor(new DeferredBuild(config));
      }
    } catch (Throwable t) {
      logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
      return SpanProcessor.composite();
    }
    SpanProcessor processor = build(config);
    return processor != null ? processor : SpanProcessor.composite();
  }

  /**
   * The block read and checked (its warnings and, rejected, the SEVERE line and the
   * misconfiguration alert) and our processor built; null when it stays out. Never throws.
   */
  static SpanProcessor build(DeclarativeConfigProperties config) {
    try {
      for (String unknown : unknownKeys(config.getPropertyKeys())) {
        logger.warning("otel-opsgenie: unknown key " + unknown + " under " + NAME + " is ignored");
      }
      List<DeclarativeConfigProperties> policies =
          config.getStructuredList(PolicySettings.POLICIES.yamlKey());
      for (int i = 0; policies != null && i < policies.size(); i++) {
        for (String unknown : unknownPolicyKeys(policies.get(i).getPropertyKeys())) {
          logger.warning(
              "otel-opsgenie: unknown key "
                  + unknown
                  + " in policies["
                  + i
                  + "] under "
                  + NAME
                  + " is ignored; policy keys are name, "
                  + policyKeys());
        }
      }
      if (config
          .getPropertyKeys()
          .contains(RequestRuleSettings.SAMPLING_RECORD_SERVER_SPANS.yamlKey())) {
        logger.warning(
            "otel-opsgenie: "
                + RequestRuleSettings.SAMPLING_RECORD_SERVER_SPANS.yamlKey()
                + " under "
                + NAME
                + " has no effect in a configuration file: wrap the sampler with "
                + OpsgenieSamplerComponentProvider.NAME
                + " instead");
      }
      SettingsResult result = SettingsResult.parse(SettingsSource.of(config), null);
      if (!result.isAccepted()) {
        InvalidSettingsException e = result.rejection();
        logger.severe(
            "otel-opsgenie alerting is OFF: "
                + e.getMessage()
                + ". The service and its tracing run normally.");
        Misconfiguration.report(e, null);
        return null;
      }
      OpsgenieSettings settings = result.settings();
      if (!settings.enabled) {
        logger.info("otel-opsgenie is disabled (enabled: false)");
        return null;
      }
      return AlertingSpanProcessor.create(settings);
    } catch (Throwable t) {
      logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
    }
    return null;
  }

  /**
   * The deferred processor's build under the agent: {@link #build} of this block, after premain.
   */
  private static final class DeferredBuild implements Supplier<SpanProcessor> {
    private final DeclarativeConfigProperties config;

    DeferredBuild(DeclarativeConfigProperties config) {
      this.config = config;
    }

    @Override
    public SpanProcessor get() {
      return build(config);
    }
  }
}
