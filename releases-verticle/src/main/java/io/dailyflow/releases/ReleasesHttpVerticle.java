package io.dailyflow.releases;

import io.dailyflow.common.auth.JwtAuthHandler;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.health.HealthCheck;
import io.dailyflow.common.http.ApiRouter;
import io.dailyflow.common.http.JsonBodies;
import io.dailyflow.common.http.Problems;
import io.dailyflow.releases.publish.PublisherVerticle;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/**
 * The Releases API over HTTP, deployed {@code http.instances} times on {@code releases.http.port}.
 * Intake needs only the publisher (SQS); MongoDB serves the reads and Redis the synchronous
 * idempotency and reversal checks, and both may be down without failing a POST /releases.
 */
public final class ReleasesHttpVerticle extends VerticleBase {

  private final Config config;
  private MongoClient mongo;
  private Redis redis;

  public ReleasesHttpVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    mongo = MongoClients.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    return vertx.createHttpServer(new HttpServerOptions()
            .setHost(config.string(CommonKeys.HTTP_HOST))
            .setTcpNoDelay(true))
        .invalidRequestHandler(Problems::invalidRequest)
        .requestHandler(router(vertx, config, mongo, redis))
        .listen(config.port(ReleasesKeys.HTTP_PORT));
  }

  @Override
  public Future<?> stop() {
    redis.close();
    return mongo.close();
  }

  /** Every route of the Releases API; tests mount it on their own server. */
  public static Router router(Vertx vertx, Config config, MongoClient mongo, Redis redis) {
    ReleaseHandlers handlers = ReleaseHandlers.wire(vertx, config, mongo, redis);
    JwtAuthHandler jwt = JwtAuthHandler.create(vertx, config);
    WriterRoles writers = WriterRoles.from(config);
    Router router = ApiRouter.create(vertx, config.positiveInt(CommonKeys.HTTP_BODY_LIMIT_BYTES),
        healthChecks(vertx, mongo, redis));

    router.post("/releases")
        .handler(ReleaseMetrics::track)
        .handler(jwt)
        .handler(writers)
        .handler(JsonBodies::requireJson)
        .handler(handlers.createRelease());
    router.post("/releases/:id/reversal")
        .handler(ReleaseMetrics::track)
        .handler(jwt)
        .handler(writers)
        .handler(handlers.reverseRelease());
    router.get("/releases/:id")
        .handler(jwt)
        .handler(handlers.getRelease());
    router.get("/releases")
        .handler(jwt)
        .handler(handlers.listReleases());
    return router;
  }

  private static List<HealthCheck> healthChecks(Vertx vertx, MongoClient mongo, Redis redis) {
    return List.of(
        new HealthCheck("sqs", () -> vertx.eventBus().request(PublisherVerticle.HEALTH_ADDRESS,
            new JsonObject())),
        // Intake needs only SQS: MongoDB and Redis are reported, not required, for readiness.
        HealthCheck.optional("mongo", () -> mongo.runCommand("ping", new JsonObject().put("ping", 1))),
        HealthCheck.optional("redis", () -> RedisAPI.api(redis).ping(List.of())));
  }
}
