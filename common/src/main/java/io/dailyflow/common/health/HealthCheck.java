package io.dailyflow.common.health;

import io.vertx.core.Future;
import java.util.function.Supplier;

/** A named readiness probe of one dependency: succeeds when the dependency answers. */
public record HealthCheck(String name, Supplier<Future<?>> probe) {
}
