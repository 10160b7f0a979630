package io.dailyflow.local;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.embedded.EmbeddedMongo;
import io.dailyflow.common.embedded.EmbeddedRedis;
import io.dailyflow.common.embedded.EmbeddedSqs;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded default: ElasticMQ (SQS; queues and messages in an H2 file under the data directory
 * unless {@code local.sqs-durable} is false), mongo-java-server with its H2 file under the data
 * directory, and a real redis-server, on the configured ports (0 = any free port). Each server
 * starts only if its {@code local.start-*} key is true (all by default), so the three can run in
 * separate processes.
 */
final class EmbeddedInfrastructure implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(EmbeddedInfrastructure.class);

  private final AutoCloseable sqs;
  private final String sqsEndpoint;
  private final EmbeddedMongo mongo;
  private final EmbeddedRedis redis;

  private EmbeddedInfrastructure(AutoCloseable sqs, String sqsEndpoint, EmbeddedMongo mongo,
      EmbeddedRedis redis) {
    this.sqs = sqs;
    this.sqsEndpoint = sqsEndpoint;
    this.mongo = mongo;
    this.redis = redis;
  }

  static EmbeddedInfrastructure start(Config config) {
    String host = config.string(LocalKeys.BIND_HOST);
    Path dataDir = config.path(LocalKeys.DATA_DIR);
    EmbeddedMongo mongo = null;
    EmbeddedRedis redis = null;
    AutoCloseable sqs = null;
    String sqsEndpoint = null;
    try {
      if (config.bool(LocalKeys.START_MONGO)) {
        mongo = EmbeddedMongo.start(host, config.port(LocalKeys.MONGO_PORT),
            dataDir.resolve("mongo"));
      }
      if (config.bool(LocalKeys.START_REDIS)) {
        redis = EmbeddedRedis.start(host, config.port(LocalKeys.REDIS_PORT), dataDir);
      }
      if (config.bool(LocalKeys.START_SQS) && config.bool(LocalKeys.SQS_DURABLE)) {
        DurableSqs durable = DurableSqs.start(host, config.port(LocalKeys.SQS_PORT),
            dataDir.resolve("sqs"));
        sqs = durable;
        sqsEndpoint = durable.endpoint();
      } else if (config.bool(LocalKeys.START_SQS)) {
        EmbeddedSqs inMemory = EmbeddedSqs.start(host, config.port(LocalKeys.SQS_PORT));
        sqs = inMemory;
        sqsEndpoint = inMemory.endpoint();
      }
      return new EmbeddedInfrastructure(sqs, sqsEndpoint, mongo, redis);
    } catch (RuntimeException e) {
      new EmbeddedInfrastructure(sqs, sqsEndpoint, mongo, redis).close();
      throw e;
    }
  }

  /** The configuration keys that point the services at the servers this process started. */
  Map<String, Object> endpoints() {
    Map<String, Object> endpoints = new HashMap<>();
    if (mongo != null) {
      endpoints.put(CommonKeys.MONGO_URI.name(), mongo.uri());
    }
    if (redis != null) {
      endpoints.put(CommonKeys.REDIS_URI.name(), redis.uri());
    }
    if (sqs != null) {
      endpoints.put(CommonKeys.SQS_ENDPOINT.name(), sqsEndpoint);
    }
    return endpoints;
  }

  @Override
  public void close() {
    LOG.info("Stopping embedded infrastructure");
    if (sqs != null) {
      try {
        sqs.close();
      } catch (Exception e) {
        LOG.warn("Embedded SQS did not stop cleanly: {}", e.toString());
      }
    }
    if (redis != null) {
      redis.close();
    }
    if (mongo != null) {
      mongo.close();
    }
  }
}
