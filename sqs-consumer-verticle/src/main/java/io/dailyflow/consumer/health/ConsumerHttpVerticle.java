package io.dailyflow.consumer.health;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.health.HealthCheck;
import io.dailyflow.common.http.ApiRouter;
import io.dailyflow.common.http.Problems;
import io.dailyflow.consumer.ConsumerKeys;
import io.dailyflow.consumer.ConsumerSettings;
import io.dailyflow.consumer.DependencyProbe;
import io.dailyflow.consumer.queue.SqsQueue;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.web.Router;
import io.vertx.redis.client.Redis;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

/**
 * The consumer has no API, only operations endpoints: {@code /health/live}, {@code /health/ready}
 * (MongoDB, Redis and the queue answer) and {@code /metrics}, on {@code consumer.http.port}.
 */
public final class ConsumerHttpVerticle extends VerticleBase {

  private static final Logger LOG = LoggerFactory.getLogger(ConsumerHttpVerticle.class);

  private final Config config;
  private final ConsumerSettings settings;
  private final SqsAsyncClient sqs;
  private MongoClient mongo;
  private Redis redis;

  public ConsumerHttpVerticle(Config config, ConsumerSettings settings, SqsAsyncClient sqs) {
    this.config = config;
    this.settings = settings;
    this.sqs = sqs;
  }

  /** The operations routes: a test can mount them on port 0. */
  public static Router router(Vertx vertx, Config config, List<HealthCheck> checks) {
    return ApiRouter.create(vertx, config.positiveInt(CommonKeys.HTTP_BODY_LIMIT_BYTES), checks);
  }

  @Override
  public Future<?> start() {
    mongo = MongoClients.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    DependencyProbe probe = new DependencyProbe(mongo, redis);
    SqsQueue queue = new SqsQueue(sqs, config, settings, context);
    List<HealthCheck> checks = List.of(new HealthCheck("mongo", probe::mongo),
        new HealthCheck("redis", probe::redis), new HealthCheck("sqs", queue::url));
    int port = config.port(ConsumerKeys.HTTP_PORT);
    return vertx.createHttpServer()
        .invalidRequestHandler(Problems::invalidRequest)
        .requestHandler(router(vertx, config, checks))
        .listen(port, config.string(CommonKeys.HTTP_HOST))
        .onSuccess(server -> LOG.info("Consumer health and metrics on http://{}:{}",
            config.string(CommonKeys.HTTP_HOST), server.actualPort()));
  }

  @Override
  public Future<?> stop() {
    return Future.join(redis.close(), mongo.close()).otherwiseEmpty();
  }
}
