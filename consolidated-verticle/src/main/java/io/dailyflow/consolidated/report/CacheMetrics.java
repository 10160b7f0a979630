package io.dailyflow.consolidated.report;

import io.dailyflow.common.metrics.Metrics;
import io.micrometer.core.instrument.Counter;

/** Counters of the report cache, per day looked up; Prometheus names end in {@code _total}. */
public final class CacheMetrics {

  /** A fresh cached day report was served. */
  public static final Counter HITS = counter("consolidated.cache.hits",
      "Day reports served from Redis at the current version");
  /** No cached report at the current version: computed from MongoDB. */
  public static final Counter MISSES = counter("consolidated.cache.misses",
      "Day reports computed from MongoDB because Redis had none at the current version");
  /** A Redis read or write failed or timed out; the report came from MongoDB. */
  public static final Counter ERRORS = counter("consolidated.cache.errors",
      "Redis reads or writes of the report cache that failed or timed out");
  /** A reader shared a Redis lookup of the same days started just before it (ReportCache). */
  public static final Counter JOINED = counter("consolidated.cache.joined",
      "Day lookups answered by a Redis lookup of the same day another reader had just started");
  /** Redis skipped while the breaker is open after a failure. */
  public static final Counter BYPASSED = counter("consolidated.cache.bypassed",
      "Day reports computed from MongoDB without asking Redis, after a recent Redis failure");

  private CacheMetrics() {
  }

  private static Counter counter(String name, String description) {
    return Counter.builder(name).description(description).register(Metrics.registry());
  }
}
