package io.dailyflow.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.release.ReleaseDocuments;
import io.dailyflow.common.release.ReleaseMessage;
import io.dailyflow.common.testing.SharedInfra;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(VertxExtension.class)
class ReleaseStoreTest {

  private MongoClient mongo;
  private ReleaseStore store;

  @BeforeEach
  void connect(Vertx vertx) {
    mongo = MongoClients.create(vertx, SharedInfra.slice().config()); // a database of its own
    store = new ReleaseStore(mongo);
  }

  @Test
  void aBatchOfNewReleasesIsInsertedWithTheDocumentShape(VertxTestContext ctx) {
    ReceivedRelease release = received(release(12_345));
    Instant now = Instant.parse("2025-03-14T15:00:01Z");
    store.store(List.of(release), now)
        .compose(outcome -> mongo.findOne(ReleaseDocuments.COLLECTION,
            new JsonObject().put("_id", release.release().id()), null).map(doc -> Map.of(
                "outcome", outcome, "doc", doc)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          StoreOutcome outcome = (StoreOutcome) result.get("outcome");
          assertThat(outcome.inserted()).containsExactly(release);
          assertThat(outcome.duplicates()).isEmpty();
          assertThat((JsonObject) result.get("doc"))
              .isEqualTo(ReleaseDocuments.toDocument(release.release(), now));
          ctx.completeNow();
        })));
  }

  @Test
  void aDuplicateKeyOnOneItemCountsAsStoredAndTheOtherItemsAreStillInserted(
      VertxTestContext ctx) {
    ReleaseMessage earlier = release(100);
    ReceivedRelease again = received(earlier);
    ReceivedRelease fresh = received(release(-250));
    ReceivedRelease twiceInBatch = received(earlier);
    store.store(List.of(received(earlier)), Instant.now())
        .compose(first -> store.store(List.of(again, fresh, twiceInBatch), Instant.now()))
        .compose(outcome -> mongo.count(ReleaseDocuments.COLLECTION, new JsonObject())
            .map(count -> Map.of("outcome", outcome, "count", count)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          StoreOutcome outcome = (StoreOutcome) result.get("outcome");
          assertThat(outcome.inserted()).containsExactly(fresh);
          assertThat(outcome.duplicates()).containsExactly(again, twiceInBatch);
          assertThat(outcome.failed()).isEmpty();
          assertThat(outcome.days()).containsExactly(new CompanyDay("company-a", DAY));
          assertThat(result.get("count")).isEqualTo(2L);
          ctx.completeNow();
        })));
  }

  private static final LocalDate DAY = LocalDate.of(2025, 3, 14);

  private static ReleaseMessage release(long cents) {
    return new ReleaseMessage(UUID.randomUUID().toString(), "company-a", "user-1", "Sale",
        cents, DAY, Instant.parse("2025-03-14T15:00:00Z"), "req-1", null);
  }

  private static ReceivedRelease received(ReleaseMessage release) {
    return new ReceivedRelease(Message.builder().messageId(UUID.randomUUID().toString())
        .body(release.toJson().encode()).build(), release);
  }
}
