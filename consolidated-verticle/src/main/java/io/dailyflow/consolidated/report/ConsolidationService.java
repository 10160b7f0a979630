package io.dailyflow.consolidated.report;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.consolidated.ConsolidatedKeys;
import io.vertx.core.Future;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.redis.client.Redis;
import java.time.Duration;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The consolidated totals of a company: per day from the {@link ReportCache} when it holds them at
 * the current version, else from the {@link StoredTotals}, which then refill the cache.
 * Fails with {@link ReportUnavailableException} when MongoDB is needed and does not answer, and
 * with {@link IllegalArgumentException} for a range the contract refuses.
 */
public final class ConsolidationService {

  /** The contract's longest range, both ends included. */
  public static final int MAX_RANGE_DAYS = 366;

  /**
   * Performance (bench/, issue 6): concurrent misses for the same company and days share one
   * MongoDB read ("single flight"), so a version bump under read load, or a Redis outage, does not
   * turn N waiting readers into N reads. A reader joins only a read that started at most this long
   * before it looked, so it can miss only releases recorded within that window (well inside the
   * 1 s freshness promise). A joiner never fills the cache: the version it read may be newer than
   * the joined read's data; only the starter fills.
   */
  private static final Duration JOIN_WINDOW = Duration.ofMillis(200);

  private final StoredTotals stored;
  private final ReportCache cache;
  private final SingleFlight<CompanyDays, Map<LocalDate, DayTotals>> reads =
      new SingleFlight<>(JOIN_WINDOW);

  public ConsolidationService(StoredTotals stored, ReportCache cache) {
    this.stored = stored;
    this.cache = cache;
  }

  /** The service over these clients, with timeouts, TTL and breaker from {@code config}. */
  public static ConsolidationService create(MongoClient mongo, Redis redis, Config config) {
    Duration mongoTimeout = config.millis(CommonKeys.MONGO_TIMEOUT_MS).multipliedBy(2);
    Duration breakerOpen = Duration.ofMillis(Math.max(0,
        config.integer(ConsolidatedKeys.CACHE_BREAKER_OPEN_MS)));
    ReportCache cache = new ReportCache(redis, config.millis(CommonKeys.REDIS_TIMEOUT_MS),
        config.seconds(ConsolidatedKeys.CACHE_TTL_SECONDS), new CacheBreaker(breakerOpen));
    return new ConsolidationService(new StoredTotals(mongo, mongoTimeout), cache);
  }

  public Future<DayTotals> daily(String companyId, LocalDate date) {
    return days(companyId, List.of(date)).map(days -> days.get(0));
  }

  /** Every day of {@code [from, to]} in order, days without releases included as zeros. */
  public Future<List<DayTotals>> range(String companyId, LocalDate from, LocalDate to) {
    try {
      return days(companyId, daysOf(from, to));
    } catch (IllegalArgumentException e) {
      return Future.failedFuture(e);
    }
  }

  /** The days of {@code [from, to]}; refuses a reversed or too long range. */
  public static List<LocalDate> daysOf(LocalDate from, LocalDate to) {
    long length = ChronoUnit.DAYS.between(from, to) + 1;
    if (length < 1) {
      throw new IllegalArgumentException("'from' must not be after 'to'");
    }
    if (length > MAX_RANGE_DAYS) {
      throw new IllegalArgumentException("A range covers at most " + MAX_RANGE_DAYS + " days");
    }
    List<LocalDate> days = new ArrayList<>((int) length);
    for (LocalDate day = from; !day.isAfter(to); day = day.plusDays(1)) {
      days.add(day);
    }
    return days;
  }

  private Future<List<DayTotals>> days(String companyId, List<LocalDate> days) {
    return cache.lookup(companyId, days).compose(entries -> {
      List<CacheEntry> misses = entries.stream().filter(e -> !e.isHit()).toList();
      if (misses.isEmpty()) {
        return Future.succeededFuture(entries.stream().map(CacheEntry::fresh).toList());
      }
      // One read of the missing days' documents.
      List<LocalDate> missing = misses.stream().map(CacheEntry::date).toList();
      CompanyDays key = new CompanyDays(companyId, missing);
      Future<Map<LocalDate, DayTotals>> running = reads.join(key);
      if (running != null) {
        return running.map(computed -> merge(entries, computed));
      }
      return reads.start(key, stored.totals(companyId, missing))
          .compose(computed -> cache.fill(companyId, misses, computed)
              .map(ignored -> merge(entries, computed)));
    });
  }

  private static List<DayTotals> merge(List<CacheEntry> entries,
      Map<LocalDate, DayTotals> computed) {
    List<DayTotals> result = new ArrayList<>(entries.size());
    for (CacheEntry entry : entries) {
      result.add(entry.isHit() ? entry.fresh()
          : computed.getOrDefault(entry.date(), DayTotals.zero(entry.date())));
    }
    return result;
  }
}
