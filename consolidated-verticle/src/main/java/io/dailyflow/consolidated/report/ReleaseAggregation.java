package io.dailyflow.consolidated.report;

import static io.dailyflow.common.release.ReleaseDocuments.AMOUNT_CENTS;
import static io.dailyflow.common.release.ReleaseDocuments.COMPANY;
import static io.dailyflow.common.release.ReleaseDocuments.DATE;

import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.release.ReleaseDocuments;
import io.micrometer.core.instrument.Timer;
import io.vertx.core.Future;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Totals per day straight from the ledger: one MongoDB aggregation over the releases of a company
 * and a date range, served by {@link ReleaseDocuments#DAY_INDEX} (company, date first). Sums stay
 * in whole cents on the server and are read back exactly ({@link ExactCents}).
 */
public final class ReleaseAggregation {

  private static final String AMOUNT = "$" + AMOUNT_CENTS;
  private static final Timer TIMER = Timer.builder("consolidated.mongo.aggregation")
      .description("Time of the MongoDB aggregation behind an uncached report")
      .publishPercentileHistogram()
      .register(Metrics.registry());

  private final MongoClient mongo;
  private final long timeoutMs;

  /** @param timeout bound on one aggregation; past it the report fails as unavailable */
  public ReleaseAggregation(MongoClient mongo, Duration timeout) {
    this.mongo = mongo;
    this.timeoutMs = timeout.toMillis();
  }

  /** Totals of every day in {@code [from, to]} that has releases; days without any are absent. */
  public Future<Map<LocalDate, DayTotals>> totals(String companyId, LocalDate from, LocalDate to) {
    Timer.Sample sample = Timer.start();
    return mongo.aggregate(ReleaseDocuments.COLLECTION, pipeline(companyId, from, to))
        .collect(Collectors.toList())
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .recover(e -> Future.failedFuture(ReportUnavailableException.ifDependencyDown(e)))
        .map(ReleaseAggregation::byDay)
        .onComplete(ignored -> sample.stop(TIMER));
  }

  static JsonArray pipeline(String companyId, LocalDate from, LocalDate to) {
    Object dates = from.equals(to) ? from.toString()
        : new JsonObject().put("$gte", from.toString()).put("$lte", to.toString());
    JsonObject match = new JsonObject().put(COMPANY, companyId).put(DATE, dates);
    JsonObject group = new JsonObject()
        .put("_id", "$" + DATE)
        .put("credits", sumOf(amountIf("$gt")))
        .put("debits", sumOf(amountIf("$lt")))
        .put("count", new JsonObject().put("$sum", 1));
    return new JsonArray()
        .add(new JsonObject().put("$match", match))
        .add(new JsonObject().put("$group", group));
  }

  /** {@code {$cond: [{<op>: ["$amountCents", 0]}, "$amountCents", 0]}}. */
  private static JsonObject amountIf(String comparison) {
    JsonObject test = new JsonObject().put(comparison, new JsonArray().add(AMOUNT).add(0));
    return new JsonObject().put("$cond", new JsonArray().add(test).add(AMOUNT).add(0));
  }

  private static JsonObject sumOf(JsonObject expression) {
    return new JsonObject().put("$sum", expression);
  }

  private static Map<LocalDate, DayTotals> byDay(List<JsonObject> rows) {
    Map<LocalDate, DayTotals> days = new HashMap<>();
    for (JsonObject row : rows) {
      LocalDate date = LocalDate.parse(row.getString("_id"));
      long debits = Math.negateExact(ExactCents.of(row.getValue("debits")));
      days.put(date, new DayTotals(date, ExactCents.of(row.getValue("credits")), debits,
          ExactCents.of(row.getValue("count"))));
    }
    return days;
  }
}
