package io.dailyflow.consolidated.bus;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.dailyflow.consolidated.report.ConsolidationService;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.eventbus.MessageConsumer;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;

/**
 * The consolidation service on the event bus: owns the MongoDB and Redis clients, answers
 * {@link Addresses#CONSOLIDATED_DAILY} and {@link Addresses#CONSOLIDATED_RANGE} through
 * {@link ConsolidationRequests}, and makes sure the release index exists.
 */
public final class ConsolidationVerticle extends VerticleBase {

  private final Config config;
  private MongoClient mongo;
  private Redis redis;
  private ReleaseIndex index;

  public ConsolidationVerticle(Config config) {
    this.config = config;
  }

  @Override
  public Future<?> start() {
    mongo = MongoClients.create(vertx, config);
    redis = RedisClients.create(vertx, config);
    ConsolidationRequests requests =
        new ConsolidationRequests(ConsolidationService.create(mongo, redis, config));
    index = new ReleaseIndex(vertx, mongo, config.millis(ConsolidatedKeys.INDEX_RETRY_MS));
    MessageConsumer<?> daily = vertx.eventBus()
        .consumer(Addresses.CONSOLIDATED_DAILY, requests::daily);
    MessageConsumer<?> range = vertx.eventBus()
        .consumer(Addresses.CONSOLIDATED_RANGE, requests::range);
    return Future.all(daily.completion(), range.completion(), index.ensure());
  }

  @Override
  public Future<?> stop() {
    index.stop();
    redis.close();
    return mongo.close();
  }
}
