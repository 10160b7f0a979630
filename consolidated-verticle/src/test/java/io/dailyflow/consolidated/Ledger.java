package io.dailyflow.consolidated;

import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.DayTotalsDocuments.DaySums;
import io.dailyflow.common.release.DayVersions;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.Future;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import io.vertx.redis.client.RedisAPI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Test fixture that records releases the way the consumer does: the amounts added to the day's
 * totals shards ({@link DayTotalsDocuments}), the documents written with
 * {@link ReleaseDocuments#toDocument} straight into MongoDB, then the day's version replaced by a
 * fresh token ({@link DayVersions#newVersion()}, SET with {@link DayVersions#VERSION_TTL}).
 */
public final class Ledger {

  private final MongoClient mongo;
  private final RedisAPI redis;

  public Ledger(MongoClient mongo, RedisAPI redis) {
    this.mongo = mongo;
    this.redis = redis;
  }

  public static String newCompany() {
    return "company-" + UUID.randomUUID();
  }

  /** Stores the releases, then bumps the day's version: what the consumer does per batch. */
  public Future<Void> record(String companyId, LocalDate date, long... cents) {
    return store(companyId, date, cents).compose(ignored -> bump(companyId, date));
  }

  /**
   * Stores without bumping the version: a store whose version bump has not happened yet. Each
   * amount goes to the shard its release's id picks, as the consumer counts it.
   */
  public Future<Void> store(String companyId, LocalDate date, long... cents) {
    List<BulkOperation> inserts = new ArrayList<>(cents.length);
    Map<Integer, DaySums> byShard = new TreeMap<>();
    for (long amount : cents) {
      ReleaseMessage release = release(companyId, date, amount);
      inserts.add(BulkOperation.createInsert(ReleaseDocuments.toDocument(release, Instant.now())));
      byShard.merge(DayTotalsDocuments.shardOf(release.id()), DaySums.ZERO.plus(amount),
          DaySums::plus);
    }
    List<Future<?>> counted = new ArrayList<>();
    byShard.forEach((shard, sums) -> counted.add(mongo.updateCollectionWithOptions(
        DayTotalsDocuments.COLLECTION, DayTotalsDocuments.byId(companyId, date, shard),
        DayTotalsDocuments.addUpdate(companyId, date, shard, sums),
        new UpdateOptions().setUpsert(true))));
    return Future.all(counted)
        .compose(ok -> inserts.isEmpty() ? Future.succeededFuture()
            : mongo.bulkWrite(ReleaseDocuments.COLLECTION, inserts))
        .mapEmpty();
  }

  /** Replaces the day's version with a fresh token, as the consumer does after a store. */
  public Future<Void> bump(String companyId, LocalDate date) {
    return redis.set(List.of(DayVersions.versionKey(companyId, date), DayVersions.newVersion(),
        "EX", Long.toString(DayVersions.VERSION_TTL.toSeconds()))).mapEmpty();
  }

  /** The day's current version token, or {@code null} if it has none. */
  public Future<String> version(String companyId, LocalDate date) {
    return redis.get(DayVersions.versionKey(companyId, date))
        .map(value -> value == null ? null : value.toString());
  }

  private static ReleaseMessage release(String companyId, LocalDate date, long cents) {
    return new ReleaseMessage(UUID.randomUUID().toString(), companyId, "user-1", "test release",
        cents, date, date.atTime(12, 0).toInstant(ZoneOffset.UTC), "req-test", null);
  }
}
