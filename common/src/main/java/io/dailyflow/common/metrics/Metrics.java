package io.dailyflow.common.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;

/**
 * The process's one meter registry: Vert.x's own HTTP, event-bus and pool metrics and the
 * product's counters land here, and {@code GET /metrics} scrapes it in Prometheus text.
 */
public final class Metrics {

  private static final PrometheusMeterRegistry REGISTRY = newRegistry();

  private Metrics() {
  }

  /** A registry configured like the process's one (tests compare meters in their own). */
  static PrometheusMeterRegistry newRegistry() {
    PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    // Histogram buckets for HTTP latency, so a p99 per route can be computed across instances.
    registry.config().meterFilter(new MeterFilter() {
      @Override
      public DistributionStatisticConfig configure(Meter.Id id,
          DistributionStatisticConfig config) {
        if (id.getName().startsWith("vertx.http.server.response.time")) {
          return DistributionStatisticConfig.builder()
              .percentilesHistogram(true)
              .minimumExpectedValue(1e5)
              .maximumExpectedValue(1e10)
              .build()
              .merge(config);
        }
        return config;
      }
    });
    return registry;
  }

  public static PrometheusMeterRegistry registry() {
    return REGISTRY;
  }
}
