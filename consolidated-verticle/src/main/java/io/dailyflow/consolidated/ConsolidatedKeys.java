package io.dailyflow.consolidated;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.ConfigKey;
import java.util.ArrayList;
import java.util.List;

/** Configuration keys of the Consolidated API, with their defaults. */
public final class ConsolidatedKeys {

  public static final ConfigKey HTTP_PORT = ConfigKey.of("consolidated.http.port", 8083);
  /**
   * Instances of the consolidation service verticle; 0 or less: one per core when HTTP reads go
   * over the event bus, one when they are direct.
   */
  public static final ConfigKey SERVICE_INSTANCES =
      ConfigKey.of("consolidated.service.instances", 0);
  /**
   * true (default): each HTTP verticle computes reports with its own ConsolidationService; false:
   * it asks the service verticle over the event bus (see ConsolidatedHttpVerticle for why).
   */
  public static final ConfigKey HTTP_DIRECT = ConfigKey.of("consolidated.http.direct", true);
  /** How long the HTTP side waits for the service over the event bus before answering 503. */
  public static final ConfigKey BUS_TIMEOUT_MS =
      ConfigKey.of("consolidated.bus-timeout-ms", 10_000);
  /** Pause between attempts to create the release index while MongoDB is down at start. */
  public static final ConfigKey INDEX_RETRY_MS = ConfigKey.of("consolidated.index-retry-ms", 5_000);
  /** Lifetime of a cached day report in Redis. */
  public static final ConfigKey CACHE_TTL_SECONDS = ConfigKey.of("cache.ttl-seconds", 600);
  /** After a Redis failure, skip the cache for this long (0: try Redis on every request). */
  public static final ConfigKey CACHE_BREAKER_OPEN_MS =
      ConfigKey.of("consolidated.cache.breaker-open-ms", 1_000);

  public static final List<ConfigKey> ALL = all();

  private ConsolidatedKeys() {
  }

  private static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>(CommonKeys.ALL);
    keys.addAll(List.of(HTTP_PORT, SERVICE_INSTANCES, HTTP_DIRECT, BUS_TIMEOUT_MS, INDEX_RETRY_MS,
        CACHE_TTL_SECONDS, CACHE_BREAKER_OPEN_MS));
    return List.copyOf(keys);
  }
}
