package io.dailyflow.common.health;

import io.vertx.core.Future;
import java.util.function.Supplier;

/**
 * A named readiness probe of one dependency: succeeds when the dependency answers. A
 * non-critical check is reported by {@code /health/ready} but does not make the service unready:
 * the Releases API, for one, keeps accepting releases while MongoDB and Redis are down.
 */
public record HealthCheck(String name, Supplier<Future<?>> probe, boolean critical) {

  public HealthCheck(String name, Supplier<Future<?>> probe) {
    this(name, probe, true);
  }

  public static HealthCheck optional(String name, Supplier<Future<?>> probe) {
    return new HealthCheck(name, probe, false);
  }
}
