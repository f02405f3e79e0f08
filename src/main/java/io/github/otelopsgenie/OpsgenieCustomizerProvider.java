/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.settings.InvalidSettingsException;
import io.github.otelopsgenie.settings.OpsgenieSettings;
import io.github.otelopsgenie.settings.SensitiveHeaders;
import io.github.otelopsgenie.settings.SettingsSource;

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
 * wraps the sampler so that server spans are always recorded, and asks the HTTP server
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
      for (String h : SensitiveHeaders.allowed(config.getList(SettingsSource.PREFIX + "forwarded.header.keys"))) {
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
    private final AtomicReference<Object> parsed = new AtomicReference<>();

    /** The settings, or the rejection (an {@link InvalidSettingsException}). */
    Object parse(ConfigProperties config) {
      Object result = parsed.get();
      if (result == null) {
        try {
          result = OpsgenieSettings.parse(SettingsSource.of(config), resource.get());
        } catch (InvalidSettingsException e) {
          result = e;
        } catch (RuntimeException e) {
          result = new InvalidSettingsException(
              Collections.singletonList("the otel-opsgenie settings could not be read: " + e),
              null, null, "unknown-service", OpsgenieSettings.DEFAULT_PRIORITY);
        }
        parsed.compareAndSet(null, result);
      }
      return parsed.get();
    }

    Sampler sampler(Sampler sampler, ConfigProperties config) {
      try {
        Object result = parse(config);
        if (result instanceof OpsgenieSettings) {
          OpsgenieSettings settings = (OpsgenieSettings) result;
          if (settings.enabled && settings.recordServerSpans) {
            return new OpsgenieSampler(sampler);
          }
        }
      } catch (Throwable t) {
        logger.log(Level.WARNING, "otel-opsgenie could not wrap the sampler", t);
      }
      return sampler;
    }

    SdkTracerProviderBuilder tracerProvider(SdkTracerProviderBuilder builder, ConfigProperties config) {
      try {
        Object result = parse(config);
        if (result instanceof InvalidSettingsException) {
          reject((InvalidSettingsException) result);
          return builder;
        }
        OpsgenieSettings settings = (OpsgenieSettings) result;
        for (String unknown : unknownKeys(System.getProperties(), System.getenv())) {
          logger.warning(
              "otel-opsgenie: unknown setting " + unknown + " is ignored; known settings are "
                  + SettingsSource.PREFIX + "{" + String.join(", ", OpsgenieSettings.KEYS) + "}");
        }
        if (!settings.enabled) {
          logger.info("otel-opsgenie is disabled (otel.opsgenie.enabled=false)");
          return builder;
        }
        return builder.addSpanProcessor(Processors.create(settings));
      } catch (Throwable t) {
        logger.log(Level.SEVERE, "otel-opsgenie could not start; alerting is OFF", t);
        return builder;
      }
    }

    private void reject(InvalidSettingsException e) {
      logger.severe(
          "otel-opsgenie alerting is OFF: " + e.getMessage()
              + ". The service and its tracing run normally.");
      Misconfiguration.report(e, resource.get());
    }
  }

  /** {@code otel.opsgenie.*} system properties and {@code OTEL_OPSGENIE_*} variables we do not know. */
  public static Set<String> unknownKeys(Map<Object, Object> systemProperties, Map<String, String> env) {
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
      if (normalized.startsWith(SettingsSource.PREFIX)
          && !OpsgenieSettings.KEYS.contains(normalized.substring(SettingsSource.PREFIX.length()))) {
        unknown.add(e.getValue());
      }
    }
    return unknown;
  }
}
