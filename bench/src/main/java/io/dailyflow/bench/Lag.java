package io.dailyflow.bench;

import io.dailyflow.common.release.ReleaseDocuments;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.HdrHistogram.Histogram;

/**
 * Accepted-to-recorded lag of every stored release of {@code --company} on {@code --date}:
 * {@code recordedAt - acceptedAt} from the documents. The consumer bumps the day version right
 * after the store of the batch, so this is the lag to the release showing in the report (plus the
 * one Redis SET of the bump).
 */
final class Lag {

  private Lag() {
  }

  static int run(Args args) {
    Vertx vertx = Vertx.vertx();
    MongoClient mongo = MongoClient.createShared(vertx, new JsonObject()
        .put("connection_string", args.required("mongo"))
        .put("db_name", args.string("db", "dailyflow")));
    JsonObject query = new JsonObject().put(ReleaseDocuments.COMPANY, args.required("company"))
        .put(ReleaseDocuments.DATE, args.required("date"));
    List<JsonObject> docs = mongo.findWithOptions(ReleaseDocuments.COLLECTION, query,
        new FindOptions().setFields(new JsonObject().put(ReleaseDocuments.ACCEPTED_AT, 1)
            .put(ReleaseDocuments.RECORDED_AT, 1))).await();
    Histogram histogram = new Histogram(TimeUnit.MINUTES.toMillis(30), 3);
    for (JsonObject doc : docs) {
      long accepted = Instant.parse(doc.getString(ReleaseDocuments.ACCEPTED_AT)).toEpochMilli();
      long recorded = doc.getLong(ReleaseDocuments.RECORDED_AT);
      histogram.recordValue(Math.max(0, recorded - accepted));
    }
    Output.line(new JsonObject().put("label", "accepted-to-recorded lag")
        .put("releases", docs.size())
        .put("p50_ms", histogram.getValueAtPercentile(50))
        .put("p99_ms", histogram.getValueAtPercentile(99))
        .put("p999_ms", histogram.getValueAtPercentile(99.9))
        .put("max_ms", histogram.getMaxValue()).encode());
    mongo.close().await();
    vertx.close().await();
    return 0;
  }
}
