package io.dailyflow.consolidated.report;

import java.time.LocalDate;

/**
 * One company's totals of one business day, in cents.
 *
 * @param creditCents the sum of the positive amounts
 * @param debitCents the magnitude of the sum of the negative amounts (never negative)
 * @param count the number of releases
 */
public record DayTotals(LocalDate date, long creditCents, long debitCents, long count) {

  public static DayTotals zero(LocalDate date) {
    return new DayTotals(date, 0, 0, 0);
  }

  public long balanceCents() {
    return Math.subtractExact(creditCents, debitCents);
  }

  /** Sums two totals; the date is this one's. Throws on overflow rather than wrapping. */
  public DayTotals plus(DayTotals other) {
    return new DayTotals(date, Math.addExact(creditCents, other.creditCents),
        Math.addExact(debitCents, other.debitCents), Math.addExact(count, other.count));
  }
}
