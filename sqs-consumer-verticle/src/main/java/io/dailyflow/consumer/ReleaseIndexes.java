package io.dailyflow.consumer;

import io.dailyflow.common.release.ReleaseDocuments;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexModel;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates the indexes of the releases collection: {@link ReleaseDocuments#DAY_INDEX} and one on
 * {@code reverses} (who reversed a release). Storing does not need them (the id is the key), so
 * MongoDB being down at start does not fail the start: creation is retried until it succeeds.
 */
final class ReleaseIndexes {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseIndexes.class);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final long retryMs;
  private boolean cancelled;
  private long timerId = -1;

  ReleaseIndexes(Vertx vertx, MongoClient mongo, long retryMs) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.retryMs = retryMs;
  }

  /** Tries once and completes; after a failure keeps retrying in the background. */
  Future<Void> ensure() {
    return create()
        .onSuccess(v -> LOG.info("Release indexes are in place"))
        .recover(e -> {
          LOG.warn("Could not create the release indexes, retrying in {} ms: {}", retryMs,
              e.toString());
          retryLater();
          return Future.succeededFuture();
        });
  }

  void cancel() {
    cancelled = true;
    vertx.cancelTimer(timerId);
  }

  private void retryLater() {
    if (!cancelled) {
      timerId = vertx.setTimer(retryMs, id -> ensure());
    }
  }

  private Future<Void> create() {
    // Default names and options: the readers create the same indexes, and MongoDB refuses an
    // index that differs from an existing one only by its name or options.
    return mongo.createIndexes(ReleaseDocuments.COLLECTION, List.of(
        new IndexModel(ReleaseDocuments.DAY_INDEX, new IndexOptions()),
        new IndexModel(new JsonObject().put(ReleaseDocuments.REVERSES, 1), new IndexOptions())));
  }
}
