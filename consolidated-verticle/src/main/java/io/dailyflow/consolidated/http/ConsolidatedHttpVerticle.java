package io.dailyflow.consolidated.http;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.health.HealthCheck;
import io.dailyflow.common.http.Problems;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.dailyflow.consolidated.report.ConsolidationService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.util.List;

/**
 * The Consolidated API's HTTP server (deployed {@code http.instances} times on one port). Reports
 * come from the consolidation service verticle over the event bus ({@link BusReports}), or, with
 * {@code consolidated.http.direct}, from a {@link ConsolidationService} of this instance.
 *
 * <p>Why the direct option exists: the cached-read target is 40,000 req/s on 2 cores, about 50 us
 * of CPU per request for everything (load generator and Redis included). Measured here on a
 * shared 2-core machine, a bare local request/reply of the report JSON costs 2-8 us of CPU, and
 * the whole HTTP read cost about 25% more CPU with the hop than without (140-165 vs 105-130 us per
 * request, JWT RS256 verification being the largest single cost in both). The bus stays the
 * default because it keeps one owner of the clients; the benchmark can switch it off.
 */
public final class ConsolidatedHttpVerticle extends VerticleBase {

  private final Config config;
  private MongoClient mongo;
  private Redis redis;

  public ConsolidatedHttpVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    // The process's shared pool (same name as the service's): the readiness probe, and the
    // direct reports if configured.
    mongo = MongoClients.create(vertx, config);
    HealthCheck mongoCheck = new HealthCheck("mongo",
        () -> mongo.runCommand("ping", new JsonObject().put("ping", 1)));
    Router router = ReportRoutes.router(vertx, config, reports(), List.of(mongoCheck));
    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.string(CommonKeys.HTTP_HOST))
            .setPort(config.port(ConsolidatedKeys.HTTP_PORT)))
        .invalidRequestHandler(Problems::invalidRequest)
        .requestHandler(router)
        .listen();
  }

  private ReportSource reports() {
    if (!config.bool(ConsolidatedKeys.HTTP_DIRECT)) {
      return new BusReports(vertx.eventBus(), config.millis(ConsolidatedKeys.BUS_TIMEOUT_MS));
    }
    redis = RedisClients.create(vertx, config);
    return new ServiceReports(ConsolidationService.create(mongo, redis, config));
  }

  @Override
  public Future<?> stop() {
    if (redis != null) {
      redis.close();
    }
    return mongo.close();
  }
}
