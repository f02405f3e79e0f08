/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.premain.DeferredProcessor;
import io.github.otelopsgenie.internal.settings.AlertContentSettings;
import io.github.otelopsgenie.internal.settings.InvalidSettingsException;
import io.github.otelopsgenie.internal.settings.OpsgenieSettings;
import io.github.otelopsgenie.internal.settings.Policy;
import io.github.otelopsgenie.internal.settings.PolicySettings;
import io.github.otelopsgenie.internal.settings.SensitiveHeaders;
import io.github.otelopsgenie.internal.settings.SettingsRegistry;
import io.github.otelopsgenie.internal.settings.SettingsResult;
import io.github.otelopsgenie.internal.settings.SettingsSource;
import io.github.otelopsgenie.internal.startup.AgentVersionCheck;
import io.github.otelopsgenie.internal.startup.Misconfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Registers otel-opsgenie with SDK autoconfiguration (and so with the OpenTelemetry Java agent):
 * reads the {@code otel.opsgenie.*} settings, adds the alerting processor after the exporters' own,
 * wraps the sampler so that the spans its rules read are always recorded, and asks the HTTP server
 * instrumentation to capture the forwarded headers.
 *
 * <p>Never throws: inside the agent an exception here aborts the whole agent startup. A rejected
 * configuration is one SEVERE log line and one Opsgenie alert, and only our processor is left out.
 *
 * <p>Under the agent (issue 30) nothing of that is done on the agent's main thread: the SDK is
 * given a {@link DeferredProcessor} and a sampler that keeps every kind a rule may read ({@link
 * OpsgenieSampler#untilSettings}); the settings are read and checked, the startup lines logged and
 * the processor built on the {@code otel-opsgenie-start} thread as soon as the agent's {@code
 * premain} is over. Each class of ours loaded in {@code premain} goes through the agent's extension
 * class loader, which rewrites it as it loads it, before the application's {@code main} can begin:
 * what stays here loads four classes of ours (this one, its {@code Setup}, the sampler and the
 * deferred processor) and four lambdas. Without the agent everything is done here, as before.
 */
public final class OpsgenieCustomizerProvider implements AutoConfigurationCustomizerProvider {

  private static final Logger logger = Logger.getLogger(OpsgenieCustomizerProvider.class.getName());

  static final String CAPTURE_HEADERS = "otel.instrumentation.http.server.capture-request-headers";

  /**
   * {@code AlertContentSettings.FORWARDED_HEADER_KEYS}'s property, as a constant: with none set
   * (the default) the properties customizer loads none of the settings' classes in {@code premain}
   * (a test holds it to the setting's own key).
   */
  static final String FORWARDED_HEADER_KEYS = SettingsSource.PREFIX + "forwarded.header.keys";

  @Override
  public void customize(AutoConfigurationCustomizer autoConfiguration) {
    Setup setup = new Setup();
    autoConfiguration
        .addPropertiesCustomizer(OpsgenieCustomizerProvider::captureForwardedHeaders)
        .addResourceCustomizer(
            (resource, config) -> {
              setup.resource.set(resource);
              return resource;
            })
        .addSamplerCustomizer(setup::sampler)
        .addTracerProviderCustomizer(setup::tracerProvider);
  }

  /**
   * The HTTP server instrumentation captures request headers only when asked; forwarded headers are
   * read from those span attributes, so add them to what the user already captures.
   */
  static Map<String, String> captureForwardedHeaders(ConfigProperties config) {
    try {
      List<String> forwarded = config.getList(FORWARDED_HEADER_KEYS);
      if (forwarded.isEmpty()) {
        return Collections.emptyMap();
      }
      Set<String> headers = new LinkedHashSet<>(config.getList(CAPTURE_HEADERS));
      Set<String> lower = new LinkedHashSet<>();
      for (String h : headers) {
        lower.add(h.toLowerCase(Locale.ROOT));
      }
      boolean added = false;
      for (String h :
          SensitiveHeaders.allowed(
              config.getList(AlertContentSettings.FORWARDED_HEADER_KEYS.property()))) {
        if (lower.add(h.toLowerCase(Locale.ROOT))) {
          headers.add(h);
          added = true;
        }
      }
      return added
          ? Collections.singletonMap(CAPTURE_HEADERS, String.join(",", headers))
          : Collections.<String, String>emptyMap();
    } catch (RuntimeException e) {
      // a malformed list is reported by the settings check, once
      return Collections.emptyMap();
    }
  }

  /**
   * State shared by the customizers of one SDK build; the settings are parsed once. Under the agent
   * also the deferred processor's build.
   */
  private static final class Setup implements Supplier<SpanProcessor> {
    final AtomicReference<Resource> resource = new AtomicReference<>();
    private final AtomicReference<SettingsResult> parsed = new AtomicReference<>();

    /** Under the agent: the sampler made before the settings were read, and their source. */
    private volatile OpsgenieSampler unsettled;

    private volatile ConfigProperties deferredConfig;

    /** The settings or their rejection, read once. */
    SettingsResult parse(ConfigProperties config) {
      SettingsResult result = parsed.get();
      if (result == null) {
        parsed.compareAndSet(null, SettingsResult.parse(SettingsSource.of(config), resource.get()));
      }
      return parsed.get();
    }

    Sampler sampler(Sampler sampler, ConfigProperties config) {
      try {
        if (DeferredProcessor.duringPremain()) {
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
        if (DeferredProcessor.duringPremain()) {
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
          unknownKeys(System.getProperties(), System.getenv(), policyNames(settings))) {
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
      Misconfiguration.report(e, resource.get());
    }
  }

  private static Set<String> policyNames(OpsgenieSettings settings) {
    Set<String> names = new LinkedHashSet<>();
    for (Policy policy : settings.policies) {
      names.add(policy.name);
    }
    return names;
  }

  /** Like {@link #unknownKeys(Map, Map, Set)} with no policy declared. */
  public static Set<String> unknownKeys(
      Map<Object, Object> systemProperties, Map<String, String> env) {
    return unknownKeys(systemProperties, env, java.util.Collections.<String>emptySet());
  }

  /**
   * {@code otel.opsgenie.*} system properties and {@code OTEL_OPSGENIE_*} variables we do not know:
   * neither a setting of the registry nor {@code policy.<declared name>.<policy setting>}.
   */
  public static Set<String> unknownKeys(
      Map<Object, Object> systemProperties, Map<String, String> env, Set<String> declaredPolicies) {
    Map<String, String> all = new LinkedHashMap<>();
    for (Map.Entry<Object, Object> e : systemProperties.entrySet()) {
      String key = String.valueOf(e.getKey());
      all.put(key.toLowerCase(Locale.ROOT).replace('-', '.'), key);
    }
    for (String key : env.keySet()) {
      all.put(key.toLowerCase(Locale.ROOT).replace('_', '.'), key);
    }
    Set<String> unknown = new LinkedHashSet<>();
    for (Map.Entry<String, String> e : all.entrySet()) {
      String normalized = e.getKey();
      String key =
          normalized.startsWith(SettingsSource.PREFIX)
              ? normalized.substring(SettingsSource.PREFIX.length())
              : null;
      if (key != null
          && !SettingsRegistry.keys().contains(key)
          && !PolicySettings.isPolicyKey(key, declaredPolicies)) {
        unknown.add(e.getValue());
      }
    }
    return unknown;
  }
}
