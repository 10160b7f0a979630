package io.dailyflow.consolidated.bus;

import io.dailyflow.common.release.ReleaseDocuments;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates {@link ReleaseDocuments#DAY_INDEX} (a no-op when it exists). MongoDB being down at start
 * must not stop the service from starting: failed attempts are retried on a timer until it works
 * or the verticle stops.
 */
final class ReleaseIndex {

  private static final Logger LOG = LoggerFactory.getLogger(ReleaseIndex.class);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final long retryMs;
  private volatile boolean stopped;

  ReleaseIndex(Vertx vertx, MongoClient mongo, Duration retry) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.retryMs = retry.toMillis();
  }

  /** Completes (never fails) after the first attempt; a failed one is retried in background. */
  Future<Void> ensure() {
    if (stopped) {
      return Future.succeededFuture();
    }
    return mongo.createIndex(ReleaseDocuments.COLLECTION, ReleaseDocuments.DAY_INDEX)
        .onSuccess(ignored -> LOG.debug("Index {} on {} is in place", ReleaseDocuments.DAY_INDEX,
            ReleaseDocuments.COLLECTION))
        .otherwise(e -> {
          LOG.warn("Cannot create index on {} yet ({}); retrying in {} ms",
              ReleaseDocuments.COLLECTION, e.toString(), retryMs);
          vertx.setTimer(retryMs, id -> ensure());
          return null;
        });
  }

  void stop() {
    stopped = true;
  }
}
