package io.dailyflow.releases.query;

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
 * Ensures the indexes the reads rely on: {@link ReleaseDocuments#DAY_INDEX} (the daily list in
 * recording order) and {@code {reverses: 1}} ("reversedBy" and the reversal's 409). Runs in the
 * background and retries while MongoDB is down, so the service starts without it.
 */
public final class ReleaseIndexes {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseIndexes.class);
  private static final long RETRY_MS = 10_000;
  public static final JsonObject REVERSES_INDEX =
      new JsonObject().put(ReleaseDocuments.REVERSES, 1);

  private final Vertx vertx;
  private final MongoClient mongo;
  private long retryTimer = -1;
  private boolean closed;

  public ReleaseIndexes(Vertx vertx, MongoClient mongo) {
    this.vertx = vertx;
    this.mongo = mongo;
  }

  public void ensureInBackground() {
    ensure().onSuccess(v -> LOG.info("Release indexes are in place"))
        .onFailure(e -> {
          if (closed) {
            return;
          }
          LOG.warn("Cannot create release indexes yet (MongoDB: {}); retrying in {} ms",
              e.getMessage(), RETRY_MS);
          retryTimer = vertx.setTimer(RETRY_MS, id -> ensureInBackground());
        });
  }

  public Future<Void> ensure() {
    // Default names and options, as the consumer and the Consolidated API create them: MongoDB
    // refuses an index that differs from an existing one only by its name or options.
    return mongo.createIndexes(ReleaseDocuments.COLLECTION, List.of(
        new IndexModel(ReleaseDocuments.DAY_INDEX, new IndexOptions()),
        new IndexModel(REVERSES_INDEX, new IndexOptions())));
  }

  public Future<Void> close() {
    closed = true;
    vertx.cancelTimer(retryTimer);
    return mongo.close();
  }
}
