package io.dailyflow.common.config;

import java.util.List;

/**
 * Keys every service reads, with their defaults. Service-specific keys live next to the service;
 * {@code docs/configuration.md} lists them all.
 */
public final class CommonKeys {

  // HTTP
  public static final ConfigKey HTTP_HOST = ConfigKey.of("http.host", "0.0.0.0");
  /** 0 or less: one HTTP verticle instance per core. */
  public static final ConfigKey HTTP_INSTANCES = ConfigKey.of("http.instances", 0);
  public static final ConfigKey HTTP_BODY_LIMIT_BYTES = ConfigKey.of("http.body-limit-bytes", 65_536);

  // MongoDB
  public static final ConfigKey MONGO_URI = ConfigKey.of("mongo.uri", "mongodb://127.0.0.1:27017");
  public static final ConfigKey MONGO_DATABASE = ConfigKey.of("mongo.database", "dailyflow");
  public static final ConfigKey MONGO_MAX_POOL = ConfigKey.of("mongo.max-pool-size", 20);
  public static final ConfigKey MONGO_TIMEOUT_MS = ConfigKey.of("mongo.timeout-ms", 3_000);

  // Redis
  public static final ConfigKey REDIS_URI = ConfigKey.of("redis.uri", "redis://127.0.0.1:6379");
  public static final ConfigKey REDIS_POOL_SIZE = ConfigKey.of("redis.pool-size", 32);
  public static final ConfigKey REDIS_POOL_WAITING = ConfigKey.of("redis.pool-waiting", 2_048);
  public static final ConfigKey REDIS_TIMEOUT_MS = ConfigKey.of("redis.timeout-ms", 250);

  // SQS (Amazon SQS, LocalStack on 4566, or ElasticMQ)
  public static final ConfigKey SQS_ENDPOINT = ConfigKey.of("sqs.endpoint", "http://127.0.0.1:9324");
  public static final ConfigKey SQS_REGION = ConfigKey.of("sqs.region", "us-east-1");
  public static final ConfigKey SQS_QUEUE_NAME = ConfigKey.of("sqs.queue-name", "testQueue");
  /** Empty: the SDK's default credential chain (production); set both for local servers. */
  public static final ConfigKey SQS_ACCESS_KEY = ConfigKey.of("sqs.access-key", "");
  public static final ConfigKey SQS_SECRET_KEY = ConfigKey.of("sqs.secret-key", "");
  /** Create the queue (and its dead-letter queue) at start if it does not exist. */
  public static final ConfigKey SQS_CREATE_QUEUE = ConfigKey.of("sqs.create-queue", true);
  public static final ConfigKey SQS_MAX_RECEIVES = ConfigKey.of("sqs.max-receives", 5);

  // JWT verification (every service but Auth needs only this)
  /** One or more X.509 PEM public keys (current and previous during a rotation); may be empty
   * when {@code jwt.jwks-url} is set. */
  public static final ConfigKey JWT_PUBLIC_KEY_PATH =
      ConfigKey.of("jwt.public-key-path", "conf/keys/public.pem");
  public static final ConfigKey JWT_ISSUER = ConfigKey.of("jwt.issuer", "dailyflow-auth");
  public static final ConfigKey JWT_AUDIENCE = ConfigKey.of("jwt.audience", "dailyflow");
  public static final ConfigKey JWT_LEEWAY_SECONDS = ConfigKey.of("jwt.leeway-seconds", 30);
  /** Optional: verify with the keys the Auth API publishes (its /.well-known/jwks.json). */
  public static final ConfigKey JWT_JWKS_URL = ConfigKey.of("jwt.jwks-url", "");
  /** Least time between two key reloads caused by unknown kids: forged kids cannot hammer Auth. */
  public static final ConfigKey JWT_KEYS_REFRESH_FLOOR_SECONDS =
      ConfigKey.of("jwt.keys-refresh-floor-seconds", 30);
  /** Verified tokens remembered (until their exp) so a hot client is not re-verified. */
  public static final ConfigKey JWT_CACHE_SIZE = ConfigKey.of("jwt.cache-size", 10_000);

  // Business
  public static final ConfigKey BUSINESS_ZONE = ConfigKey.of("business.zone", "America/Sao_Paulo");
  /** Per-company overrides of the zone: {@code {"company-a": "Europe/Lisbon"}}. */
  public static final ConfigKey BUSINESS_COMPANY_ZONES =
      ConfigKey.of("business.company-zones", new io.vertx.core.json.JsonObject());

  public static final List<ConfigKey> ALL = List.of(HTTP_HOST, HTTP_INSTANCES,
      HTTP_BODY_LIMIT_BYTES, MONGO_URI, MONGO_DATABASE, MONGO_MAX_POOL, MONGO_TIMEOUT_MS,
      REDIS_URI, REDIS_POOL_SIZE, REDIS_POOL_WAITING, REDIS_TIMEOUT_MS, SQS_ENDPOINT, SQS_REGION,
      SQS_QUEUE_NAME, SQS_ACCESS_KEY, SQS_SECRET_KEY, SQS_CREATE_QUEUE, SQS_MAX_RECEIVES,
      JWT_PUBLIC_KEY_PATH, JWT_ISSUER, JWT_AUDIENCE, JWT_LEEWAY_SECONDS, JWT_JWKS_URL,
      JWT_KEYS_REFRESH_FLOOR_SECONDS, JWT_CACHE_SIZE, BUSINESS_ZONE, BUSINESS_COMPANY_ZONES);

  private CommonKeys() {
  }
}
