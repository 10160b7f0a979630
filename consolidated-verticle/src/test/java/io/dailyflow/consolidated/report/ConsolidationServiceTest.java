package io.dailyflow.consolidated.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.money.Money;
import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.DayVersions;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.consolidated.Ledger;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The service against real MongoDB and Redis: exact sums, isolation, and the cache's freshness. */
@ExtendWith(VertxExtension.class)
class ConsolidationServiceTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  private static TestInfra infra;
  private static Vertx vertx;
  private static MongoClient mongo;
  private static Redis redisClient;
  private static RedisAPI redis;
  private static Ledger ledger;
  private static ConsolidationService service;

  @BeforeAll
  static void start() {
    infra = SharedInfra.servers();
    vertx = Vertx.vertx();
    Config config = infra.config(Map.of());
    mongo = MongoClients.create(vertx, config);
    redisClient = RedisClients.create(vertx, config);
    redis = RedisAPI.api(redisClient);
    ledger = new Ledger(mongo, redis);
    service = ConsolidationService.create(mongo, redisClient, config);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void tenCentsPlusTwentyCentsIsExactlyThirtyCents(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ledger.record(company, DAY, 10, 20)
        .compose(ignored -> service.daily(company, DAY))
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(Money.format(day.creditCents())).isEqualTo("0.30");
          assertThat(day.debitCents()).isZero();
          assertThat(day.count()).isEqualTo(2);
          ctx.completeNow();
        })));
  }

  @Test
  void creditsAndDebitsAreSummedSeparatelyAndBalanced(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ledger.record(company, DAY, 150_000, -2_550, 99, -1, -10_000)
        .compose(ignored -> service.daily(company, DAY))
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(day.creditCents()).isEqualTo(150_099);
          assertThat(day.debitCents()).isEqualTo(12_551);
          assertThat(day.balanceCents()).isEqualTo(137_548);
          assertThat(day.count()).isEqualTo(5);
          ctx.completeNow();
        })));
  }

  @Test
  void aDaysShardsAndTheSingleDocumentOfAnEarlierVersionAreAddedUp(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    // What a version before shards stored for the day: one document under <company>/<date>.
    JsonObject earlier = new JsonObject().put("_id", DayTotalsDocuments.legacyId(company, DAY))
        .put(DayTotalsDocuments.COMPANY, company).put(DayTotalsDocuments.DATE, DAY.toString())
        .put(DayTotalsDocuments.CREDITS, 1_000L).put(DayTotalsDocuments.DEBITS, 400L)
        .put(DayTotalsDocuments.COUNT, 3L).put(DayTotalsDocuments.EPOCH, 2L)
        .put(DayTotalsDocuments.PENDING, new JsonArray());
    long[] amounts = new Random(7).longs(60, -5_000, 5_000).map(c -> c == 0 ? 1 : c).toArray();
    long credits = Arrays.stream(amounts).filter(c -> c > 0).sum();
    long debits = -Arrays.stream(amounts).filter(c -> c < 0).sum();
    mongo.insert(DayTotalsDocuments.COLLECTION, earlier)
        .compose(ignored -> ledger.record(company, DAY, amounts))
        .compose(ignored -> mongo.count(DayTotalsDocuments.COLLECTION,
            DayTotalsDocuments.dayFilter(company, DAY)))
        .compose(documents -> service.daily(company, DAY).map(day -> Map.of("docs", documents,
            "day", day)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat((Long) result.get("docs")).as("documents of the day").isGreaterThan(2);
          DayTotals day = (DayTotals) result.get("day");
          assertThat(day.creditCents()).isEqualTo(1_000 + credits);
          assertThat(day.debitCents()).isEqualTo(400 + debits);
          assertThat(day.count()).isEqualTo(3 + amounts.length);
          ctx.completeNow();
        })));
  }

  @Test
  void theLargestAmountsManyTimesOverStayExactToTheCent(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    long[] credits = new long[600];
    Arrays.fill(credits, Money.MAX_CENTS);
    long[] debits = new long[400];
    Arrays.fill(debits, -(Money.MAX_CENTS - 1));
    ledger.record(company, DAY, credits)
        .compose(ignored -> ledger.record(company, DAY, debits))
        .compose(ignored -> service.daily(company, DAY))
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(Money.format(day.creditCents())).isEqualTo("599999999999994.00");
          assertThat(Money.format(day.debitCents())).isEqualTo("399999999999992.00");
          assertThat(Money.format(day.balanceCents())).isEqualTo("200000000000002.00");
          assertThat(day.count()).isEqualTo(1_000);
          ctx.completeNow();
        })));
  }

  @Test
  void randomLedgersTotalExactlyTheSumOfTheirAmounts(VertxTestContext ctx) {
    Random random = new Random(20250314L);
    String company = Ledger.newCompany();
    long[] amounts = new long[300];
    long credits = 0;
    long debits = 0;
    for (int i = 0; i < amounts.length; i++) {
      long magnitude = 1 + (long) (random.nextDouble() * (random.nextBoolean() ? 1_000 : 1e12));
      amounts[i] = random.nextBoolean() ? magnitude : -magnitude;
      credits += Math.max(amounts[i], 0);
      debits -= Math.min(amounts[i], 0);
    }
    long expectedCredits = credits;
    long expectedDebits = debits;
    ledger.record(company, DAY, amounts)
        .compose(ignored -> service.daily(company, DAY))
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(day.creditCents()).isEqualTo(expectedCredits);
          assertThat(day.debitCents()).isEqualTo(expectedDebits);
          assertThat(day.count()).isEqualTo(amounts.length);
          ctx.completeNow();
        })));
  }

  @Test
  void anotherCompanysReleasesNeverCount(VertxTestContext ctx) {
    String mine = Ledger.newCompany();
    String theirs = Ledger.newCompany();
    ledger.record(mine, DAY, 500)
        .compose(ignored -> ledger.record(theirs, DAY, 70_000, -3))
        .compose(ignored -> Future.all(service.daily(mine, DAY), service.daily(theirs, DAY)))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          DayTotals myDay = both.resultAt(0);
          DayTotals theirDay = both.resultAt(1);
          assertThat(myDay).isEqualTo(new DayTotals(DAY, 500, 0, 1));
          assertThat(theirDay).isEqualTo(new DayTotals(DAY, 70_000, 3, 2));
          ctx.completeNow();
        })));
  }

  @Test
  void aDayWithoutReleasesIsAllZeros(VertxTestContext ctx) {
    service.daily(Ledger.newCompany(), DAY)
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(day).isEqualTo(DayTotals.zero(DAY));
          ctx.completeNow();
        })));
  }

  @Test
  void theSecondReadIsACacheHitStoredAtTheCurrentVersion(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    double hitsBefore = CacheMetrics.HITS.count();
    ledger.record(company, DAY, 1_234)
        .compose(ignored -> service.daily(company, DAY))
        .compose(first -> Future.all(redis.get(DayVersions.reportKey(company, DAY)),
            ledger.version(company, DAY)))
        .compose(stored -> {
          ctx.verify(() -> assertThat(new JsonObject(stored.resultAt(0).toString())
              .getString("version")).isEqualTo(stored.resultAt(1)).isNotNull());
          return service.daily(company, DAY);
        })
        .onComplete(ctx.succeeding(second -> ctx.verify(() -> {
          assertThat(second).isEqualTo(new DayTotals(DAY, 1_234, 0, 1));
          assertThat(CacheMetrics.HITS.count() - hitsBefore).isEqualTo(1.0);
          ctx.completeNow();
        })));
  }

  @Test
  void concurrentMissesForOneDayShareAggregationsAndAllGetTheExactTotals(VertxTestContext ctx) {
    // With Redis stopped every read misses at once: without sharing, each would scan MongoDB.
    String company = Ledger.newCompany();
    int readers = 8;
    ledger.record(company, DAY, 700, -200)
        .compose(ignored -> vertx.executeBlocking(() -> {
          infra.stopRedis();
          return null;
        }))
        .compose(ignored -> {
          long before = aggregations();
          List<Future<DayTotals>> reads = new java.util.ArrayList<>();
          for (int i = 0; i < readers; i++) {
            reads.add(service.daily(company, DAY));
          }
          return Future.all(reads).map(all -> {
            ctx.verify(() -> {
              for (int i = 0; i < readers; i++) {
                assertThat(all.<DayTotals>resultAt(i)).isEqualTo(new DayTotals(DAY, 700, 200, 2));
              }
              assertThat(aggregations() - before).isLessThan(readers);
            });
            return all;
          });
        })
        .eventually(() -> vertx.executeBlocking(() -> {
          infra.restartRedis();
          return null;
        }).compose(ignored -> cacheBackInUse(company)))
        .onComplete(ctx.succeedingThenComplete());
  }

  /**
   * Lets the shared service's cache breaker close for the next test: once its open period is over,
   * a read sends the probe that closes it.
   */
  private Future<Void> cacheBackInUse(String company) {
    return vertx.timer(1_100)
        .compose(ignored -> service.daily(company, DAY))
        .compose(ignored -> vertx.timer(300))
        .mapEmpty();
  }

  private static long aggregations() {
    io.micrometer.core.instrument.Timer timer = io.dailyflow.common.metrics.Metrics.registry()
        .find("consolidated.mongo.read").timer();
    return timer == null ? 0 : timer.count();
  }

  @Test
  void aReportCachedAtTheCurrentVersionIsServedWithoutAskingMongo(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    DayTotals planted = new DayTotals(DAY, 777, 111, 9);
    ledger.record(company, DAY, 5)
        .compose(ignored -> ledger.version(company, DAY))
        .compose(current -> redis.set(List.of(DayVersions.reportKey(company, DAY),
            ReportCache.encode(current, planted))))
        .compose(ignored -> service.daily(company, DAY))
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(day).isEqualTo(planted);
          ctx.completeNow();
        })));
  }

  @Test
  void aReleaseRecordedAfterACachedReadIsInTheReadsAfterTheJoinWindow(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ledger.record(company, DAY, 1_000)
        .compose(ignored -> service.daily(company, DAY))
        .compose(ignored -> service.daily(company, DAY))
        .compose(cached -> ledger.record(company, DAY, -250))
        .compose(ignored -> afterJoinWindow())
        .compose(ignored -> service.daily(company, DAY))
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(day).isEqualTo(new DayTotals(DAY, 1_000, 250, 2));
          ctx.completeNow();
        })));
  }

  @Test
  void aFillThatRacedWithAStoreIsNeverServed(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    String reportKey = DayVersions.reportKey(company, DAY);
    AtomicReference<String> oldVersion = new AtomicReference<>();
    ledger.record(company, DAY, 300)
        // A reader computes at the day's current version ...
        .compose(ignored -> service.daily(company, DAY))
        .compose(atOldVersion -> redis.get(reportKey).map(Object::toString))
        .onSuccess(oldFill -> oldVersion.set(new JsonObject(oldFill).getString("version")))
        // ... meanwhile a release is stored and the version is replaced ...
        .compose(oldFill -> ledger.record(company, DAY, 45)
            // ... and the reader's fill lands last, carrying the old version.
            .compose(ignored -> redis.set(List.of(reportKey, oldFill))))
        .compose(ignored -> service.daily(company, DAY))
        .compose(fresh -> Future.all(redis.get(reportKey), ledger.version(company, DAY))
            .map(stored -> List.of(fresh, stored.resultAt(0).toString(), stored.resultAt(1))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.get(0)).isEqualTo(new DayTotals(DAY, 345, 0, 2));
          String refilledAt = new JsonObject((String) result.get(1)).getString("version");
          assertThat(refilledAt).isEqualTo(result.get(2)).isNotEqualTo(oldVersion.get());
          ctx.completeNow();
        })));
  }

  @Test
  void aStoreWhoseVersionBumpIsPendingShowsOnceTheBumpLands(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ledger.record(company, DAY, 100)
        .compose(ignored -> service.daily(company, DAY))
        .compose(ignored -> ledger.store(company, DAY, 23))
        .compose(ignored -> ledger.bump(company, DAY))
        .compose(ignored -> service.daily(company, DAY))
        .onComplete(ctx.succeeding(day -> ctx.verify(() -> {
          assertThat(day).isEqualTo(new DayTotals(DAY, 123, 0, 2));
          ctx.completeNow();
        })));
  }

  @Test
  void aStaleReportWrittenBackAtItsOldVersionAfterARedisRestartIsNeverServed(
      VertxTestContext ctx) {
    String company = Ledger.newCompany();
    String reportKey = DayVersions.reportKey(company, DAY);
    AtomicReference<String> oldVersion = new AtomicReference<>();
    ledger.record(company, DAY, 600)
        .compose(ignored -> service.daily(company, DAY))
        .compose(cached -> redis.get(reportKey).map(Object::toString))
        .onSuccess(oldFill -> oldVersion.set(new JsonObject(oldFill).getString("version")))
        // Redis restarts empty: every version is gone ...
        .compose(oldFill -> vertx.executeBlocking(() -> {
          infra.stopRedis();
          infra.restartRedis();
          return null;
        })
            // ... a slow fill then writes the old report back at the old version, and a
            // release is stored and its day's version bumped.
            .compose(ignored -> redis.set(List.of(reportKey, oldFill))))
        .compose(ignored -> ledger.record(company, DAY, -35))
        .compose(ignored -> service.daily(company, DAY))
        .compose(read -> Future.all(redis.get(reportKey), ledger.version(company, DAY))
            .map(stored -> List.of(read, stored.resultAt(0).toString(), stored.resultAt(1))))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.get(0)).isEqualTo(new DayTotals(DAY, 600, 35, 2));
          String refilledAt = new JsonObject((String) result.get(1)).getString("version");
          assertThat(refilledAt).as("the report refilled through the cache")
              .isEqualTo(result.get(2)).isNotEqualTo(oldVersion.get());
          ctx.completeNow();
        })));
  }

  @Test
  void aDayWithoutAVersionGetsOneOnItsFirstReadAndItsSecondReadIsAHit(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    double hitsBefore = CacheMetrics.HITS.count();
    AtomicReference<String> given = new AtomicReference<>();
    ledger.store(company, DAY, 70, -3)
        .compose(ignored -> ledger.version(company, DAY))
        .compose(none -> {
          ctx.verify(() -> assertThat(none).as("version before any read").isNull());
          return service.daily(company, DAY);
        })
        .compose(first -> {
          ctx.verify(() -> assertThat(first).isEqualTo(new DayTotals(DAY, 70, 3, 2)));
          return ledger.version(company, DAY);
        })
        .compose(version -> {
          given.set(version);
          ctx.verify(() -> {
            assertThat(version).as("version given by the first read").isNotNull();
            assertThat(CacheMetrics.HITS.count() - hitsBefore).isZero();
          });
          return service.daily(company, DAY);
        })
        .compose(second -> {
          ctx.verify(() -> {
            assertThat(second).isEqualTo(new DayTotals(DAY, 70, 3, 2));
            assertThat(CacheMetrics.HITS.count() - hitsBefore).isEqualTo(1.0);
          });
          return ledger.version(company, DAY);
        })
        .onComplete(ctx.succeeding(version -> ctx.verify(() -> {
          assertThat(version).as("version after the second read").isEqualTo(given.get());
          ctx.completeNow();
        })));
  }

  @Test
  void aDayThatCannotGetAVersionIsComputedFromMongoAndNotCached(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    double errorsBefore = CacheMetrics.ERRORS.count();
    // Its own service: the failure opens that service's breaker, not the shared one.
    ConsolidationService own = ConsolidationService.create(mongo, redisClient,
        infra.config(Map.of()));
    // A version key of the wrong type: MGET reads it as missing, and the script's GET fails.
    ledger.store(company, DAY, 250)
        .compose(ignored -> redis.lpush(List.of(DayVersions.versionKey(company, DAY), "x")))
        .compose(ignored -> own.daily(company, DAY))
        .compose(day -> redis.exists(List.of(DayVersions.reportKey(company, DAY)))
            .map(cached -> Map.entry(day, cached.toInteger())))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getKey()).isEqualTo(new DayTotals(DAY, 250, 0, 1));
          assertThat(result.getValue()).as("cached reports").isZero();
          assertThat(CacheMetrics.ERRORS.count() - errorsBefore).isEqualTo(1.0);
          ctx.completeNow();
        })));
  }

  @Test
  void aRangeHasEveryDayInOrderWithEmptyDaysAsZeros(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    LocalDate first = LocalDate.of(2024, 2, 27);
    ledger.record(company, first, 10, -4)
        .compose(ignored -> ledger.record(company, first.plusDays(2), 1_000))
        .compose(ignored -> ledger.record(company, first.plusDays(4), -7))
        // Day 3 cached beforehand: the range mixes cached and computed days.
        .compose(ignored -> service.daily(company, first.plusDays(2)))
        .compose(ignored -> service.range(company, first, first.plusDays(4)))
        .onComplete(ctx.succeeding(days -> ctx.verify(() -> {
          assertThat(days).containsExactly(
              new DayTotals(first, 10, 4, 2),
              DayTotals.zero(LocalDate.of(2024, 2, 28)),
              new DayTotals(LocalDate.of(2024, 2, 29), 1_000, 0, 1),
              DayTotals.zero(LocalDate.of(2024, 3, 1)),
              new DayTotals(LocalDate.of(2024, 3, 2), 0, 7, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void aRangeReadTwiceIsServedFromTheCacheAndStaysFresh(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    LocalDate from = LocalDate.of(2024, 12, 30);
    LocalDate to = LocalDate.of(2025, 1, 2);
    double hitsBefore = CacheMetrics.HITS.count();
    ledger.record(company, from, 50)
        .compose(ignored -> service.range(company, from, to))
        .compose(ignored -> service.range(company, from, to))
        .compose(cached -> {
          ctx.verify(() -> assertThat(CacheMetrics.HITS.count() - hitsBefore).isEqualTo(4.0));
          return ledger.record(company, to, -20);
        })
        .compose(ignored -> afterJoinWindow())
        .compose(ignored -> service.range(company, from, to))
        .onComplete(ctx.succeeding(days -> ctx.verify(() -> {
          assertThat(days).hasSize(4);
          assertThat(days.get(0)).isEqualTo(new DayTotals(from, 50, 0, 1));
          assertThat(days.get(3)).isEqualTo(new DayTotals(to, 0, 20, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void aYearsRangeReadInSeveralQueriesHasEveryDayRight(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    LocalDate from = LocalDate.of(2024, 1, 1);
    // Days at the edges of the reads of StoredTotals.DAYS_PER_READ days, and the last one.
    int per = StoredTotals.DAYS_PER_READ;
    List<Integer> offsets = List.of(0, per - 1, per, 2 * per + 1, 365);
    Future<Void> recorded = Future.succeededFuture();
    for (int offset : offsets) {
      recorded = recorded.compose(v -> ledger.record(company, from.plusDays(offset),
          offset + 1, -1));
    }
    recorded.compose(ignored -> service.range(company, from, from.plusDays(365)))
        .onComplete(ctx.succeeding(days -> ctx.verify(() -> {
          assertThat(days).hasSize(366);
          for (int i = 0; i < days.size(); i++) {
            assertThat(days.get(i)).isEqualTo(offsets.contains(i)
                ? new DayTotals(from.plusDays(i), i + 1, 1, 2) : DayTotals.zero(from.plusDays(i)));
          }
          ctx.completeNow();
        })));
  }

  @Test
  void aRangeOf366DaysIsAcceptedAnd367IsRefused(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    LocalDate from = LocalDate.of(2024, 1, 1);
    service.range(company, from, from.plusDays(365))
        .compose(days -> {
          ctx.verify(() -> assertThat(days).hasSize(366));
          return service.range(company, from, from.plusDays(366));
        })
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("366");
          ctx.completeNow();
        })));
  }

  @Test
  void aReversedRangeIsRefused(VertxTestContext ctx) {
    service.range(Ledger.newCompany(), DAY, DAY.minusDays(1))
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(e).isInstanceOf(IllegalArgumentException.class);
          ctx.completeNow();
        })));
  }

  @Test
  void withRedisStoppedReportsComeExactlyFromMongoAndStayExactAfterItsRestart(
      VertxTestContext ctx) {
    String company = Ledger.newCompany();
    double errorsBefore = CacheMetrics.ERRORS.count() + CacheMetrics.BYPASSED.count();
    ledger.record(company, DAY, 10, 20, -5)
        .compose(ignored -> service.daily(company, DAY))
        .compose(cached -> vertx.executeBlocking(() -> {
          infra.stopRedis();
          return null;
        }))
        .compose(ignored -> ledger.store(company, DAY, 70))
        .compose(ignored -> service.daily(company, DAY))
        .compose(whileDown -> {
          ctx.verify(() -> {
            assertThat(whileDown).isEqualTo(new DayTotals(DAY, 100, 5, 4));
            assertThat(CacheMetrics.ERRORS.count() + CacheMetrics.BYPASSED.count())
                .isGreaterThan(errorsBefore);
          });
          return vertx.executeBlocking(() -> {
            infra.restartRedis();
            return null;
          });
        })
        .compose(ignored -> ledger.record(company, DAY, -1))
        .compose(ignored -> service.daily(company, DAY))
        .compose(afterRestart -> {
          ctx.verify(() -> assertThat(afterRestart).isEqualTo(new DayTotals(DAY, 100, 6, 5)));
          return cacheBackInUse(company).compose(ignored -> service.daily(company, DAY));
        })
        .onComplete(ctx.succeeding(cachedAgain -> ctx.verify(() -> {
          assertThat(cachedAgain).isEqualTo(new DayTotals(DAY, 100, 6, 5));
          ctx.completeNow();
        })));
  }

  @Test
  void aRedisThatNeverAnswersIsTimedOutAndTheReportComesFromMongo(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    double errorsBefore = CacheMetrics.ERRORS.count();
    double bypassedBefore = CacheMetrics.BYPASSED.count();
    // A TCP server that accepts connections and never replies: a hung Redis.
    vertx.createNetServer()
        .connectHandler(socket -> socket.handler(ignored -> { }))
        .listen(0, "127.0.0.1")
        .compose(blackHole -> {
          Config hung = infra.config(Map.of(
              "redis.uri", "redis://127.0.0.1:" + blackHole.actualPort(),
              "redis.timeout-ms", 100,
              "consolidated.cache.breaker-open-ms", 60_000));
          ConsolidationService slowCache = ConsolidationService.create(mongo,
              RedisClients.create(vertx, hung), hung);
          return ledger.record(company, DAY, 42, -2)
              .compose(ignored -> slowCache.daily(company, DAY))
              .compose(first -> slowCache.daily(company, DAY)
                  .map(second -> List.of(first, second)));
        })
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          assertThat(both).containsOnly(new DayTotals(DAY, 42, 2, 2));
          assertThat(CacheMetrics.ERRORS.count() - errorsBefore).isGreaterThanOrEqualTo(1.0);
          assertThat(CacheMetrics.BYPASSED.count() - bypassedBefore).isEqualTo(1.0);
          ctx.completeNow();
        })));
  }

  /** A read within {@link ReportCache#JOIN_WINDOW} of a cached one may share its answer. */
  private static Future<Void> afterJoinWindow() {
    return vertx.timer(ReportCache.JOIN_WINDOW.toMillis() + 5);
  }
}
