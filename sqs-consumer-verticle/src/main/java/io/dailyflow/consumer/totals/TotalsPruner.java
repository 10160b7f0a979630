package io.dailyflow.consumer.totals;

import static io.dailyflow.common.release.DayTotalsDocuments.EPOCH;

import io.dailyflow.common.release.DayTotalsDocuments;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the pending lists of the day totals' shards short: every period, one update per shard
 * removes the ids of the releases the loops of this process stored since the last run, and starts
 * that shard's new epoch (see
 * {@link DayTotalsDocuments}). Pruning only saves space and time: a prune that fails is retried
 * at the next period, and ids of a process that died before pruning stay pending, harmlessly.
 */
public final class TotalsPruner {

  private static final Logger LOG = LoggerFactory.getLogger(TotalsPruner.class);

  private final Vertx vertx;
  private final MongoClient mongo;
  private final TotalsState state;
  private long timerId = -1;
  private Future<Void> running = Future.succeededFuture();

  public TotalsPruner(Vertx vertx, MongoClient mongo, TotalsState state) {
    this.vertx = vertx;
    this.mongo = mongo;
    this.state = state;
  }

  public void start(long periodMs) {
    timerId = vertx.setPeriodic(periodMs, id -> {
      if (running.isComplete()) {
        running = pruneNow();
      }
    });
  }

  /** Stops the timer and runs a last prune for what the stopped loops stored; never fails. */
  public Future<Void> stop() {
    vertx.cancelTimer(timerId);
    return running.eventually(this::pruneNow);
  }

  Future<Void> pruneNow() {
    Map<String, Set<String>> settled = state.takeSettled();
    List<Future<Void>> shards = new ArrayList<>(settled.size());
    settled.forEach((shardId, ids) -> shards.add(prune(shardId, ids)));
    return Future.join(shards).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Void> prune(String shardId, Set<String> ids) {
    return mongo.findOneAndUpdateWithOptions(DayTotalsDocuments.COLLECTION,
            DayTotalsDocuments.pruneFilter(shardId, ids),
            DayTotalsDocuments.pruneUpdate(ids),
            new FindOptions().setFields(new JsonObject().put(EPOCH, 1)),
            new UpdateOptions().setReturningNewDocument(true))
        .onSuccess(doc -> {
          if (doc != null) {
            state.sawEpoch(shardId, doc.getLong(EPOCH));
          }
        })
        .onFailure(e -> {
          LOG.debug("Pruning {} pending ids of {} failed, retrying later: {}", ids.size(), shardId,
              e.toString());
          state.settled(shardId, ids);
        })
        .mapEmpty();
  }
}
