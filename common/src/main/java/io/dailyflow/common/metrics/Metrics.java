package io.dailyflow.common.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's one meter registry: Vert.x's own HTTP, event-bus and pool metrics and the
 * product's counters land here, and {@code GET /metrics} scrapes it in Prometheus text.
 */
public final class Metrics {

  private static final PrometheusMeterRegistry REGISTRY =
      new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private Metrics() {
  }

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }
}
