package io.dailyflow.local;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.embedded.EmbeddedMongo;
import io.dailyflow.common.embedded.EmbeddedRedis;
import io.dailyflow.common.embedded.EmbeddedSqs;
import java.nio.file.Path;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: ElasticMQ (SQS), mongo-java-server with its H2 file under the data
 * directory, and a real redis-server, on the configured ports (0 = any free port).
 */
final class EmbeddedInfrastructure implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

  private final EmbeddedSqs sqs;
  private final EmbeddedMongo mongo;
  private final EmbeddedRedis redis;

  private EmbeddedInfrastructure(EmbeddedSqs sqs, EmbeddedMongo mongo, EmbeddedRedis redis) {
    this.sqs = sqs;
    this.mongo = mongo;
    this.redis = redis;
  }

  static EmbeddedInfrastructure start(Config config) {
    String host = config.string(LocalKeys.BIND_HOST);
    Path dataDir = config.path(LocalKeys.DATA_DIR);
    EmbeddedMongo mongo = EmbeddedMongo.start(host, config.port(LocalKeys.MONGO_PORT),
        dataDir.resolve("mongo"));
    EmbeddedRedis redis = null;
    EmbeddedSqs sqs = null;
    try {
      redis = EmbeddedRedis.start(host, config.port(LocalKeys.REDIS_PORT), dataDir);
      sqs = EmbeddedSqs.start(host, config.port(LocalKeys.SQS_PORT));
      return new EmbeddedInfrastructure(sqs, mongo, redis);
    } catch (RuntimeException e) {
      mongo.close();
      if (redis != null) {
        redis.close();
      }
      throw e;
    }
  }

  /** The configuration keys that point the services at these servers. */
  Map<String, Object> endpoints() {
    return Map.of(
        CommonKeys.MONGO_URI.name(), mongo.uri(),
        CommonKeys.REDIS_URI.name(), redis.uri(),
        CommonKeys.SQS_ENDPOINT.name(), sqs.endpoint());
  }

  @Override
  public void close() {
    LOG.info("Stopping embedded infrastructure");
    sqs.close();
    redis.close();
    mongo.close();
  }
}
