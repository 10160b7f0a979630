package io.dailyflow.consumer;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.DayTotalsDocuments.DaySums;
import io.dailyflow.common.release.DayVersions;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.testing.TestInfra;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.RedisAPI;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * One test's consumer world: its own queue and database on the shared test servers, the test's
 * clients to look at them, and the consumer service to deploy.
 */
final class ConsumerHarness implements AutoCloseable {

  final Vertx vertx;
  final Config config;
  final QueueFixture queue;
  final MongoClient mongo;
  final RedisAPI redis;
  /** Company ids of this test only: the Redis version keys are shared by the tests of a class. */
  final String companyA;
  final String companyB;

  private ConsumerHarness(Vertx vertx, Config config) {
    this.vertx = vertx;
    this.config = config;
    this.queue = new QueueFixture(vertx, config);
    this.mongo = MongoClients.create(vertx, config);
    this.redis = RedisAPI.api(RedisClients.create(vertx, config));
    String suffix = config.string(CommonKeys.SQS_QUEUE_NAME);
    this.companyA = "company-a-" + suffix;
    this.companyB = "company-b-" + suffix;
  }

  /** Fast test settings (short polls and back-off, no HTTP server) plus {@code overrides}. */
  static ConsumerHarness create(Vertx vertx, TestInfra infra, Map<String, Object> overrides) {
    Map<String, Object> values = new HashMap<>();
    String suffix = UUID.randomUUID().toString().replace("-", "");
    values.put("sqs.queue-name", "q-" + suffix.substring(0, 12));
    values.put("mongo.database", "db" + suffix);
    values.put(ConsumerKeys.WAIT_SECONDS.name(), 1);
    values.put(ConsumerKeys.BACKOFF_INITIAL_MS.name(), 100);
    values.put(ConsumerKeys.BACKOFF_MAX_MS.name(), 500);
    values.put(ConsumerKeys.QUEUE_DEPTH_INTERVAL_MS.name(), 500);
    values.put(ConsumerKeys.HTTP_ENABLED.name(), false);
    values.putAll(overrides);
    return new ConsumerHarness(vertx, infra.config(values));
  }

  /** Deploys the consumer service as {@code ConsumerMain} does; creates the queue first. */
  Future<String> deploy() {
    return queue.url().compose(url -> vertx.deployVerticle(new ConsumerRootVerticle(config)));
  }

  Future<Long> stored() {
    return mongo.count(ReleaseDocuments.COLLECTION, new JsonObject());
  }

  Future<JsonObject> document(String id) {
    return mongo.findOne(ReleaseDocuments.COLLECTION, new JsonObject().put("_id", id), null);
  }

  /** The day's running totals as the consumer keeps them (its shards added up); zeros if none. */
  Future<DaySums> totals(String companyId, LocalDate day) {
    return mongo.find(DayTotalsDocuments.COLLECTION, DayTotalsDocuments.dayFilter(companyId, day))
        .map(docs -> docs.stream().map(DaySums::of).reduce(DaySums.ZERO, DaySums::plus));
  }

  /** The day's freshness version token, {@code null} if the day has none. */
  Future<String> version(String companyId, LocalDate day) {
    return redis.get(DayVersions.versionKey(companyId, day))
        .map(value -> value == null ? null : value.toString());
  }

  /** Gives the day a version as a reader would before any store; returns that token. */
  Future<String> giveVersion(String companyId, LocalDate day) {
    String token = DayVersions.newVersion();
    return redis.set(List.of(DayVersions.versionKey(companyId, day), token)).map(token);
  }

  /** Holds every Redis write (the consumer's version bumps) until {@link #resumeRedisWrites}. */
  Future<Void> pauseRedisWrites() {
    return redis.client(List.of("PAUSE", "30000", "WRITE")).mapEmpty();
  }

  Future<Void> resumeRedisWrites() {
    return redis.client(List.of("UNPAUSE")).mapEmpty();
  }

  /** Holds once {@code expected} releases are stored and the queue is empty. */
  Future<Boolean> allStoredAndDeleted(long expected) {
    return stored().compose(count -> count != expected ? Future.succeededFuture(false)
        : queue.messagesLeft().map(left -> left == 0));
  }

  @Override
  public void close() {
    queue.close();
  }
}
