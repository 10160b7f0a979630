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
 * Keeps the days' pending lists short: every period, one update per day removes the ids of the
 * releases the loops of this process stored since the last run, and starts a new epoch (see
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
    List<Future<Void>> days = new ArrayList<>(settled.size());
    settled.forEach((dayId, ids) -> days.add(prune(dayId, ids)));
    return Future.join(days).<Void>mapEmpty().otherwiseEmpty();
  }

  private Future<Void> prune(String dayId, Set<String> ids) {
    return mongo.findOneAndUpdateWithOptions(DayTotalsDocuments.COLLECTION,
            DayTotalsDocuments.pruneFilter(dayId, ids),
            DayTotalsDocuments.pruneUpdate(ids),
            new FindOptions().setFields(new JsonObject().put(EPOCH, 1)),
            new UpdateOptions().setReturningNewDocument(true))
        .onSuccess(doc -> {
          if (doc != null) {
            state.sawEpoch(dayId, doc.getLong(EPOCH));
          }
        })
        .onFailure(e -> {
          LOG.debug("Pruning {} pending ids of {} failed, retrying later: {}", ids.size(), dayId,
              e.toString());
          state.settled(dayId, ids);
        })
        .mapEmpty();
  }
}
