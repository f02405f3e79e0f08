/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.Arrays;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Declarative configuration's counterpart of {@code otel.opsgenie.sampling.record.server.spans}:
 * the sampler {@code opsgenie_record_server_spans/development} wraps the sampler given under its
 * {@code sampler} key (default {@code parent_based} with {@code always_on} roots) so that the spans
 * the rules read and it would drop are recorded but not sampled. It does not see the processor's
 * settings, so it says itself which kinds besides SERVER it keeps: {@code record_consumer_spans}
 * (default true, as {@code alert_consumers}), {@code record_job_spans} (root INTERNAL spans,
 * default true, as {@code alert_jobs}) and {@code record_client_spans} (default false: set it with
 * {@code dependency_error_rate}):
 *
 * <pre>
 * tracer_provider:
 *   sampler:
 *     opsgenie_record_server_spans/development:
 *       record_client_spans: true
 *       sampler:
 *         parent_based:
 *           root:
 *             trace_id_ratio_based: {ratio: 0.1}
 * </pre>
 */
public final class OpsgenieSamplerComponentProvider implements ComponentProvider {

  private static final Logger logger =
      Logger.getLogger(OpsgenieSamplerComponentProvider.class.getName());

  static final String NAME = "opsgenie_record_server_spans/development";
  static final String RECORD_CONSUMER_SPANS = "record_consumer_spans";
  static final String RECORD_JOB_SPANS = "record_job_spans";
  static final String RECORD_CLIENT_SPANS = "record_client_spans";
  static final String SAMPLER = "sampler";
  private static final List<String> KEYS =
      Arrays.asList(SAMPLER, RECORD_CONSUMER_SPANS, RECORD_JOB_SPANS, RECORD_CLIENT_SPANS);

  @Override
  public Class<Sampler> getType() {
    return Sampler.class;
  }

  @Override
  public String getName() {
    return NAME;
  }

  @Override
  public Sampler create(DeclarativeConfigProperties config) {
    for (String key : config.getPropertyKeys()) {
      if (!KEYS.contains(key)) {
        logger.warning(
            "otel-opsgenie: unknown key "
                + key
                + " under "
                + NAME
                + " is ignored; its keys are "
                + String.join(", ", KEYS));
      }
    }
    Sampler delegate = Sampler.parentBased(Sampler.alwaysOn());
    DeclarativeConfigProperties inner = config.getStructured(SAMPLER);
    if (inner != null) {
      try {
        delegate = DeclarativeConfiguration.createSampler(inner);
      } catch (Throwable t) {
        logger.log(
            Level.SEVERE,
            "otel-opsgenie: the sampler under "
                + NAME
                + " could not be built; using"
                + " parent_based(always_on)",
            t);
      }
    }
    return new OpsgenieSampler(
        delegate,
        flag(config, RECORD_CONSUMER_SPANS, true),
        flag(config, RECORD_JOB_SPANS, true),
        flag(config, RECORD_CLIENT_SPANS, false));
  }

  /** The boolean under {@code key}; a value that is not one is named in a SEVERE line. */
  private static boolean flag(DeclarativeConfigProperties config, String key, boolean fallback) {
    Boolean value = null;
    try {
      value = config.getBoolean(key);
    } catch (RuntimeException e) {
      // reported below as any value that is not a boolean
    }
    if (value != null) {
      return value;
    }
    if (config.getPropertyKeys().contains(key)) {
      logger.severe(
          "otel-opsgenie: " + key + " under " + NAME + " must be true or false; using " + fallback);
    }
    return fallback;
  }
}
