package io.dailyflow.consumer.totals;

import static io.dailyflow.common.release.DayTotalsDocuments.EPOCH;
import static io.dailyflow.common.release.DayTotalsDocuments.PENDING;

import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.DayTotalsDocuments.DaySums;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.BulkOperation;
import io.vertx.ext.mongo.BulkWriteOptions;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Counts releases into their days' running totals before they are stored, exactly once whatever
 * the redeliveries (the protocol of {@link DayTotalsDocuments}). A release is counted in one
 * shard of its day, picked by its id. For a batch:
 * <ol>
 *   <li>read the epoch of each shard the batch touches (the last one seen, or created/read
 *       now);</li>
 *   <li>find, in one query for the whole batch, which releases already have a document: those
 *       are counted, skip them (so are those pending in a day's document of the versions before
 *       shards: one more query, alongside);</li>
 *   <li>per shard, one conditional update adds the others, at that epoch, unless one of them is
 *       pending (the updates of all the batch's shards in one bulk write).</li>
 * </ol>
 * If an update matches nothing, the shard is read again: at the same epoch, the releases now
 * found pending were counted by another delivery and are dropped before trying again; at a new
 * epoch (a prune ran), that shard's releases are checked again from step 2. After
 * {@value #MAX_ATTEMPTS} attempts the shard fails and its releases are redelivered.
 */
public final class DayTotalsWriter {

  static final int MAX_ATTEMPTS = 8;
  private static final JsonObject ID_ONLY = new JsonObject().put(ReleaseDocuments.ID, 1);
  private static final JsonObject EPOCH_ONLY = new JsonObject().put(EPOCH, 1);
  private static final JsonObject EPOCH_AND_PENDING = new JsonObject().put(EPOCH, 1)
      .put(PENDING, 1);
  private static final JsonObject PENDING_ONLY = new JsonObject().put(PENDING, 1);
  private static final BulkWriteOptions UNORDERED = new BulkWriteOptions().setOrdered(false);

  private final MongoClient mongo;
  private final TotalsState state;

  public DayTotalsWriter(MongoClient mongo, TotalsState state) {
    this.mongo = mongo;
    this.state = state;
  }

  /**
   * Counts every release of {@code releases} that is not counted yet; duplicates allowed. Shards
   * are counted independently: the result holds the ids of the releases whose shards were counted
   * (so they may be stored), and fails only if no shard could be counted.
   */
  public Future<Set<String>> count(Collection<ReleaseMessage> releases) {
    Map<TotalsShard, Map<String, Long>> byShard = new LinkedHashMap<>();
    for (ReleaseMessage release : releases) {
      byShard.computeIfAbsent(TotalsShard.of(release), shard -> new LinkedHashMap<>())
          .put(release.id(), release.amountCents());
    }
    List<TotalsShard> shards = List.copyOf(byShard.keySet());
    List<Future<Long>> epochs = shards.stream().map(this::epoch).toList();
    // Every epoch is read before the one existence check: the order the fence needs.
    Future<Set<String>> stored = Future.join(epochs).transform(ignored -> {
      List<String> ids = new ArrayList<>();
      Set<String> legacyIds = new HashSet<>();
      for (int i = 0; i < shards.size(); i++) {
        if (epochs.get(i).succeeded()) {
          ids.addAll(byShard.get(shards.get(i)).keySet());
          legacyIds.add(shards.get(i).legacyId());
        }
      }
      return counted(ids, legacyIds);
    });
    return stored.transform(check -> {
      List<ShardCount> counts = new ArrayList<>(shards.size());
      List<Future<Set<String>>> counted = new ArrayList<>(shards.size());
      for (int i = 0; i < shards.size(); i++) {
        Map<String, Long> amounts = byShard.get(shards.get(i));
        Future<Long> epoch = epochs.get(i);
        if (check.failed() || epoch.failed()) {
          counted.add(Future.failedFuture(check.failed() ? check.cause() : epoch.cause()));
        } else {
          ShardCount count = new ShardCount(shards.get(i), without(amounts, check.result()),
              epoch.result());
          counts.add(count);
          counted.add(count.done.future().map(amounts.keySet()));
        }
      }
      countTogether(counts);
      return Future.join(counted).transform(ignored -> countedIds(counted));
    });
  }

  /** Step 3 for one shard: what to add, at which epoch, and when it is done. */
  private record ShardCount(TotalsShard shard, Map<String, Long> uncounted, long epoch,
      Promise<Void> done) {

    ShardCount(TotalsShard shard, Map<String, Long> uncounted, long epoch) {
      this(shard, uncounted, epoch, Promise.promise());
    }
  }

  /**
   * Step 3 for the shards of a batch in one unordered bulk write (one command for the store
   * instead of one per shard). If every update matched, all are counted; otherwise each shard
   * is read again and goes on alone, as a single update that matched nothing would (a shard
   * whose update did match finds its ids pending and is done).
   */
  private void countTogether(List<ShardCount> counts) {
    List<ShardCount> due = counts.stream().filter(c -> !c.uncounted().isEmpty()).toList();
    counts.stream().filter(c -> c.uncounted().isEmpty()).forEach(c -> c.done().complete());
    if (due.isEmpty()) {
      return;
    }
    List<BulkOperation> updates = due.stream()
        .map(c -> BulkOperation.createUpdate(countFilter(c.shard(), c.uncounted(), c.epoch()),
            DayTotalsDocuments.countUpdate(sumsOf(c.uncounted()), c.uncounted().keySet())))
        .toList();
    mongo.bulkWriteWithOptions(DayTotalsDocuments.COLLECTION, updates, UNORDERED)
        .onComplete(written -> due.forEach(c -> {
          if (written.failed()) {
            c.done().fail(written.cause());
          } else if (written.result().getMatchedCount() == due.size()) {
            c.done().complete();
          } else {
            retry(c.shard(), c.uncounted(), c.epoch(), 1).onComplete(c.done());
          }
        }));
  }

  private static Future<Set<String>> countedIds(List<Future<Set<String>>> shards) {
    Set<String> counted = new HashSet<>();
    Throwable failure = null;
    for (Future<Set<String>> shard : shards) {
      if (shard.succeeded()) {
        counted.addAll(shard.result());
      } else {
        failure = shard.cause();
      }
    }
    return counted.isEmpty() && failure != null ? Future.failedFuture(failure)
        : Future.succeededFuture(counted);
  }

  /** These releases are stored: their ids may leave their shards' pending lists. */
  public void stored(Collection<ReleaseMessage> releases) {
    Map<String, List<String>> byShard = new LinkedHashMap<>();
    for (ReleaseMessage release : releases) {
      byShard.computeIfAbsent(TotalsShard.of(release).id(), shard -> new ArrayList<>())
          .add(release.id());
    }
    byShard.forEach(state::settled);
  }

  /** The shard's epoch: the last one seen in this process, or read (creating the document). */
  private Future<Long> epoch(TotalsShard shard) {
    Long known = state.epoch(shard.id());
    return known != null ? Future.succeededFuture(known)
        : read(shard, EPOCH_ONLY).map(doc -> doc.getLong(EPOCH));
  }

  /** Steps 2 and 3 for one shard at {@code epoch}, after a prune changed it. */
  private Future<Void> checkAndCount(TotalsShard shard, Map<String, Long> amounts, long epoch,
      int attempt) {
    return counted(amounts.keySet(), Set.of(shard.legacyId())).compose(stored -> {
      Map<String, Long> uncounted = without(amounts, stored);
      return update(shard, uncounted, epoch, attempt);
    });
  }

  private Future<Void> update(TotalsShard shard, Map<String, Long> uncounted, long epoch,
      int attempt) {
    if (uncounted.isEmpty()) {
      return Future.succeededFuture();
    }
    if (attempt > MAX_ATTEMPTS) {
      return Future.failedFuture(new IllegalStateException("Could not count " + uncounted.size()
          + " releases of " + shard.id() + " in " + MAX_ATTEMPTS + " attempts"));
    }
    return mongo.updateCollection(DayTotalsDocuments.COLLECTION,
            countFilter(shard, uncounted, epoch),
            DayTotalsDocuments.countUpdate(sumsOf(uncounted), uncounted.keySet()))
        .compose(result -> result.getDocMatched() > 0 ? Future.succeededFuture()
            : retry(shard, uncounted, epoch, attempt));
  }

  /**
   * A count of the shard matched nothing: read it again; at the same epoch drop the ids now
   * pending (counted by another delivery) and try again, at a new one check again from step 2.
   */
  private Future<Void> retry(TotalsShard shard, Map<String, Long> uncounted, long epoch,
      int attempt) {
    return read(shard, EPOCH_AND_PENDING).compose(doc -> {
      long now = doc.getLong(EPOCH);
      return now == epoch
          ? update(shard, without(uncounted, pendingOf(doc)), epoch, attempt + 1)
          : checkAndCount(shard, uncounted, now, attempt + 1);
    });
  }

  private static JsonObject countFilter(TotalsShard shard, Map<String, Long> uncounted,
      long epoch) {
    return DayTotalsDocuments.countFilter(shard.companyId(), shard.date(), shard.shard(), epoch,
        uncounted.keySet());
  }

  private static DaySums sumsOf(Map<String, Long> uncounted) {
    DaySums sums = DaySums.ZERO;
    for (long cents : uncounted.values()) {
      sums = sums.plus(cents);
    }
    return sums;
  }

  /** The shard's document ({@code fields} of it), created with zero totals if absent. */
  private Future<JsonObject> read(TotalsShard shard, JsonObject fields) {
    return mongo.findOneAndUpdateWithOptions(DayTotalsDocuments.COLLECTION,
            DayTotalsDocuments.byId(shard.companyId(), shard.date(), shard.shard()),
            DayTotalsDocuments.createIfAbsent(shard.companyId(), shard.date(), shard.shard()),
            new FindOptions().setFields(fields),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(doc -> {
          state.sawEpoch(shard.id(), doc.getLong(EPOCH));
          return doc;
        });
  }

  /**
   * The ids among {@code ids} that are counted already: their release documents exist, or a
   * version before shards counted them into a day's single document ({@code legacyIds}) and had
   * not stored them yet (its pending list, which that version alone writes).
   */
  private Future<Set<String>> counted(Collection<String> ids, Set<String> legacyIds) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonArray wanted = new JsonArray(List.copyOf(ids));
    Future<Set<String>> legacy = mongo.findWithOptions(DayTotalsDocuments.COLLECTION,
            new JsonObject()
                .put(DayTotalsDocuments.ID, new JsonObject().put("$in",
                    new JsonArray(List.copyOf(legacyIds))))
                .put(PENDING, new JsonObject().put("$in", wanted)),
            new FindOptions().setFields(PENDING_ONLY))
        .map(docs -> {
          Set<String> pending = new HashSet<>();
          docs.forEach(doc -> pending.addAll(pendingOf(doc)));
          // A set: an old document's pending list may be long, and the batch's ids are a list.
          pending.retainAll(ids instanceof Set<?> ? ids : new HashSet<>(ids));
          return pending;
        });
    return Future.all(existing(ids), legacy).map(both -> {
      Set<String> counted = new HashSet<>(both.<Set<String>>resultAt(0));
      counted.addAll(both.<Set<String>>resultAt(1));
      return counted;
    });
  }

  /** The ids among {@code ids} whose release documents exist. */
  private Future<Set<String>> existing(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    JsonObject query = new JsonObject().put(ReleaseDocuments.ID,
        new JsonObject().put("$in", new JsonArray(List.copyOf(ids))));
    return mongo.findWithOptions(ReleaseDocuments.COLLECTION, query,
            new FindOptions().setFields(ID_ONLY))
        .map(docs -> docs.stream().map(doc -> doc.getString(ReleaseDocuments.ID))
            .collect(Collectors.toSet()));
  }

  private static Set<String> pendingOf(JsonObject doc) {
    JsonArray pending = doc.getJsonArray(PENDING, new JsonArray());
    Set<String> ids = new HashSet<>(pending.size());
    pending.forEach(id -> ids.add((String) id));
    return ids;
  }

  private static Map<String, Long> without(Map<String, Long> amounts, Set<String> ids) {
    if (ids.isEmpty()) {
      return amounts;
    }
    Map<String, Long> rest = new LinkedHashMap<>(amounts);
    rest.keySet().removeAll(ids);
    return rest;
  }
}
