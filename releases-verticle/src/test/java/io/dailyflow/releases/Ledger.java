package io.dailyflow.releases;

import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** Records releases in MongoDB exactly as the consumer does (the ReleaseDocuments shape). */
public final class Ledger {

  private final MongoClient mongo;

  public Ledger(MongoClient mongo) {
    this.mongo = mongo;
  }

  public static ReleaseMessage message(String companyId, String description, long cents,
      LocalDate date, String reverses) {
    return new ReleaseMessage(UUID.randomUUID().toString(), companyId, "user-x", description,
        cents, date, date.atStartOfDay().toInstant(java.time.ZoneOffset.UTC), "req-seed",
        reverses);
  }

  public Future<ReleaseMessage> record(ReleaseMessage message, long recordedAtMillis) {
    JsonObject doc = ReleaseDocuments.toDocument(message, Instant.ofEpochMilli(recordedAtMillis));
    return mongo.insert(ReleaseDocuments.COLLECTION, doc).map(id -> message);
  }

  public Future<ReleaseMessage> record(String companyId, String description, long cents,
      LocalDate date) {
    return record(message(companyId, description, cents, date, null), System.currentTimeMillis());
  }
}
