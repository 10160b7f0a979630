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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Totals per day as the consumer keeps them ({@link DayTotalsDocuments}): one document per
 * (company, day), read by key, so a report costs the same for ten releases or a million. A
 * release's document exists only once its amount is in these totals, so they never miss a
 * recorded release. Sums are whole cents, read back exactly ({@link ExactCents}).
 */
public final class StoredTotals {

  private static final Timer TIMER = Timer.builder("consolidated.mongo.read")
      .description("Time of the MongoDB read of day totals behind an uncached report")
      .publishPercentileHistogram()
      .register(Metrics.registry());
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
    JsonArray ids = new JsonArray();
    days.forEach(day -> ids.add(DayTotalsDocuments.id(companyId, day)));
    JsonObject query = new JsonObject().put(DayTotalsDocuments.ID, days.size() == 1
        ? ids.getString(0) : new JsonObject().put("$in", ids));
    return mongo.findWithOptions(DayTotalsDocuments.COLLECTION, query, TOTALS_ONLY)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(ReportUnavailableException.ifDependencyDown(e)))
        .map(StoredTotals::byDay)
        .onComplete(ignored -> sample.stop(TIMER));
  }

  private static Map<LocalDate, DayTotals> byDay(List<JsonObject> docs) {
    Map<LocalDate, DayTotals> days = new HashMap<>();
    for (JsonObject doc : docs) {
      LocalDate date = LocalDate.parse(doc.getString(DayTotalsDocuments.DATE));
      days.put(date, new DayTotals(date, ExactCents.of(doc.getValue(DayTotalsDocuments.CREDITS)),
          ExactCents.of(doc.getValue(DayTotalsDocuments.DEBITS)),
          ExactCents.of(doc.getValue(DayTotalsDocuments.COUNT))));
    }
    return days;
  }
}
