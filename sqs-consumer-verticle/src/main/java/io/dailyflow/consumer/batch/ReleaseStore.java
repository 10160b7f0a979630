package io.dailyflow.consumer.batch;

import com.mongodb.MongoBulkWriteException;
import com.mongodb.bulk.BulkWriteError;
import io.dailyflow.common.release.ReleaseDocuments;
import io.vertx.core.Future;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Stores a batch of releases with one unordered bulk insert keyed by the release id. A duplicate
 * key (11000) on an item means that release was stored by an earlier delivery: success for it.
 * Any other error of an item leaves that item for redelivery; a failed call fails the batch.
 */
public final class ReleaseStore {

  static final int DUPLICATE_KEY = 11000;

  private final MongoClient mongo;

  public ReleaseStore(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<StoreOutcome> store(List<ReceivedRelease> releases, Instant recordedAt) {
    if (releases.isEmpty()) {
      return Future.succeededFuture(new StoreOutcome(List.of(), List.of(), List.of()));
    }
    List<BulkOperation> inserts = releases.stream()
        .map(r -> BulkOperation.createInsert(ReleaseDocuments.toDocument(r.release(), recordedAt)))
        .toList();
    return mongo.bulkWriteWithOptions(ReleaseDocuments.COLLECTION, inserts,
            new BulkWriteOptions(false))
        .map(result -> new StoreOutcome(releases, List.of(), List.of()))
        .recover(e -> e instanceof MongoBulkWriteException bulk
            && bulk.getWriteConcernError() == null
            ? Future.succeededFuture(partial(releases, bulk.getWriteErrors()))
            : Future.failedFuture(e));
  }

  private static StoreOutcome partial(List<ReceivedRelease> releases, List<BulkWriteError> errors) {
    Map<Integer, Integer> codeByIndex = new HashMap<>();
    errors.forEach(error -> codeByIndex.put(error.getIndex(), error.getCode()));
    List<ReceivedRelease> inserted = new ArrayList<>();
    List<ReceivedRelease> duplicates = new ArrayList<>();
    List<ReceivedRelease> failed = new ArrayList<>();
    for (int i = 0; i < releases.size(); i++) {
      Integer code = codeByIndex.get(i);
      if (code == null) {
        inserted.add(releases.get(i));
      } else if (code == DUPLICATE_KEY) {
        duplicates.add(releases.get(i));
      } else {
        failed.add(releases.get(i));
      }
    }
    return new StoreOutcome(inserted, duplicates, failed);
  }
}
