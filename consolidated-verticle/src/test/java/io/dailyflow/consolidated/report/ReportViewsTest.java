package io.dailyflow.consolidated.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.money.Money;
import io.vertx.core.json.JsonObject;
import java.time.LocalDate;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReportViewsTest {

  @Test
  void theDailyBodyIsByteForByteTheJsonOfTheDailyView() {
    Random random = new Random(42);
    LocalDate date = LocalDate.of(2024, 2, 29);
    long[] edges = {0, 1, 9, 10, 99, 100, 101, Money.MAX_CENTS, 1_000 * Money.MAX_CENTS};
    for (long credits : edges) {
      for (long debits : edges) {
        assertSameJson(new DayTotals(date, credits, debits, credits + debits));
      }
    }
    for (int i = 0; i < 10_000; i++) {
      long credits = (long) (random.nextDouble() * Money.MAX_CENTS * 50);
      long debits = (long) (random.nextDouble() * Money.MAX_CENTS * 50);
      assertSameJson(new DayTotals(date.plusDays(i), credits, debits, random.nextInt(1 << 20)));
    }
  }

  @Test
  void theDailyBodyFollowsTheContract() {
    JsonObject body = new JsonObject(ReportViews.dailyJson(
        new DayTotals(LocalDate.of(2025, 1, 5), 1_050, 2_001, 3)));
    assertThat(body).isEqualTo(new JsonObject()
        .put("date", "2025-01-05")
        .put("currency", "BRL")
        .put("credits", "10.50")
        .put("debits", "20.01")
        .put("balance", "-9.51")
        .put("count", 3));
  }

  private static void assertSameJson(DayTotals day) {
    assertThat(ReportViews.dailyJson(day).toString())
        .isEqualTo(ReportViews.daily(day).encode());
  }
}
