/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

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
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
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
 */
public final class OpsgenieCustomizerProvider implements AutoConfigurationCustomizerProvider {

  private static final Logger logger = Logger.getLogger(OpsgenieCustomizerProvider.class.getName());

  static final String CAPTURE_HEADERS = "otel.instrumentation.http.server.capture-request-headers";

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

  /** State shared by the customizers of one SDK build; the settings are parsed once. */
  private static final class Setup {
    final AtomicReference<Resource> resource = new AtomicReference<>();
    private final AtomicReference<SettingsResult> parsed = new AtomicReference<>();

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
        SettingsResult result = parse(config);
        if (!result.isAccepted()) {
          reject(result.rejection());
          return builder;
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
          return builder;
        }
        AgentVersionCheck.warnIfUnsupported();
        return builder.addSpanProcessor(AlertingSpanProcessor.create(settings));
      } catch (Throwable t) {
        logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
        return builder;
      }
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
