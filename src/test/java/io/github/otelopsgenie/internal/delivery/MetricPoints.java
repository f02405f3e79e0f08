/*
 * Copyright The otel-opsgenie Authors
 * SPDX-License-Identifier: Apache-2.0
 */
package io.github.otelopsgenie.internal.delivery;

import io.opentelemetry.sdk.metrics.data.LongPointData;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import java.util.ArrayList;
import java.util.List;

/**
 * A metric reader's long points as {@code name=value}, or {@code name{map=x}=value} for the {@code
 * otel.opsgenie.state.*} metrics: what the self-metrics tests assert.
 */
public final class MetricPoints {

  private MetricPoints() {}

  public static List<String> of(InMemoryMetricReader reader) {
    List<String> points = new ArrayList<>();
    for (MetricData metric : reader.collectAllMetrics()) {
      Iterable<LongPointData> data;
      switch (metric.getType()) {
        case LONG_SUM:
          data = metric.getLongSumData().getPoints();
          break;
        case LONG_GAUGE:
          data = metric.getLongGaugeData().getPoints();
          break;
        default:
          continue;
      }
      for (LongPointData point : data) {
        String map = point.getAttributes().get(SenderMetrics.MAP);
        String outcome =
            point
                .getAttributes()
                .get(io.opentelemetry.api.common.AttributeKey.stringKey("outcome"));
        points.add(
            metric.getName()
                + (map == null ? "" : "{map=" + map + "}")
                + (outcome == null ? "" : "{outcome=" + outcome + "}")
                + "="
                + point.getValue());
      }
    }
    return points;
  }
}
