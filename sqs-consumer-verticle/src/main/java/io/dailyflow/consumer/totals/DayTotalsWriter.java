package io.dailyflow.consumer.totals;

import static io.dailyflow.common.release.DayTotalsDocuments.EPOCH;
import static io.dailyflow.common.release.DayTotalsDocuments.PENDING;

import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.DayTotalsDocuments.DaySums;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.LocalDate;
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
 * the redeliveries (the protocol of {@link DayTotalsDocuments}). For each day of a batch:
 * <ol>
 *   <li>read the epoch of the day's document (the last one seen, or created/read now);</li>
 *   <li>find which releases already have a document: those are counted, skip them;</li>
 *   <li>one conditional update adds the others, at that epoch, unless one of them is pending.</li>
 * </ol>
 * If the update matches nothing, the document is read again: at the same epoch, the releases now
 * found pending were counted by another delivery and are dropped before trying again; at a new
 * epoch (a prune ran), the releases are checked again from step 2. After
 * {@value #MAX_ATTEMPTS} attempts the batch fails and its messages are redelivered.
 */
public final class DayTotalsWriter {

  static final int MAX_ATTEMPTS = 8;
  private static final JsonObject ID_ONLY = new JsonObject().put(ReleaseDocuments.ID, 1);

  private final MongoClient mongo;
  private final TotalsState state;

  public DayTotalsWriter(MongoClient mongo, TotalsState state) {
    this.mongo = mongo;
    this.state = state;
  }

  /**
   * Counts every release of {@code releases} that is not counted yet; duplicates allowed. Days are
   * counted independently: the result holds the ids of the releases whose days were counted (so
   * they may be stored), and fails only if no day could be counted.
   */
  public Future<Set<String>> count(Collection<ReleaseMessage> releases) {
    Map<Day, Map<String, Long>> byDay = new LinkedHashMap<>();
    for (ReleaseMessage release : releases) {
      byDay.computeIfAbsent(new Day(release.companyId(), release.businessDate()),
          day -> new LinkedHashMap<>()).put(release.id(), release.amountCents());
    }
    List<Future<Set<String>>> days = new ArrayList<>(byDay.size());
    byDay.forEach((day, amounts) -> days.add(countDay(day, amounts).map(amounts.keySet())));
    return Future.join(days).transform(ignored -> {
      Set<String> counted = new HashSet<>();
      Throwable failure = null;
      for (Future<Set<String>> day : days) {
        if (day.succeeded()) {
          counted.addAll(day.result());
        } else {
          failure = day.cause();
        }
      }
      return counted.isEmpty() && failure != null ? Future.failedFuture(failure)
          : Future.succeededFuture(counted);
    });
  }

  /** These releases are stored: their ids may leave their days' pending lists. */
  public void stored(Collection<ReleaseMessage> releases) {
    Map<String, List<String>> byDay = new LinkedHashMap<>();
    for (ReleaseMessage release : releases) {
      byDay.computeIfAbsent(DayTotalsDocuments.id(release.companyId(), release.businessDate()),
          day -> new ArrayList<>()).add(release.id());
    }
    byDay.forEach(state::settled);
  }

  private Future<Void> countDay(Day day, Map<String, Long> amounts) {
    Long known = state.epoch(day.id());
    Future<Long> epoch = known != null ? Future.succeededFuture(known)
        : read(day).map(doc -> doc.getLong(EPOCH));
    return epoch.compose(e -> checkAndCount(day, amounts, e, 1));
  }

  /** Steps 2 and 3 at {@code epoch}. */
  private Future<Void> checkAndCount(Day day, Map<String, Long> amounts, long epoch, int attempt) {
    return existing(amounts.keySet()).compose(stored -> {
      Map<String, Long> uncounted = without(amounts, stored);
      return update(day, uncounted, epoch, attempt);
    });
  }

  private Future<Void> update(Day day, Map<String, Long> uncounted, long epoch, int attempt) {
    if (uncounted.isEmpty()) {
      return Future.succeededFuture();
    }
    if (attempt > MAX_ATTEMPTS) {
      return Future.failedFuture(new IllegalStateException("Could not count " + uncounted.size()
          + " releases of " + day.id() + " in " + MAX_ATTEMPTS + " attempts"));
    }
    DaySums sums = DaySums.ZERO;
    for (long cents : uncounted.values()) {
      sums = sums.plus(cents);
    }
    return mongo.findOneAndUpdateWithOptions(DayTotalsDocuments.COLLECTION,
            DayTotalsDocuments.countFilter(day.companyId(), day.date(), epoch, uncounted.keySet()),
            DayTotalsDocuments.countUpdate(sums, uncounted.keySet()),
            new FindOptions().setFields(new JsonObject().put(EPOCH, 1)),
            new UpdateOptions().setReturningNewDocument(true))
        .compose(counted -> {
          if (counted != null) {
            state.sawEpoch(day.id(), epoch);
            return Future.succeededFuture();
          }
          return read(day).compose(doc -> {
            long now = doc.getLong(EPOCH);
            return now == epoch
                ? update(day, without(uncounted, pendingOf(doc)), epoch, attempt + 1)
                : checkAndCount(day, uncounted, now, attempt + 1);
          });
        });
  }

  /** The day's document, created with zero totals if absent; its epoch is remembered. */
  private Future<JsonObject> read(Day day) {
    return mongo.findOneAndUpdateWithOptions(DayTotalsDocuments.COLLECTION,
            new JsonObject().put(DayTotalsDocuments.ID, day.id()),
            DayTotalsDocuments.createIfAbsent(day.companyId(), day.date()),
            new FindOptions().setFields(new JsonObject().put(EPOCH, 1).put(PENDING, 1)),
            new UpdateOptions().setUpsert(true).setReturningNewDocument(true))
        .map(doc -> {
          state.sawEpoch(day.id(), doc.getLong(EPOCH));
          return doc;
        });
  }

  /** The ids among {@code ids} whose release documents exist. */
  private Future<Set<String>> existing(Collection<String> ids) {
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

  /** A (company, business day) and the key of its totals document. */
  record Day(String companyId, LocalDate date) {

    String id() {
      return DayTotalsDocuments.id(companyId, date);
    }
  }
}
