package io.dailyflow.consolidated.report;

import java.time.LocalDate;

/**
 * What the cache knows about one day.
 *
 * @param version the day's version token as read, or as obtained for a day that had none; or
 *     {@code null} when Redis could not say: then the day is computed and nothing may be written
 *     back for it
 * @param fresh the cached totals if they were stored at exactly that version, else {@code null}
 */
public record CacheEntry(LocalDate date, String version, DayTotals fresh) {

  public static CacheEntry unknown(LocalDate date) {
    return new CacheEntry(date, null, null);
  }

  public boolean isHit() {
    return fresh != null;
  }

  public boolean canFill() {
    return version != null && fresh == null;
  }
}
