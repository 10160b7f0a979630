package io.dailyflow.releases.query;

import static io.dailyflow.common.release.ReleaseDocuments.COLLECTION;
import static io.dailyflow.common.release.ReleaseDocuments.COMPANY;
import static io.dailyflow.common.release.ReleaseDocuments.DATE;
import static io.dailyflow.common.release.ReleaseDocuments.ID;
import static io.dailyflow.common.release.ReleaseDocuments.RECORDED_AT;
import static io.dailyflow.common.release.ReleaseDocuments.REVERSES;

import io.dailyflow.common.http.Problem;
import io.dailyflow.common.http.ProblemException;
import io.dailyflow.releases.OutageLog;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Reads recorded releases (written by the consumer in the {@code ReleaseDocuments} shape), always
 * scoped to one company. MongoDB failing or not answering within {@code mongo.timeout-ms} is a
 * 503 with {@code Retry-After}.
 */
public final class ReleaseRepository {

  private static final JsonObject ID_ONLY = new JsonObject().put(ID, 1).put(REVERSES, 1);
  private static final JsonObject RECORDING_ORDER = new JsonObject().put(RECORDED_AT, 1)
      .put(ID, 1);

  private final MongoClient mongo;
  private final long timeoutMs;

  public ReleaseRepository(MongoClient mongo, long timeoutMs) {
    this.mongo = mongo;
    this.timeoutMs = timeoutMs;
  }

  /** The company's release with that id, or {@code null}. */
  public Future<JsonObject> findOwned(String companyId, String id) {
    return guarded(mongo.findOne(COLLECTION, new JsonObject().put(ID, id).put(COMPANY, companyId),
        null));
  }

  /** The id of the release that reverses {@code id}, or {@code null}. */
  public Future<String> reversalOf(String companyId, String id) {
    return guarded(mongo.findOne(COLLECTION,
            new JsonObject().put(REVERSES, id).put(COMPANY, companyId), ID_ONLY))
        .map(doc -> doc == null ? null : doc.getString(ID));
  }

  /** Original id -> id of its reversal, for those of {@code ids} that were reversed. */
  public Future<Map<String, String>> reversalsOf(String companyId, List<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Map.of());
    }
    JsonObject query = new JsonObject().put(REVERSES, new JsonObject().put("$in",
        new JsonArray(ids))).put(COMPANY, companyId);
    return guarded(mongo.findWithOptions(COLLECTION, query, new FindOptions().setFields(ID_ONLY)))
        .map(docs -> {
          Map<String, String> reversedBy = new HashMap<>();
          docs.forEach(doc -> reversedBy.put(doc.getString(REVERSES), doc.getString(ID)));
          return reversedBy;
        });
  }

  /** Up to {@code limit} releases of that day in recording order, after the cursor if any. */
  public Future<List<JsonObject>> page(String companyId, LocalDate date, PageCursor after,
      int limit) {
    JsonObject query = new JsonObject().put(COMPANY, companyId).put(DATE, date.toString());
    if (after != null) {
      query.put("$or", new JsonArray()
          .add(new JsonObject().put(RECORDED_AT, new JsonObject().put("$gt", after.recordedAt())))
          .add(new JsonObject().put(RECORDED_AT, after.recordedAt())
              .put(ID, new JsonObject().put("$gt", after.id()))));
    }
    return guarded(mongo.findWithOptions(COLLECTION, query,
        new FindOptions().setSort(RECORDING_ORDER).setLimit(limit)));
  }

  private <T> Future<T> guarded(Future<T> call) {
    return call
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(ok -> OutageLog.MONGO.answered())
        .recover(e -> {
          OutageLog.MONGO.failed(e, "release reads answer 503");
          return Future.failedFuture(new ProblemException(Problem.unavailable(
              "The release store is not reachable; try again", 2)));
        });
  }
}
