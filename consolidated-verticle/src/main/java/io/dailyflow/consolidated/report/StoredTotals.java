package io.dailyflow.consolidated.report;

import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.release.DayTotalsDocuments;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.FindOptions;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Totals per day as the consumer keeps them ({@link DayTotalsDocuments}): a few documents per
 * (company, day), the day's shards, read by key and added up, so a report costs the same for ten
 * releases or a million. A release's document exists only once its amount is in these totals, so
 * they never miss a recorded release. Sums are whole cents, read back exactly
 * ({@link ExactCents}) and added without overflow.
 */
public final class StoredTotals {

  private static final Timer TIMER = Timer.builder("consolidated.mongo.read")
      .description("Time of the MongoDB read of day totals behind an uncached report")
      .publishPercentileHistogram()
      .register(Metrics.registry());
  /**
   * Days per query of a range (17 keys each). The embedded MongoDB-protocol server checks every
   * document found against every key of an {@code $in}: one query for a year (6,222 keys, 3,767
   * documents) took a second there; in queries of 12 days it costs about what reading that many
   * documents costs (see ADR 0006). Only days missing from the cache are read; MongoDB itself
   * does not care either way.
   */
  static final int DAYS_PER_READ = 12;
  /** Queries of one range in flight at once (the pool has {@code mongo.max-pool-size}). */
  static final int READS_IN_FLIGHT = 4;
  private static final FindOptions TOTALS_ONLY =
      new FindOptions().setFields(DayTotalsDocuments.TOTALS_FIELDS);

  private final MongoClient mongo;
  private final long timeoutMs;

  /** @param timeout bound on one read; past it the report fails as unavailable */
  public StoredTotals(MongoClient mongo, Duration timeout) {
    this.mongo = mongo;
    this.timeoutMs = timeout.toMillis();
  }

  /** Totals of the given days that have a totals document; days without one are absent. */
  public Future<Map<LocalDate, DayTotals>> totals(String companyId, List<LocalDate> days) {
    Timer.Sample sample = Timer.start();
    List<List<LocalDate>> chunks = new ArrayList<>();
    for (int from = 0; from < days.size(); from += DAYS_PER_READ) {
      chunks.add(days.subList(from, Math.min(days.size(), from + DAYS_PER_READ)));
    }
    // A few lanes, each reading its chunks one after the other: a year must not take every
    // connection of the pool while daily reports wait.
    List<Future<List<JsonObject>>> lanes = new ArrayList<>();
    for (int lane = 0; lane < Math.min(READS_IN_FLIGHT, chunks.size()); lane++) {
      lanes.add(readLane(companyId, chunks, lane, new ArrayList<>()));
    }
    return Future.all(lanes)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(ReportUnavailableException.ifDependencyDown(e)))
        .map(all -> byDay(lanes.stream().flatMap(lane -> lane.result().stream()).toList()))
        .onComplete(ignored -> sample.stop(TIMER));
  }

  /** Reads chunks {@code index}, {@code index + READS_IN_FLIGHT}... in turn, into {@code docs}. */
  private Future<List<JsonObject>> readLane(String companyId, List<List<LocalDate>> chunks,
      int index, List<JsonObject> docs) {
    if (index >= chunks.size()) {
      return Future.succeededFuture(docs);
    }
    return read(companyId, chunks.get(index)).compose(found -> {
      docs.addAll(found);
      return readLane(companyId, chunks, index + READS_IN_FLIGHT, docs);
    });
  }

  private Future<List<JsonObject>> read(String companyId, List<LocalDate> days) {
    List<String> ids = new ArrayList<>(days.size() * (DayTotalsDocuments.SHARDS + 1));
    days.forEach(day -> ids.addAll(DayTotalsDocuments.dayIds(companyId, day)));
    JsonObject query = new JsonObject()
        .put(DayTotalsDocuments.ID, new JsonObject().put("$in", new JsonArray(ids)));
    return mongo.findWithOptions(DayTotalsDocuments.COLLECTION, query, TOTALS_ONLY);
  }

  private static Map<LocalDate, DayTotals> byDay(List<JsonObject> docs) {
    Map<LocalDate, DayTotals> days = new HashMap<>();
    for (JsonObject doc : docs) {
      LocalDate date = LocalDate.parse(doc.getString(DayTotalsDocuments.DATE));
      DayTotals shard = new DayTotals(date, ExactCents.of(doc.getValue(DayTotalsDocuments.CREDITS)),
          ExactCents.of(doc.getValue(DayTotalsDocuments.DEBITS)),
          ExactCents.of(doc.getValue(DayTotalsDocuments.COUNT)));
      days.merge(date, shard, DayTotals::plus);
    }
    return days;
  }
}
