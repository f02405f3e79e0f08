/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.github.otelopsgenie.internal.premain.DeferredProcessor;
import io.github.otelopsgenie.internal.settings.AlertContentSettings;
import io.github.otelopsgenie.internal.settings.PolicySettings;
import io.github.otelopsgenie.internal.settings.SensitiveHeaders;
import io.github.otelopsgenie.internal.settings.SettingsRegistry;
import io.github.otelopsgenie.internal.settings.SettingsSource;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizer;
import io.opentelemetry.sdk.autoconfigure.spi.AutoConfigurationCustomizerProvider;
import io.opentelemetry.sdk.autoconfigure.spi.ConfigProperties;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProviderBuilder;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

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
 * what stays here loads four classes of ours (this one, which is also the properties customizer,
 * {@link CustomizerSetup}, the sampler and the deferred processor; with the agent listener and
 * {@code util.AgentStart}, six in all) and no lambda. Without the agent everything is done here, as
 * before.
 */
public final class OpsgenieCustomizerProvider
    implements AutoConfigurationCustomizerProvider,
        Function<ConfigProperties, Map<String, String>> {

  static final String CAPTURE_HEADERS = "otel.instrumentation.http.server.capture-request-headers";

  /**
   * {@code AlertContentSettings.FORWARDED_HEADER_KEYS}'s property, as a constant: with none set
   * (the default) the properties customizer loads none of the settings' classes in {@code premain}
   * (a test holds it to the setting's own key).
   */
  static final String FORWARDED_HEADER_KEYS = SettingsSource.PREFIX + "forwarded.header.keys";

  @Override
  public void customize(AutoConfigurationCustomizer autoConfiguration) {
    CustomizerSetup setup = new CustomizerSetup();
    autoConfiguration
        .addPropertiesCustomizer(this)
        .addResourceCustomizer(CustomizerSetup.<Resource>as(setup))
        .addSamplerCustomizer(CustomizerSetup.<Sampler>as(setup))
        .addTracerProviderCustomizer(CustomizerSetup.<SdkTracerProviderBuilder>as(setup));
  }

  /**
   * The properties customizer this provider registers ({@link #captureForwardedHeaders}): itself,
   * as no lambda is loaded in the agent's {@code premain}. Not for callers.
   */
  @Override
  public Map<String, String> apply(ConfigProperties config) {
    return captureForwardedHeaders(config);
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
