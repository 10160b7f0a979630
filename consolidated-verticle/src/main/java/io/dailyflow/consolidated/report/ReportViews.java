package io.dailyflow.consolidated.report;

import io.dailyflow.common.money.Money;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;

/** The contract's JSON shapes of the daily and the range report. */
public final class ReportViews {

  public static final String CURRENCY = "BRL";

  private ReportViews() {
  }

  /** {@code {date, currency, credits, debits, balance, count}}. */
  public static JsonObject daily(DayTotals day) {
    return amounts(new JsonObject()
        .put("date", day.date().toString())
        .put("currency", CURRENCY), day);
  }

  /**
   * The bytes of {@link #daily}, encoded without building a JsonObject: this is the body of every
   * cached read (issue 6). Every value is ASCII that needs no escaping (an ISO date, a currency
   * code, decimal strings, an integer), so the text is written as it is.
   */
  public static Buffer dailyJson(DayTotals day) {
    String json = "{\"date\":\"" + day.date()
        + "\",\"currency\":\"" + CURRENCY
        + "\",\"credits\":\"" + Money.format(day.creditCents())
        + "\",\"debits\":\"" + Money.format(day.debitCents())
        + "\",\"balance\":\"" + Money.format(day.balanceCents())
        + "\",\"count\":" + day.count() + '}';
    return Buffer.buffer(json.getBytes(StandardCharsets.US_ASCII));
  }

  /** {@code {from, to, currency, days: [{date, credits, debits, balance, count}], totals}}. */
  public static JsonObject range(LocalDate from, LocalDate to, List<DayTotals> days) {
    JsonArray dayViews = new JsonArray();
    DayTotals totals = DayTotals.zero(from);
    for (DayTotals day : days) {
      dayViews.add(amounts(new JsonObject().put("date", day.date().toString()), day));
      totals = totals.plus(day);
    }
    return new JsonObject()
        .put("from", from.toString())
        .put("to", to.toString())
        .put("currency", CURRENCY)
        .put("days", dayViews)
        .put("totals", amounts(new JsonObject(), totals));
  }

  private static JsonObject amounts(JsonObject target, DayTotals day) {
    return target
        .put("credits", Money.format(day.creditCents()))
        .put("debits", Money.format(day.debitCents()))
        .put("balance", Money.format(day.balanceCents()))
        .put("count", day.count());
  }
}
