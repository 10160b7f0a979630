package io.dailyflow.common.testing;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.embedded.EmbeddedMongo;
import io.dailyflow.common.embedded.EmbeddedRedis;
import io.dailyflow.common.embedded.EmbeddedSqs;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.containers.GenericContainer;
import org.testcontainers.containers.MongoDBContainer;

/**
 * Real servers for integration tests, over real sockets on random ports. The one switch: system
 * property {@code dailyflow.test.infra} = {@code auto} (default: MongoDB 7 and Redis 7 in
 * Testcontainers where a Docker engine answers, else the embedded servers), {@code embedded} or
 * {@code containers}. SQS is always ElasticMQ, a real SQS-protocol server.
 */
public final class TestInfra implements AutoCloseable {

  private static final Logger LOG = LoggerFactory.getLogger(TestInfra.class);

  private final EmbeddedSqs sqs;
  private final AutoCloseable mongo;
  private final String mongoUri;
  private EmbeddedRedis embeddedRedis;
  private final GenericContainer<?> redisContainer;
  private final int redisPort;
  private final String queueName = "q-" + UUID.randomUUID().toString().substring(0, 8);
  private final String database = "db" + UUID.randomUUID().toString().replace("-", "");

  private TestInfra(EmbeddedSqs sqs, AutoCloseable mongo, String mongoUri,
      EmbeddedRedis embeddedRedis, GenericContainer<?> redisContainer, int redisPort) {
    this.sqs = sqs;
    this.mongo = mongo;
    this.mongoUri = mongoUri;
    this.embeddedRedis = embeddedRedis;
    this.redisContainer = redisContainer;
    this.redisPort = redisPort;
  }

  public static TestInfra start() {
    EmbeddedSqs sqs = EmbeddedSqs.start("127.0.0.1", 0);
    if (useContainers()) {
      LOG.info("TestInfra: MongoDB and Redis in Testcontainers");
      MongoDBContainer mongo = new MongoDBContainer("mongo:7");
      mongo.start();
      GenericContainer<?> redis = new GenericContainer<>("redis:7-alpine").withExposedPorts(6379);
      redis.start();
      return new TestInfra(sqs, mongo::stop, mongo.getConnectionString(), null, redis,
          redis.getMappedPort(6379));
    }
    LOG.info("TestInfra: embedded MongoDB-protocol server and embedded Redis");
    EmbeddedMongo mongo = EmbeddedMongo.start("127.0.0.1", 0, null);
    EmbeddedRedis redis = EmbeddedRedis.start("127.0.0.1", 0, null);
    return new TestInfra(sqs, mongo, mongo.uri(), redis, null, redis.port());
  }

  private static boolean useContainers() {
    String mode = System.getProperty("dailyflow.test.infra", "auto");
    return switch (mode) {
      case "embedded" -> false;
      case "containers" -> true;
      default -> dockerAvailable();
    };
  }

  private static boolean dockerAvailable() {
    try {
      return DockerClientFactory.instance().isDockerAvailable();
    } catch (Throwable e) {
      return false;
    }
  }

  /** Configuration pointing at these servers, with a database and queue of this instance's own. */
  public Config config(Map<String, Object> overrides) {
    Map<String, Object> values = new HashMap<>();
    values.put(CommonKeys.MONGO_URI.name(), mongoUri);
    values.put(CommonKeys.MONGO_DATABASE.name(), database);
    values.put(CommonKeys.REDIS_URI.name(), redisUri());
    values.put(CommonKeys.SQS_ENDPOINT.name(), sqs.endpoint());
    values.put(CommonKeys.SQS_QUEUE_NAME.name(), queueName);
    values.put(CommonKeys.SQS_ACCESS_KEY.name(), "test");
    values.put(CommonKeys.SQS_SECRET_KEY.name(), "test");
    values.put(CommonKeys.HTTP_HOST.name(), "127.0.0.1");
    values.put(CommonKeys.HTTP_INSTANCES.name(), 1);
    values.putAll(overrides);
    return Config.of(values);
  }

  public String mongoUri() {
    return mongoUri;
  }

  public String database() {
    return database;
  }

  public String redisUri() {
    return "redis://127.0.0.1:" + redisPort;
  }

  public String sqsEndpoint() {
    return sqs.endpoint();
  }

  public String queueName() {
    return queueName;
  }

  /** Stops Redis (embedded only): for tests of the "Redis is down" paths. */
  public void stopRedis() {
    requireEmbeddedRedis();
    embeddedRedis.close();
  }

  /** Starts a fresh, empty Redis on the same port after {@link #stopRedis()}. */
  public void restartRedis() {
    requireEmbeddedRedis();
    embeddedRedis = EmbeddedRedis.start("127.0.0.1", redisPort, null);
  }

  private void requireEmbeddedRedis() {
    if (embeddedRedis == null) {
      throw new IllegalStateException("Redis stop/restart needs the embedded Redis");
    }
  }

  @Override
  public void close() throws Exception {
    if (embeddedRedis != null) {
      embeddedRedis.close();
    }
    if (redisContainer != null) {
      redisContainer.stop();
    }
    mongo.close();
    sqs.close();
  }
}
