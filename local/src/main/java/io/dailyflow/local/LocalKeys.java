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
  /** Where the local run keeps its RSA pair (created on first run, never committed). */
  public static final ConfigKey PRIVATE_KEY_PATH =
      ConfigKey.of("auth.private-key-path", "conf/keys/private.pem");

  public static final List<ConfigKey> ALL = List.of(BIND_HOST, DATA_DIR, SQS_PORT, MONGO_PORT,
      REDIS_PORT, EMBEDDED, PRIVATE_KEY_PATH);

  private LocalKeys() {
  }
}
