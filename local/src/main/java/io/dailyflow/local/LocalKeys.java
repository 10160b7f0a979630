package io.dailyflow.local;

import io.dailyflow.common.config.ConfigKey;
import java.util.List;

/** Keys of the local run: where the embedded infrastructure listens and keeps its data. */
public final class LocalKeys {

  public static final ConfigKey BIND_HOST = ConfigKey.of("local.bind-host", "127.0.0.1");
  public static final ConfigKey DATA_DIR = ConfigKey.of("local.data-dir", "data");
  public static final ConfigKey SQS_PORT = ConfigKey.of("local.sqs-port", 9324);
  public static final ConfigKey MONGO_PORT = ConfigKey.of("local.mongo-port", 27017);
  public static final ConfigKey REDIS_PORT = ConfigKey.of("local.redis-port", 6379);
  /** false: start no embedded server and use mongo.uri, redis.uri, sqs.endpoint as configured. */
  public static final ConfigKey EMBEDDED = ConfigKey.of("local.embedded", true);
  /**
   * Which embedded servers {@code infra} (and {@code all}) start; each defaults to true. Turning
   * some off runs each server in its own process (for example three {@code infra} processes, one
   * per server, each on its fixed port), so a fault test can kill one of them alone:
   * {@code DAILYFLOW_LOCAL_START_MONGO=false DAILYFLOW_LOCAL_START_REDIS=false java -jar
   * local/target/dailyflow-local.jar infra} serves only SQS. Services then reach a server started
   * elsewhere through {@code sqs.endpoint}, {@code mongo.uri}, {@code redis.uri}.
   */
  public static final ConfigKey START_SQS = ConfigKey.of("local.start-sqs", true);
  public static final ConfigKey START_MONGO = ConfigKey.of("local.start-mongo", true);
  public static final ConfigKey START_REDIS = ConfigKey.of("local.start-redis", true);
  /**
   * true: the embedded SQS keeps its queues and messages in an H2 file under the data directory
   * (sqs/), so a release answered 202 and not yet consumed survives a kill -9 of the process;
   * false: in memory (faster, lost on restart).
   */
  public static final ConfigKey SQS_DURABLE = ConfigKey.of("local.sqs-durable", true);
  /** Where the local run keeps its RSA pair (created on first run, never committed). */
  public static final ConfigKey PRIVATE_KEY_PATH =
      ConfigKey.of("auth.private-key-path", "conf/keys/private.pem");

  public static final List<ConfigKey> ALL = List.of(BIND_HOST, DATA_DIR, SQS_PORT, MONGO_PORT,
      REDIS_PORT, EMBEDDED, START_SQS, START_MONGO, START_REDIS, SQS_DURABLE,
      PRIVATE_KEY_PATH);

  private LocalKeys() {
  }
}
