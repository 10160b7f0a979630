package io.dailyflow.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.release.DayTotalsDocuments.DaySums;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.QueueBodies;
import io.dailyflow.common.release.ReleaseMessage;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.consumer.batch.BatchReport;
import io.dailyflow.consumer.totals.DayTotalsWriter;
import io.dailyflow.consumer.totals.TotalsState;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConsumerFlowTest {

  private static TestInfra infra;
  private ConsumerHarness harness;

  @BeforeAll
  static void startInfra() {
    infra = SharedInfra.servers();
  }

  @AfterEach
  void closeHarness() {
    if (harness != null) {
      harness.close();
    }
  }

  @Test
  void releasesSentToTheQueueAreStoredWithTheirFieldsAndDeleted(Vertx vertx,
      VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    ReleaseMessage credit = Releases.release(harness.companyA, 150_075);
    ReleaseMessage debit = Releases.release(harness.companyA, -2_050);
    ReleaseMessage reversal = new ReleaseMessage("rev-1", harness.companyA, "user-2", "Reversal",
        -150_075, Releases.DAY, Instant.parse("2025-03-14T16:00:00Z"), "req-rev", credit.id());
    long before = Instant.now().toEpochMilli();
    harness.queue.send(List.of(credit.toJson().encode(), debit.toJson().encode(),
            reversal.toJson().encode()))
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "3 stored, queue empty",
            () -> harness.allStoredAndDeleted(3)))
        .compose(v -> Future.all(harness.document(credit.id()), harness.document(debit.id()),
            harness.document(reversal.id())))
        .onComplete(ctx.succeeding(docs -> ctx.verify(() -> {
          List<ReleaseMessage> sent = List.of(credit, debit, reversal);
          for (int i = 0; i < 3; i++) {
            JsonObject doc = docs.resultAt(i);
            long recordedAt = doc.getLong(ReleaseDocuments.RECORDED_AT);
            assertThat(recordedAt).isGreaterThanOrEqualTo(before);
            assertThat(doc).isEqualTo(ReleaseDocuments.toDocument(sent.get(i),
                Instant.ofEpochMilli(recordedAt)));
          }
          assertThat(((JsonObject) docs.resultAt(2)).getString("reverses"))
              .isEqualTo(credit.id());
          ctx.completeNow();
        })));
  }

  @Test
  void eachTouchedDayGetsANewVersionBeforeItsMessagesAreDeletedAndUntouchedDaysGetNone(
      Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    String companyA = harness.companyA;
    String companyB = harness.companyB;
    AtomicReference<String> before = new AtomicReference<>();
    // A's day already has a version (a reader gave it one); B's has none. Redis holds writes,
    // so the consumer stores and then waits on its version bump.
    harness.giveVersion(companyA, Releases.DAY)
        .onSuccess(before::set)
        .compose(v -> harness.pauseRedisWrites())
        .compose(v -> harness.queue.send(List.of(Releases.body(companyA, 100),
            Releases.body(companyA, 200), Releases.body(companyB, -300))))
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "a release stored",
            () -> harness.stored().map(n -> n > 0)))
        .compose(v -> Future.all(harness.queue.messagesLeft(),
            harness.version(companyA, Releases.DAY), harness.version(companyB, Releases.DAY)))
        .compose(whileBumpPending -> {
          ctx.verify(() -> {
            assertThat((Long) whileBumpPending.resultAt(0))
                .as("messages left while the version bump waits").isEqualTo(3L);
            assertThat((String) whileBumpPending.resultAt(1)).isEqualTo(before.get());
            assertThat((String) whileBumpPending.resultAt(2)).isNull();
          });
          return Future.<Void>succeededFuture();
        })
        .eventually(() -> harness.resumeRedisWrites())
        .compose(v -> Eventually.until(vertx, "3 stored, queue empty",
            () -> harness.allStoredAndDeleted(3)))
        .compose(v -> Future.all(harness.version(companyA, Releases.DAY),
            harness.version(companyB, Releases.DAY),
            harness.version(companyA, Releases.DAY.plusDays(1))))
        .onComplete(ctx.succeeding(after -> ctx.verify(() -> {
          assertThat((String) after.resultAt(0)).isNotNull().isNotEqualTo(before.get());
          assertThat((String) after.resultAt(1)).isNotNull();
          assertThat((String) after.resultAt(2)).as("untouched day").isNull();
          ctx.completeNow();
        })));
  }

  @Test
  void twoConsumerInstancesSharingOneQueueStoreFiveHundredReleasesExactlyOnce(Vertx vertx,
      VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of(ConsumerKeys.INSTANCES.name(), 2));
    List<String> bodies = IntStream.range(0, 500)
        .mapToObj(i -> Releases.body(i % 2 == 0 ? harness.companyA : harness.companyB,
            i + 1L))
        .toList();
    double storedBefore = counter("consumer.stored");
    CapturedLogs logs = CapturedLogs.of(BatchReport.class);
    harness.queue.send(bodies)
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "500 stored, queue empty",
            () -> harness.allStoredAndDeleted(500)))
        .compose(v -> Future.all(harness.mongo.distinct(ReleaseDocuments.COLLECTION, "_id",
            String.class.getName()), harness.totals(harness.companyA, Releases.DAY),
            harness.totals(harness.companyB, Releases.DAY)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          logs.close();
          assertThat((JsonArray) all.resultAt(0)).hasSize(500);
          // Company A got 1, 3, ..., 499 cents; company B 2, 4, ..., 500.
          assertThat((DaySums) all.resultAt(1)).isEqualTo(new DaySums(62_500, 0, 250));
          assertThat((DaySums) all.resultAt(2)).isEqualTo(new DaySums(62_750, 0, 250));
          assertThat(counter("consumer.stored") - storedBefore).isEqualTo(500.0);
          assertThat(logs.lines().stream().map(CapturedLogs.Line::thread).distinct())
              .as("event-loop threads of the poll loops that recorded releases").hasSize(2);
          ctx.completeNow();
        })));
  }

  @Test
  void releasesPackedSeveralToAMessageAreCountedAndStoredOnceEvenWhenAMessageComesTwice(
      Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    List<String> messages = IntStream.range(0, 6)
        .mapToObj(m -> QueueBodies.several(IntStream.range(0, 50)
            .mapToObj(i -> Releases.body(harness.companyA, m * 50 + i + 1L))
            .toList()))
        .toList();
    List<String> withACopy = new ArrayList<>(messages);
    withACopy.add(messages.get(2));
    double storedBefore = counter("consumer.stored");
    harness.queue.send(withACopy)
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "300 stored, queue empty",
            () -> harness.allStoredAndDeleted(300)))
        .compose(v -> harness.totals(harness.companyA, Releases.DAY))
        .onComplete(ctx.succeeding(totals -> ctx.verify(() -> {
          // 1 + 2 + ... + 300 cents
          assertThat(totals).isEqualTo(new DaySums(45_150, 0, 300));
          assertThat(counter("consumer.stored") - storedBefore).isEqualTo(300.0);
          ctx.completeNow();
        })));
  }

  @Test
  void aMessageWithOneInvalidReleaseStoresTheOthersButStaysOnTheQueue(Vertx vertx,
      VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    ReleaseMessage first = Releases.release(harness.companyA, 700);
    ReleaseMessage last = Releases.release(harness.companyA, -200);
    String body = QueueBodies.several(List.of(first.toJson().encode(),
        first.toJson().put("id", "bad").put("amountCents", "lots").encode(),
        last.toJson().encode()));
    // Published once the batch has stored, versioned and deleted what it may.
    Promise<Void> recorded = Promise.promise();
    vertx.eventBus().consumer(Addresses.RELEASES_RECORDED, msg -> recorded.tryComplete());
    harness.queue.send(body)
        .compose(v -> harness.deploy())
        .compose(id -> recorded.future())
        .compose(v -> Future.all(harness.totals(harness.companyA, Releases.DAY),
            harness.queue.messagesLeft(), harness.stored()))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          assertThat((DaySums) all.resultAt(0)).isEqualTo(new DaySums(700, 200, 2));
          assertThat((Long) all.resultAt(2)).isEqualTo(2L);
          assertThat((Long) all.resultAt(1)).as("the message is kept for the dead-letter queue")
              .isEqualTo(1L);
          ctx.completeNow();
        })));
  }

  @Test
  void theSameMessageBodySentManyTimesIsStoredOnce(Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    ReleaseMessage release = Releases.release(harness.companyA, 999);
    List<String> copies = Collections.nCopies(25, release.toJson().encode());
    double storedBefore = counter("consumer.stored");
    double duplicatesBefore = counter("consumer.duplicates");
    harness.queue.send(copies)
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "1 stored, queue empty",
            () -> harness.allStoredAndDeleted(1)))
        .compose(v -> Future.all(harness.document(release.id()),
            harness.totals(harness.companyA, Releases.DAY)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          JsonObject doc = all.resultAt(0);
          assertThat(doc.getLong(ReleaseDocuments.AMOUNT_CENTS)).isEqualTo(999L);
          assertThat((DaySums) all.resultAt(1)).isEqualTo(new DaySums(999, 0, 1));
          assertThat(counter("consumer.stored") - storedBefore).isEqualTo(1.0);
          assertThat(counter("consumer.duplicates") - duplicatesBefore).isEqualTo(24.0);
          ctx.completeNow();
        })));
  }

  @Test
  void aMessageRedeliveredAfterItWasStoredButBeforeItsDeleteIsStoredOnceAndItsDayGetsANewVersion(
      Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    ReleaseMessage release = Releases.release(harness.companyA, 4_200);
    double duplicatesBefore = counter("consumer.duplicates");
    AtomicReference<String> before = new AtomicReference<>();
    // A first consumer received it (visibility 0: visible again at once), counted and stored it,
    // then died before the version bump and the delete: the message is redelivered, and the day
    // still has the version it had before that store.
    harness.giveVersion(harness.companyA, Releases.DAY)
        .onSuccess(before::set)
        .compose(v -> harness.queue.send(release.toJson().encode()))
        .compose(v -> Eventually.until(vertx, "first delivery",
            () -> harness.queue.receiveAndLeaveVisible().map(messages -> !messages.isEmpty())))
        .compose(v -> new DayTotalsWriter(harness.mongo, new TotalsState())
            .count(List.of(release)))
        .compose(v -> harness.mongo.insert(ReleaseDocuments.COLLECTION,
            ReleaseDocuments.toDocument(release, Instant.now())))
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "1 stored, queue empty",
            () -> harness.allStoredAndDeleted(1)))
        .compose(v -> Future.all(harness.version(harness.companyA, Releases.DAY),
            harness.totals(harness.companyA, Releases.DAY)))
        .onComplete(ctx.succeeding(all -> ctx.verify(() -> {
          String version = all.resultAt(0);
          assertThat(version).isNotNull().isNotEqualTo(before.get());
          assertThat((DaySums) all.resultAt(1)).isEqualTo(new DaySums(4_200, 0, 1));
          assertThat(counter("consumer.duplicates") - duplicatesBefore).isEqualTo(1.0);
          ctx.completeNow();
        })));
  }

  @Test
  void theRequestIdOfTheHttpRequestIsOnTheConsumersLogLineAboutTheRelease(Vertx vertx,
      VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    ReleaseMessage release = Releases.release(harness.companyA, 1_000);
    CapturedLogs logs = CapturedLogs.of(BatchReport.class);
    harness.queue.send(release.toJson().encode())
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "1 stored, queue empty",
            () -> harness.allStoredAndDeleted(1)))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          logs.close();
          assertThat(logs.lines())
              .filteredOn(line -> line.message().contains(release.id()))
              .singleElement()
              .satisfies(line -> assertThat(line.mdc())
                  .containsEntry("requestId", release.requestId()));
          ctx.completeNow();
        })));
  }

  @Test
  void theRecordedEventNamesTheStoredIdsAndTheirDays(Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of(ConsumerKeys.INSTANCES.name(), 1));
    ReleaseMessage release = Releases.release(harness.companyB, 77);
    vertx.eventBus().<JsonObject>consumer(Addresses.RELEASES_RECORDED, msg -> ctx.verify(() -> {
      assertThat(msg.body().getJsonArray("ids")).isEqualTo(new JsonArray().add(release.id()));
      assertThat(msg.body().getJsonArray("days")).isEqualTo(new JsonArray().add(
          new JsonObject().put("companyId", harness.companyB)
              .put("date", Releases.DAY.toString())));
      ctx.completeNow();
    }));
    harness.queue.send(release.toJson().encode())
        .compose(v -> harness.deploy())
        .onComplete(ctx.succeeding(id -> { }));
  }

  @Test
  void theDayIndexAndTheReversesIndexExistOnceTheConsumerHasStarted(Vertx vertx,
      VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of());
    harness.deploy()
        .compose(id -> harness.mongo.listIndexes(ReleaseDocuments.COLLECTION))
        .onComplete(ctx.succeeding(indexes -> ctx.verify(() -> {
          List<Object> keys = indexes.stream().map(i -> ((JsonObject) i).getValue("key"))
              .toList();
          assertThat(keys).contains(ReleaseDocuments.DAY_INDEX,
              new JsonObject().put(ReleaseDocuments.REVERSES, 1));
          ctx.completeNow();
        })));
  }

  private static double counter(String name) {
    return Metrics.registry().counter(name).count();
  }
}
