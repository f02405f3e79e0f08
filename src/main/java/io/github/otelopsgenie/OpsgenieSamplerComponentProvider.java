/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie;

import io.opentelemetry.api.incubator.config.DeclarativeConfigProperties;
import io.opentelemetry.sdk.autoconfigure.declarativeconfig.DeclarativeConfiguration;
import io.opentelemetry.sdk.autoconfigure.spi.internal.ComponentProvider;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Declarative configuration's counterpart of {@code otel.opsgenie.sampling.record.server.spans}:
 * the sampler {@code opsgenie_record_server_spans/development} wraps the sampler given under its
 * {@code sampler} key (default {@code parent_based} with {@code always_on} roots) so that server
 * spans it would drop are recorded but not sampled:
 *
 * <pre>
 * tracer_provider:
 *   sampler:
 *     opsgenie_record_server_spans/development:
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
    Sampler delegate = Sampler.parentBased(Sampler.alwaysOn());
    DeclarativeConfigProperties inner = config.getStructured("sampler");
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
    return new OpsgenieSampler(delegate);
  }
}
