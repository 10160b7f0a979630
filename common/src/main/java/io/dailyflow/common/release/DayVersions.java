package io.dailyflow.common.release;

import java.time.Duration;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Redis keys of the consolidated cache and its freshness scheme.
 *
 * <p>Each (company, day) has a version, {@link #versionKey}: an opaque random token that never
 * repeats ({@link #newVersion()}), not a counter, so a Redis restart or an expired key can never
 * bring back a version that a stale cached report still carries. After every store that touched a
 * day, the consumer SETs a fresh token (with {@link #VERSION_TTL}), and only then deletes the
 * message from the queue, so a failed bump is retried on redelivery.
 *
 * <p>A cached report, {@link #reportKey}, records the version it was computed at. A reader fetches
 * both in one MGET and serves the cached report only if the versions are equal. A day with no
 * version yet gets one from the reader (SET NX of a fresh token, atomically with reading the
 * winner) before it computes. A fill that raced with a store carries the version read before
 * computing, which the store has replaced, so it is never served: no recorded release is missing
 * from a served report once its version was bumped.
 */
public final class DayVersions {

  /** How long a day's version lives without a store; far above the cache TTL. */
  public static final Duration VERSION_TTL = Duration.ofDays(7);

  private static final String PREFIX = "dailyflow:";

  private DayVersions() {
  }

  public static String versionKey(String companyId, LocalDate date) {
    return PREFIX + "ver:" + companyId + ":" + date;
  }

  public static String reportKey(String companyId, LocalDate date) {
    return PREFIX + "day:" + companyId + ":" + date;
  }

  /** A fresh version token: 128 random bits, hex. */
  public static String newVersion() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    byte[] bytes = new byte[16];
    random.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
