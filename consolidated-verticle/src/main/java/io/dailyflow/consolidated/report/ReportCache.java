package io.dailyflow.consolidated.report;

import io.dailyflow.common.release.DayVersions;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.Command;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.Request;
import io.vertx.redis.client.Response;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cache-aside for day reports in Redis, fresh by construction (the scheme of {@link DayVersions}).
 *
 * <p>After every store that touched a (company, day), the consumer SETs a fresh random version
 * token for it; tokens never repeat, so neither a Redis restart nor an expired key can bring back
 * a version that a stale cached report carries. A reader fetches, in one MGET, each day's version
 * and cached report, and serves the report only if the version stored in it equals the current
 * one. Days with no version get one next, in one batch of a Lua script ({@link DayVersionClaims}:
 * keep the version if one appeared meanwhile, else SET a fresh token) and are misses at the
 * version it returns. A miss is computed from MongoDB and written back with the version obtained
 * <em>before</em> computing. A fill that raced with a store therefore carries a replaced version
 * and is never served: a recorded release is in every report read after its version bump,
 * whatever the TTL, except for a reader that shared a lookup started just before it or joined a
 * computation in flight (this class's {@link #JOIN_WINDOW}, {@link ConsolidationService}'s),
 * which may miss a release recorded within that window before its read: inside the 1 s bound of
 * ADR 0003. The TTL only bounds memory.
 *
 * <p>Redis is an optimisation, never a dependency: every method here succeeds. A failure or a
 * reply slower than the timeout counts as an error, opens the {@link CacheBreaker}, and the caller
 * computes the days Redis could not answer for (all of them, or those still without a version)
 * from MongoDB and writes nothing back for them.
 *
 * <p>Lookups of the same company and days within a few milliseconds share one MGET (see
 * {@link #JOIN_WINDOW}).
 */
public final class ReportCache {

  /**
   * Performance (issue 6, cached reads): a reader that asks for the same company and days as a
   * lookup that started at most this long before the reader arrived shares that lookup's answer,
   * while it is in flight and, if every day was a hit, once it is back, instead of sending its
   * own MGET. Under load many readers of one day arrive within this window, so Redis and this
   * process handle about one MGET per window and key instead of one per read (at 40,000 reads/s
   * of one day, ~3,900 MGETs/s when only lookups in flight were shared; bench/, issue 6). A
   * lookup with a miss or an error is shared only while in flight, so the reader after a fill
   * finds the filled report.
   *
   * <p>Freshness: every answer comes from an MGET that started at most this long before the read
   * arrived, so a cache hit includes every release whose version bump came more than this long
   * before the read. (A miss may also join a MongoDB read in flight: {@link ConsolidationService}
   * bounds that one.) Both are well inside the 1 s promise of ADR 0003.
   */
  public static final Duration JOIN_WINDOW = Duration.ofMillis(5);

  private static final Logger LOG = LoggerFactory.getLogger(ReportCache.class);

  private final Redis redis;
  private final DayVersionClaims claims;
  private final long timeoutMs;
  private final long ttlSeconds;
  private final CacheBreaker breaker;
  private final SingleFlight<CompanyDays, List<CacheEntry>> lookups;

  public ReportCache(Redis redis, Duration timeout, Duration ttl, CacheBreaker breaker) {
    this(redis, timeout, ttl, breaker, JOIN_WINDOW);
  }

  /** {@code joinWindow} zero: every lookup sends its own MGET. */
  public ReportCache(Redis redis, Duration timeout, Duration ttl, CacheBreaker breaker,
      Duration joinWindow) {
    this.redis = redis;
    this.claims = new DayVersionClaims(redis);
    this.timeoutMs = timeout.toMillis();
    this.ttlSeconds = ttl.toSeconds();
    this.breaker = breaker;
    this.lookups = SingleFlight.reusing(joinWindow, ReportCache::allHits);
  }

  /**
   * One entry per day, in order: one MGET of the version and report keys of all days, then, if
   * some days have no version, one batch that gives them one; or the result of such a lookup for
   * the same days that started at most {@link #JOIN_WINDOW} earlier (in flight, or back with
   * every day a hit).
   */
  public Future<List<CacheEntry>> lookup(String companyId, List<LocalDate> days) {
    if (!breaker.allowsRequest()) {
      if (breaker.probeDue()) {
        probe();
      }
      CacheMetrics.BYPASSED.increment(days.size());
      return Future.succeededFuture(unknown(days));
    }
    CompanyDays key = new CompanyDays(companyId, days);
    Future<List<CacheEntry>> running = lookups.join(key);
    if (running != null) {
      CacheMetrics.JOINED.increment(days.size());
      return running.map(ReportCache::counted);
    }
    return lookups.start(key, fetch(companyId, days)).map(ReportCache::counted);
  }

  /**
   * Counts each reader's hits and misses, whether it sent the MGET or joined it. Days Redis could
   * not answer for (no version: the lookup failed) are counted as errors, not misses.
   */
  private static List<CacheEntry> counted(List<CacheEntry> entries) {
    for (CacheEntry entry : entries) {
      if (entry.isHit()) {
        CacheMetrics.HITS.increment();
      } else if (entry.version() != null) {
        CacheMetrics.MISSES.increment();
      }
    }
    return entries;
  }

  /** The MGET (and version claims) of one lookup; never fails. */
  private Future<List<CacheEntry>> fetch(String companyId, List<LocalDate> days) {
    Request mget = Request.cmd(Command.MGET);
    for (LocalDate day : days) {
      mget.arg(DayVersions.versionKey(companyId, day)).arg(DayVersions.reportKey(companyId, day));
    }
    return redis.send(mget)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .map(reply -> entries(days, reply))
        .compose(entries -> withVersions(companyId, entries))
        .otherwise(e -> {
          failed("read", companyId, e);
          return unknown(days);
        });
  }

  /** Writes the computed days that missed, each at the version its lookup read or obtained. */
  public Future<Void> fill(String companyId, List<CacheEntry> entries,
      Map<LocalDate, DayTotals> computed) {
    List<Request> sets = new ArrayList<>();
    for (CacheEntry entry : entries) {
      if (entry.canFill()) {
        DayTotals day = computed.getOrDefault(entry.date(), DayTotals.zero(entry.date()));
        sets.add(Request.cmd(Command.SET)
            .arg(DayVersions.reportKey(companyId, entry.date()))
            .arg(encode(entry.version(), day))
            .arg("EX").arg(ttlSeconds));
      }
    }
    if (sets.isEmpty() || !breaker.allowsRequest()) {
      return Future.succeededFuture();
    }
    Future<?> write = sets.size() == 1 ? redis.send(sets.get(0)) : redis.batch(sets);
    return write
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .<Void>mapEmpty()
        .otherwise(e -> {
          failed("write", companyId, e);
          return null;
        });
  }

  /**
   * Fills in the version of the days that had none; if that fails they stay unknown (computed,
   * not written back). Never fails.
   */
  private Future<List<CacheEntry>> withVersions(String companyId, List<CacheEntry> entries) {
    List<String> keys = entries.stream()
        .filter(entry -> entry.version() == null)
        .map(entry -> DayVersions.versionKey(companyId, entry.date()))
        .toList();
    if (keys.isEmpty()) {
      return Future.succeededFuture(entries);
    }
    return claims.claim(keys)
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .map(versions -> versioned(entries, versions))
        .otherwise(e -> {
          failed("version", companyId, e);
          return entries;
        });
  }

  private static List<CacheEntry> versioned(List<CacheEntry> entries, List<String> versions) {
    List<CacheEntry> result = new ArrayList<>(entries.size());
    int next = 0;
    for (CacheEntry entry : entries) {
      result.add(entry.version() != null ? entry
          : new CacheEntry(entry.date(), versions.get(next++), null));
    }
    return result;
  }

  /** Entries as read; a day without a version is a miss with a null version, for now. */
  private List<CacheEntry> entries(List<LocalDate> days, Response reply) {
    answered();
    List<CacheEntry> entries = new ArrayList<>(days.size());
    for (int i = 0; i < days.size(); i++) {
      Response version = reply.get(2 * i);
      String current = version == null ? null : version.toString();
      DayTotals fresh = current == null ? null
          : decodeIfAt(current, days.get(i), reply.get(2 * i + 1));
      entries.add(new CacheEntry(days.get(i), current, fresh));
    }
    return entries;
  }

  static String encode(String version, DayTotals day) {
    return new JsonObject()
        .put("version", version)
        .put("credits", day.creditCents())
        .put("debits", day.debitCents())
        .put("count", day.count())
        .encode();
  }

  /** The cached totals if stored at {@code version}; else (stale, absent, garbled) null. */
  static DayTotals decodeIfAt(String version, LocalDate date, Response cached) {
    if (cached == null) {
      return null;
    }
    try {
      JsonObject json = new JsonObject(cached.toString());
      if (!version.equals(json.getString("version"))) {
        return null;
      }
      return new DayTotals(date, json.getLong("credits"), json.getLong("debits"),
          json.getLong("count"));
    } catch (RuntimeException e) {
      LOG.warn("Ignoring an unreadable cached report for {}: {}", date, e.toString());
      return null;
    }
  }

  private static boolean allHits(List<CacheEntry> entries) {
    for (CacheEntry entry : entries) {
      if (!entry.isHit()) {
        return false;
      }
    }
    return true;
  }

  private static List<CacheEntry> unknown(List<LocalDate> days) {
    return days.stream().map(CacheEntry::unknown).toList();
  }

  /** A PING off the request path: its answer closes the breaker, its failure re-opens it. */
  private void probe() {
    redis.send(Request.cmd(Command.PING))
        .timeout(timeoutMs, TimeUnit.MILLISECONDS)
        .onSuccess(pong -> answered())
        .onFailure(e -> breaker.recordFailure());
  }

  private void answered() {
    if (breaker.recordSuccess()) {
      LOG.info("Redis answers again; the report cache is back in use");
    }
  }

  private void failed(String operation, String companyId, Throwable e) {
    CacheMetrics.ERRORS.increment();
    if (breaker.recordFailure()) {
      LOG.warn("Redis {} failed for company {} ({}); answering from MongoDB until it recovers",
          operation, companyId, e.toString());
    } else {
      LOG.debug("Redis {} failed for company {}: {}", operation, companyId, e.toString());
    }
  }
}
