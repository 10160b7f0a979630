package io.dailyflow.common.release;

import java.time.LocalDate;

/**
 * Redis keys of the consolidated cache and its freshness scheme.
 *
 * <p>Each (company, day) has a version counter, {@link #versionKey}. The consumer increments it
 * after every store that touched that day, and only then deletes the message from the queue (so a
 * failed increment is retried on redelivery). A cached report, {@link #reportKey}, records the
 * version it was computed at; a reader fetches both in one MGET and serves the cached report only
 * if the versions match. A fill that raced with a store carries the old version and is never
 * served, so no recorded release is ever missing from a served report.
 */
public final class DayVersions {

  private static final String PREFIX = "dailyflow:";

  private DayVersions() {
  }

  public static String versionKey(String companyId, LocalDate date) {
    return PREFIX + "ver:" + companyId + ":" + date;
  }

  public static String reportKey(String companyId, LocalDate date) {
    return PREFIX + "day:" + companyId + ":" + date;
  }
}
