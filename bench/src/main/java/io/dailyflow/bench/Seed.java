package io.dailyflow.bench;

import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.DayTotalsDocuments.DaySums;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * Records {@code --count} releases of {@code --company} on {@code --date} straight into MongoDB
 * in the consumer's order (each batch's amounts added to the day's {@link DayTotalsDocuments},
 * then the batch inserted in the {@link ReleaseDocuments} shape), and prints the expected totals
 * as JSON.
 */
final class Seed {

  private Seed() {
  }

  static int run(Args args) {
    Vertx vertx = Vertx.vertx();
    MongoClient mongo = MongoClient.createShared(vertx, new JsonObject()
        .put("connection_string", args.required("mongo"))
        .put("db_name", args.string("db", "dailyflow")));
    String company = args.required("company");
    LocalDate date = LocalDate.parse(args.required("date"));
    long count = args.number("count", 100_000);
    int batch = (int) args.number("batch", 1_000);
    DaySums all = DaySums.ZERO;
    long started = System.nanoTime();
    Instant accepted = date.atStartOfDay().toInstant(java.time.ZoneOffset.UTC).plusSeconds(43_200);
    for (long from = 0; from < count; from += batch) {
      List<BulkOperation> ops = new ArrayList<>();
      DaySums sums = DaySums.ZERO;
      for (long i = from; i < Math.min(count, from + batch); i++) {
        long cents = (i % 3 == 0) ? -(1 + i % 9_999) : (1 + i % 99_999);
        sums = sums.plus(cents);
        all = all.plus(cents);
        ReleaseMessage message = new ReleaseMessage("seed-" + company + "-" + date + "-" + i,
            company, "seed-user", "seeded release " + i, cents, date, accepted.plusMillis(i),
            "seed-" + i, null);
        ops.add(BulkOperation.createInsert(
            ReleaseDocuments.toDocument(message, accepted.plusMillis(i + 5))));
      }
      mongo.updateCollectionWithOptions(DayTotalsDocuments.COLLECTION,
          DayTotalsDocuments.byId(company, date, 0),
          DayTotalsDocuments.addUpdate(company, date, 0, sums),
          new UpdateOptions().setUpsert(true)).await();
      mongo.bulkWriteWithOptions(ReleaseDocuments.COLLECTION, ops,
          new BulkWriteOptions().setOrdered(false)).await();
    }
    Output.line(new JsonObject().put("company", company).put("date", date.toString())
        .put("count", count).put("credits_cents", all.credits()).put("debits_cents", all.debits())
        .put("seconds", (System.nanoTime() - started) / 1e9).encode());
    mongo.close().await();
    vertx.close().await();
    return 0;
  }
}
