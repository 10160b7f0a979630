package io.dailyflow.consumer.totals;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.release.DayTotalsDocuments;
import io.dailyflow.common.release.DayTotalsDocuments.DaySums;
import io.dailyflow.common.release.ReleaseMessage;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.consumer.batch.ReceivedRelease;
import io.dailyflow.consumer.batch.ReleaseStore;
import io.dailyflow.consumer.batch.StoreOutcome;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

/** The running totals' protocol against a real MongoDB-protocol server, redeliveries included. */
@ExtendWith(VertxExtension.class)
class DayTotalsWriterTest {

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);
  private MongoClient mongo;
  private TotalsState state;
  private DayTotalsWriter writer;

  @BeforeEach
  void connect(Vertx vertx) {
    mongo = MongoClients.create(vertx, SharedInfra.slice().config()); // a database of its own
    state = new TotalsState();
    writer = new DayTotalsWriter(mongo, state);
  }

  @Test
  void newReleasesAreAddedToTheirDaysExactlyAndCreditsAndDebitsApart(VertxTestContext ctx) {
    List<ReleaseMessage> batch = List.of(release("a", DAY, 150_000), release("a", DAY, -32_050),
        release("a", DAY.plusDays(1), 1), release("b", DAY, -7));
    writer.count(batch)
        .compose(v -> Future.all(totals("a", DAY), totals("a", DAY.plusDays(1)), totals("b", DAY)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat(all.<DaySums>resultAt(0)).isEqualTo(new DaySums(150_000, 32_050, 2));
          assertThat(all.<DaySums>resultAt(1)).isEqualTo(new DaySums(1, 0, 1));
          assertThat(all.<DaySums>resultAt(2)).isEqualTo(new DaySums(0, 7, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void aBusyDayIsCountedAcrossItsShardsEachReleaseInTheShardItsIdPicks(VertxTestContext ctx) {
    List<ReleaseMessage> batch = IntStream.range(0, 200)
        .mapToObj(i -> release("a", DAY, i % 2 == 0 ? 100 + i : -(1 + i))).toList();
    DaySums expected = batch.stream().map(ReleaseMessage::amountCents)
        .reduce(DaySums.ZERO, (sums, cents) -> sums.plus(cents), DaySums::plus);
    writer.count(batch)
        .compose(v -> mongo.find(DayTotalsDocuments.COLLECTION,
            DayTotalsDocuments.dayFilter("a", DAY)))
        .onComplete(ctx.succeeding(docs -> ctx.verify(() -> {
          // 200 random ids leave one of 16 shards empty with a probability of about 4e-5.
          assertThat(docs).hasSize(DayTotalsDocuments.SHARDS);
          for (JsonObject doc : docs) {
            int shard = doc.getInteger(DayTotalsDocuments.SHARD);
            assertThat(doc.getString("_id")).isEqualTo(DayTotalsDocuments.id("a", DAY, shard));
            assertThat(doc.getJsonArray(DayTotalsDocuments.PENDING)).isNotEmpty()
                .allSatisfy(id -> assertThat(DayTotalsDocuments.shardOf((String) id))
                    .isEqualTo(shard));
          }
          assertThat(docs.stream().map(DaySums::of).reduce(DaySums.ZERO, DaySums::plus))
              .isEqualTo(expected);
          ctx.completeNow();
        })));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aReleaseAVersionBeforeShardsCountedButDidNotStoreIsNotCountedAgain(VertxTestContext ctx) {
    ReleaseMessage countedBefore = release("a", DAY, 800);
    ReleaseMessage fresh = release("a", DAY, -30);
    // What a version before shards left: the day's single document, the release still pending.
    JsonObject legacy = new JsonObject()
        .put("_id", DayTotalsDocuments.legacyId("a", DAY)).put(DayTotalsDocuments.COMPANY, "a")
        .put(DayTotalsDocuments.DATE, DAY.toString()).put(DayTotalsDocuments.CREDITS, 800L)
        .put(DayTotalsDocuments.DEBITS, 0L).put(DayTotalsDocuments.COUNT, 1L)
        .put(DayTotalsDocuments.EPOCH, 5L)
        .put(DayTotalsDocuments.PENDING, new JsonArray().add(countedBefore.id()));
    mongo.insert(DayTotalsDocuments.COLLECTION, legacy)
        .compose(v -> writer.count(List.of(countedBefore, fresh)))
        .compose(counted -> totals("a", DAY).map(sums -> Map.of("counted", counted,
            "sums", sums)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          // Both may be stored; only the fresh one was added.
          assertThat((Set<Object>) result.get("counted"))
              .containsExactlyInAnyOrder(countedBefore.id(), fresh.id());
          assertThat(result.get("sums")).isEqualTo(new DaySums(800, 30, 2));
          ctx.completeNow();
        })));
  }

  @Test
  void aReleaseCountedButNotStoredYetIsNotCountedAgainByItsRedelivery(VertxTestContext ctx) {
    ReleaseMessage release = release("a", DAY, 1_000);
    // The first delivery counted it and died before inserting the release document.
    writer.count(List.of(release))
        .compose(v -> new DayTotalsWriter(mongo, new TotalsState()).count(List.of(release)))
        .compose(v -> writer.count(List.of(release, release)))
        .compose(v -> shardOf(release))
        .onComplete(ctx.succeeding(doc -> ctx.verify(() -> {
          assertThat(DaySums.of(doc)).isEqualTo(new DaySums(1_000, 0, 1));
          assertThat(doc.getJsonArray(DayTotalsDocuments.PENDING)).containsExactly(release.id());
          ctx.completeNow();
        })));
  }

  @Test
  void aStoredAndPrunedReleaseIsNotCountedAgainWhenItIsDeliveredOnceMore(Vertx vertx,
      VertxTestContext ctx) {
    ReleaseMessage release = release("a", DAY, -250);
    TotalsPruner pruner = new TotalsPruner(vertx, mongo, state);
    writer.count(List.of(release))
        .compose(v -> store(release))
        .compose(v -> {
          writer.stored(List.of(release));
          return pruner.pruneNow();
        })
        .compose(v -> writer.count(List.of(release)))
        .compose(v -> shardOf(release))
        .onComplete(ctx.succeeding(doc -> ctx.verify(() -> {
          assertThat(DaySums.of(doc)).isEqualTo(new DaySums(0, 250, 1));
          assertThat(doc.getJsonArray(DayTotalsDocuments.PENDING)).isEmpty();
          assertThat(doc.getLong(DayTotalsDocuments.EPOCH)).isEqualTo(1L);
          ctx.completeNow();
        })));
  }

  @Test
  void aCountPreparedBeforeAPruneMatchesNothingSoItCannotCountAPrunedReleaseTwice(
      VertxTestContext ctx) {
    // A consumer found no document for the release at epoch 0; meanwhile another delivery counted
    // it, stored it and pruned it. Its count, still at epoch 0, must not apply.
    ReleaseMessage release = release("a", DAY, 500);
    int shard = DayTotalsDocuments.shardOf(release.id());
    String id = DayTotalsDocuments.id("a", DAY, shard);
    writer.count(List.of(release))
        .compose(v -> store(release))
        .compose(v -> mongo.updateCollection(DayTotalsDocuments.COLLECTION,
            new JsonObject().put("_id", id), DayTotalsDocuments.pruneUpdate(List.of(release.id()))))
        .compose(v -> mongo.updateCollection(DayTotalsDocuments.COLLECTION,
            DayTotalsDocuments.countFilter("a", DAY, shard, 0, List.of(release.id())),
            DayTotalsDocuments.countUpdate(DaySums.ZERO.plus(500), List.of(release.id()))))
        .compose(stale -> totals("a", DAY).map(sums -> Map.of("stale", stale.getDocMatched(),
            "sums", sums)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.get("stale")).isEqualTo(0L);
          assertThat(result.get("sums")).isEqualTo(new DaySums(500, 0, 1));
          ctx.completeNow();
        })));
  }

  @Test
  void aWriterWithAStaleEpochChecksAgainAndCountsOnlyWhatIsNew(Vertx vertx,
      VertxTestContext ctx) {
    // All in one shard: the prune must change the epoch the slow writer remembers.
    ReleaseMessage stored = inShard(3, "a", DAY, 700);
    ReleaseMessage fresh = inShard(3, "a", DAY, -300);
    TotalsState other = new TotalsState();
    DayTotalsWriter slow = new DayTotalsWriter(mongo, other);
    TotalsPruner pruner = new TotalsPruner(vertx, mongo, state);
    slow.count(List.of(inShard(3, "a", DAY, 1)))               // slow remembers epoch 0
        .compose(v -> writer.count(List.of(stored)))
        .compose(v -> store(stored))
        .compose(v -> {
          writer.stored(List.of(stored));
          return pruner.pruneNow();                              // epoch 1
        })
        .compose(v -> slow.count(List.of(stored, fresh)))
        .compose(v -> shardOf(fresh))
        .onComplete(ctx.succeeding(doc -> ctx.verify(() -> {
          assertThat(doc.getLong(DayTotalsDocuments.EPOCH)).isEqualTo(1L);
          assertThat(DaySums.of(doc)).isEqualTo(new DaySums(701, 300, 3));
          ctx.completeNow();
        })));
  }

  @Test
  void manyConcurrentRedeliveriesWithPrunesRunningCountEveryReleaseExactlyOnce(Vertx vertx,
      VertxTestContext ctx) {
    long seed = System.nanoTime();
    Random random = new Random(seed);
    List<ReleaseMessage> releases = IntStream.range(0, 300)
        .mapToObj(i -> release("a", DAY, (random.nextBoolean() ? 1 : -1)
            * (1 + random.nextInt(1_000_000))))
        .toList();
    DaySums expected = DaySums.ZERO;
    for (ReleaseMessage release : releases) {
      expected = expected.plus(release.amountCents());
    }
    TotalsPruner pruner = new TotalsPruner(vertx, mongo, state);
    pruner.start(20);
    // Six "consumers" (two processes' worth of state) each get every release, in random batches
    // of up to 10, and do what a poll loop does: count, store, mark stored.
    List<Future<Void>> consumers = new ArrayList<>();
    for (int c = 0; c < 6; c++) {
      TotalsState processState = c % 2 == 0 ? state : new TotalsState();
      DayTotalsWriter consumer = new DayTotalsWriter(mongo, processState);
      List<ReleaseMessage> shuffled = new ArrayList<>(releases);
      Collections.shuffle(shuffled, random);
      consumers.add(deliver(consumer, shuffled, random.nextInt(10) + 1));
    }
    DaySums want = expected;
    Future.all(consumers)
        .compose(v -> pruner.stop())
        .compose(v -> totals("a", DAY))
        .onComplete(ctx.succeeding(sums -> ctx.verify(() -> {
          assertThat(sums).as("seed %d", seed).isEqualTo(want);
          ctx.completeNow();
        })));
  }

  private Future<Void> deliver(DayTotalsWriter consumer, List<ReleaseMessage> releases,
      int batchSize) {
    Future<Void> chain = Future.succeededFuture();
    for (int from = 0; from < releases.size(); from += batchSize) {
      List<ReleaseMessage> batch = releases.subList(from, Math.min(releases.size(),
          from + batchSize));
      chain = chain.compose(v -> deliverBatch(consumer, batch, 1));
    }
    return chain;
  }

  /**
   * Count, store, mark stored, as the consumer does; what was not counted or not stored is
   * delivered again, as SQS would.
   */
  private Future<Void> deliverBatch(DayTotalsWriter consumer, List<ReleaseMessage> batch,
      int delivery) {
    return consumer.count(batch)
        .compose(counted -> {
          List<ReleaseMessage> storable = batch.stream()
              .filter(r -> counted.contains(r.id())).toList();
          List<ReleaseMessage> rest = new ArrayList<>(batch.stream()
              .filter(r -> !counted.contains(r.id())).toList());
          return storeAll(storable).compose(outcome -> {
            consumer.stored(releasesOf(outcome.stored()));
            rest.addAll(releasesOf(outcome.failed()));
            return rest.isEmpty() ? Future.<Void>succeededFuture()
                : deliverBatch(consumer, rest, delivery + 1);
          });
        }, e -> delivery < 5 ? deliverBatch(consumer, batch, delivery + 1)
            : Future.failedFuture(e));
  }

  private Future<Void> store(ReleaseMessage release) {
    return storeAll(List.of(release)).mapEmpty();
  }

  /** The consumer's own bulk insert: a duplicate key is stored, any other error is not. */
  private Future<StoreOutcome> storeAll(List<ReleaseMessage> releases) {
    return new ReleaseStore(mongo).store(releases.stream()
        .map(r -> new ReceivedRelease(Message.builder().messageId(r.id()).build(), r))
        .toList(), Instant.now());
  }

  private static List<ReleaseMessage> releasesOf(List<ReceivedRelease> received) {
    return received.stream().map(ReceivedRelease::release).toList();
  }

  /** The day's totals: the sum of its shards. */
  private Future<DaySums> totals(String company, LocalDate date) {
    return mongo.find(DayTotalsDocuments.COLLECTION, DayTotalsDocuments.dayFilter(company, date))
        .map(docs -> docs.stream().map(DaySums::of).reduce(DaySums.ZERO, DaySums::plus));
  }

  /** The document of the shard the release is counted in. */
  private Future<JsonObject> shardOf(ReleaseMessage release) {
    return mongo.findOne(DayTotalsDocuments.COLLECTION, DayTotalsDocuments.byId(
        release.companyId(), release.businessDate(), DayTotalsDocuments.shardOf(release.id())),
        null);
  }

  /** A release whose id falls in {@code shard}. */
  private static ReleaseMessage inShard(int shard, String company, LocalDate date, long cents) {
    ReleaseMessage release;
    do {
      release = release(company, date, cents);
    } while (DayTotalsDocuments.shardOf(release.id()) != shard);
    return release;
  }

  private static ReleaseMessage release(String company, LocalDate date, long cents) {
    return new ReleaseMessage(UUID.randomUUID().toString(), company, "user-1", "Sale", cents,
        date, Instant.parse("2025-03-14T15:00:00Z"), "req-1", null);
  }
}
