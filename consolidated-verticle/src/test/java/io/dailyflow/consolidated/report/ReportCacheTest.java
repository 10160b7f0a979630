package io.dailyflow.consolidated.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.config.Config;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.consolidated.Ledger;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.internal.ContextInternal;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Lookups of one day share one MGET while it is young: in flight, or answered with every day a
 * hit.
 */
@ExtendWith(VertxExtension.class)
class ReportCacheTest {

  private static final LocalDate DAY = LocalDate.of(2025, 4, 2);
  private static final Duration TIMEOUT = Duration.ofMillis(400);
  private static final Duration TTL = Duration.ofMinutes(10);
  private static final Pattern MGET_CALLS = Pattern.compile("cmdstat_mget:calls=(\\d+)");

  private static TestInfra infra;
  private static Vertx vertx;
  private static Redis redisClient;
  private static RedisAPI redis;
  private static Ledger ledger;

  @BeforeAll
  static void start() {
    infra = SharedInfra.servers();
    vertx = Vertx.vertx();
    Config config = infra.config(Map.of());
    redisClient = RedisClients.create(vertx, config);
    redis = RedisAPI.api(redisClient);
    ledger = new Ledger(MongoClients.create(vertx, config), redis);
  }

  @AfterAll
  static void stop() throws Exception {
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  /** Long enough that lookups issued in one go all fall inside it, even on a loaded machine. */
  private static final Duration WIDE = Duration.ofSeconds(1);

  private static ReportCache cache(Redis client, Duration joinWindow) {
    return new ReportCache(client, TIMEOUT, TTL, new CacheBreaker(Duration.ZERO), joinWindow);
  }

  @Test
  void concurrentLookupsOfOneDayShareOneMgetAndAgreeOnTheVersion(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ReportCache cache = cache(redisClient, WIDE);
    double joinedBefore = CacheMetrics.JOINED.count();
    ledger.record(company, DAY, 10)
        .compose(ignored -> countingMgets(() -> onNewContext(() -> lookups(cache, company, 10))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.mgets()).isEqualTo(1);
          assertThat(CacheMetrics.JOINED.count() - joinedBefore).isEqualTo(9.0);
          assertThat(all.result().stream().map(entries -> entries.get(0).version()).distinct())
              .hasSize(1).doesNotContainNull();
          ctx.completeNow();
        })));
  }

  @Test
  void withoutAJoinWindowEveryLookupSendsItsOwnMget(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ReportCache cache = cache(redisClient, Duration.ZERO);
    double joinedBefore = CacheMetrics.JOINED.count();
    ledger.record(company, DAY, 10)
        .compose(ignored -> countingMgets(() -> onNewContext(() -> lookups(cache, company, 5))))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.mgets()).isEqualTo(5);
          assertThat(CacheMetrics.JOINED.count()).isEqualTo(joinedBefore);
          ctx.completeNow();
        })));
  }

  @Test
  void aLookupAnsweredWithEveryDayAHitIsSharedWithinItsWindow(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ReportCache cache = cache(redisClient, WIDE);
    ledger.record(company, DAY, 10)
        .compose(ignored -> cached(cache, company))
        .compose(hit -> {
          double joinedBefore = CacheMetrics.JOINED.count();
          return countingMgets(() -> onNewContext(() -> cache.lookup(company, List.of(DAY))))
              .onComplete(ctx.succeeding(again -> ctx.verify(() -> {
                assertThat(again.mgets()).isZero();
                assertThat(CacheMetrics.JOINED.count() - joinedBefore).isEqualTo(1.0);
                assertThat(again.result().get(0).isHit()).isTrue();
                assertThat(again.result().get(0).version()).isEqualTo(hit.get(0).version());
                ctx.completeNow();
              })));
        })
        .onFailure(ctx::failNow);
  }

  @Test
  void aLookupAnsweredWithAMissIsNotSharedSoTheReadAfterAFillFindsIt(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ReportCache cache = cache(redisClient, WIDE);
    ledger.record(company, DAY, 10)
        .compose(ignored -> onNewContext(() -> cache.lookup(company, List.of(DAY))))
        .compose(miss -> countingMgets(() -> onNewContext(() -> cache.lookup(company,
            List.of(DAY)))).onComplete(ctx.succeeding(again -> ctx.verify(() -> {
              assertThat(miss.get(0).isHit()).isFalse();
              assertThat(again.mgets()).isEqualTo(1);
              ctx.completeNow();
            }))));
  }

  @Test
  void aReadArrivingAfterTheWindowSeesABump(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ReportCache cache = cache(redisClient, Duration.ofMillis(50));
    ledger.record(company, DAY, 10)
        .compose(ignored -> cached(cache, company))
        .compose(hit -> ledger.bump(company, DAY)
            .compose(ignored -> vertx.timer(100))
            .compose(ignored -> onNewContext(() -> cache.lookup(company, List.of(DAY))))
            .compose(after -> ledger.version(company, DAY).map(current -> {
              ctx.verify(() -> {
                assertThat(hit.get(0).isHit()).isTrue();
                assertThat(after.get(0).version()).isEqualTo(current)
                    .isNotEqualTo(hit.get(0).version());
                assertThat(after.get(0).isHit()).isFalse();
              });
              return current;
            })))
        .onComplete(ctx.succeedingThenComplete());
  }

  @Test
  void aReaderOfAnAnsweredLookupContinuesOnItsOwnRequestContext(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ReportCache cache = cache(redisClient, WIDE);
    ContextInternal reader = ((ContextInternal) vertx.getOrCreateContext()).duplicate();
    ledger.record(company, DAY, 10)
        .compose(ignored -> cached(cache, company))
        .onComplete(ctx.succeeding(hit -> reader.runOnContext(v -> cache.lookup(company,
            List.of(DAY)).onComplete(ar -> ctx.verify(() -> {
              assertThat(Vertx.currentContext()).isSameAs(reader);
              assertThat(ar.result().get(0).isHit()).isTrue();
              ctx.completeNow();
            })))));
  }

  @Test
  void aLookupOlderThanTheWindowIsNotJoined(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    double joinedBefore = CacheMetrics.JOINED.count();
    // A Redis that accepts connections and never answers keeps the first lookup in flight.
    vertx.createNetServer()
        .connectHandler(socket -> socket.handler(ignored -> { }))
        .listen(0, "127.0.0.1")
        .compose(blackHole -> {
          Config hung = infra.config(Map.of(
              "redis.uri", "redis://127.0.0.1:" + blackHole.actualPort()));
          ReportCache cache = cache(RedisClients.create(vertx, hung), Duration.ofMillis(20));
          return onNewContext(() -> {
            Future<List<CacheEntry>> first = cache.lookup(company, List.of(DAY));
            Future<List<CacheEntry>> joined = cache.lookup(company, List.of(DAY));
            Future<List<CacheEntry>> late = vertx.timer(60)
                .compose(ignored -> cache.lookup(company, List.of(DAY)));
            return Future.all(first, joined, late);
          });
        })
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(CacheMetrics.JOINED.count() - joinedBefore).isEqualTo(1.0);
          for (int i = 0; i < 3; i++) {
            assertThat(all.<List<CacheEntry>>resultAt(i).get(0).version()).isNull();
          }
          ctx.completeNow();
        })));
  }

  @Test
  void aJoinerContinuesOnItsOwnRequestContext(VertxTestContext ctx) {
    String company = Ledger.newCompany();
    ReportCache cache = cache(redisClient, WIDE);
    ContextInternal base = (ContextInternal) vertx.getOrCreateContext();
    ContextInternal starter = base.duplicate();
    ContextInternal joiner = base.duplicate();
    base.runOnContext(v -> {
      Promise<Context> started = Promise.promise();
      Promise<Context> joined = Promise.promise();
      starter.runOnContext(s -> cache.lookup(company, List.of(DAY))
          .onComplete(ar -> started.complete(Vertx.currentContext())));
      joiner.runOnContext(j -> cache.lookup(company, List.of(DAY))
          .onComplete(ar -> joined.complete(Vertx.currentContext())));
      Future.all(started.future(), joined.future())
          .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
            assertThat(both.<Context>resultAt(0)).isSameAs(starter);
            assertThat(both.<Context>resultAt(1)).isSameAs(joiner);
            ctx.completeNow();
          })));
    });
  }

  /** A lookup that hits: a first lookup misses, its fill stores the day, a second one hits. */
  private static Future<List<CacheEntry>> cached(ReportCache cache, String company) {
    return onNewContext(() -> cache.lookup(company, List.of(DAY)))
        .compose(miss -> cache.fill(company, miss, Map.of(DAY, new DayTotals(DAY, 10, 0, 1))))
        .compose(filled -> onNewContext(() -> cache.lookup(company, List.of(DAY))));
  }

  private static Future<List<List<CacheEntry>>> lookups(ReportCache cache, String company,
      int readers) {
    List<Future<List<CacheEntry>>> all = new ArrayList<>();
    for (int i = 0; i < readers; i++) {
      all.add(cache.lookup(company, List.of(DAY)));
    }
    return Future.all(all).map(done -> done.list());
  }

  /** Runs {@code work} on a fresh event-loop context, as a request handler would. */
  private static <T> Future<T> onNewContext(Supplier<Future<T>> work) {
    Promise<T> result = Promise.promise();
    vertx.getOrCreateContext().runOnContext(v -> work.get().onComplete(result));
    return result.future();
  }

  /** What a piece of work returned, and how many MGETs Redis served while it ran. */
  private record Counted<T>(T result, long mgets) {
  }

  private static <T> Future<Counted<T>> countingMgets(Supplier<Future<T>> work) {
    return mgetCalls().compose(before -> work.get()
        .compose(result -> mgetCalls().map(after -> new Counted<>(result, after - before))));
  }

  private static Future<Long> mgetCalls() {
    return redis.info(List.of("commandstats")).map(info -> {
      Matcher calls = MGET_CALLS.matcher(info.toString());
      return calls.find() ? Long.parseLong(calls.group(1)) : 0L;
    });
  }
}
