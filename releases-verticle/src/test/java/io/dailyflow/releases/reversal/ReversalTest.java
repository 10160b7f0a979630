package io.dailyflow.releases.reversal;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.release.ReleaseMessage;
import io.dailyflow.releases.Ledger;
import io.dailyflow.releases.QueueReader;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.releases.TestApp;
import io.dailyflow.releases.intake.ReleaseIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReversalTest {

  private static final LocalDate DAY = LocalDate.of(2026, 5, 2);

  private static SharedInfra.Slice infra;
  private static TestApp app;
  private static Ledger ledger;
  private static QueueReader queue;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = SharedInfra.slice();
    ledger = new Ledger(MongoClients.create(vertx, infra.config(Map.of())));
    queue = new QueueReader(vertx, infra.sqsEndpoint(), infra.queueName());
    TestApp.deploy(vertx, infra.config(Map.of()))
        .onComplete(ctx.succeeding(started -> {
          app = started;
          ctx.completeNow();
        }));
  }

  @AfterAll
  static void stop() throws Exception {
    queue.close();
  }

  @Test
  void reversalIsAcceptedWithTheOppositeAmountAndASecondOneIsAConflict(VertxTestContext ctx) {
    ledger.record(TestApp.COMPANY, "Office chair", 35_000, DAY)
        .compose(original -> app.reverse(app.merchant(), original.id())
            .compose(first -> app.reverse(app.merchant(), original.id())
                .map(second -> List.of(first, second)))
            .compose(responses -> {
              JsonObject body = responses.get(0).bodyAsJsonObject();
              ctx.verify(() -> {
                assertThat(responses.get(0).statusCode()).isEqualTo(202);
                assertThat(body.getString("id")).isEqualTo(ReleaseIds.forReversalOf(original.id()));
                assertThat(responses.get(0).getHeader("Location"))
                    .isEqualTo("/releases/" + body.getString("id"));
                assertThat(body.getString("status")).isEqualTo("PENDING");
                assertThat(body.getString("amount")).isEqualTo("-350.00");
                assertThat(body.getString("type")).isEqualTo("DEBIT");
                assertThat(body.getString("description")).isEqualTo("Reversal of Office chair");
                assertThat(body.getString("reverses")).isEqualTo(original.id());
                assertThat(body.getString("date"))
                    .isEqualTo(LocalDate.now(ZoneId.of("America/Sao_Paulo")).toString());
                assertThat(responses.get(1).statusCode()).isEqualTo(409);
              });
              return queue.receive(QueueReader.withId(body.getString("id")), 1)
                  .map(messages -> Map.entry(original, messages));
            }))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getValue()).hasSize(1);
          JsonObject message = result.getValue().get(0).release();
          assertThat(message.getString("reverses")).isEqualTo(result.getKey().id());
          assertThat(message.getLong("amountCents")).isEqualTo(-35_000L);
          assertThat(message.getString("companyId")).isEqualTo(TestApp.COMPANY);
          assertThat(message.getString("userId")).isEqualTo("user-a");
          ctx.completeNow();
        })));
  }

  @Test
  void racingReversalsAreOneAcceptedAndOneConflict(VertxTestContext ctx) {
    ledger.record(TestApp.COMPANY, "Raced", 1_000, DAY)
        .compose(original -> Future.all(app.reverse(app.merchant(), original.id()),
            app.reverse(app.merchant(), original.id())))
        .onComplete(ctx.succeeding(both -> ctx.verify(() -> {
          List<Integer> statuses = both.<io.vertx.ext.web.client.HttpResponse<?>>list().stream()
              .map(io.vertx.ext.web.client.HttpResponse::statusCode).toList();
          assertThat(statuses).containsExactlyInAnyOrder(202, 409);
          ctx.completeNow();
        })));
  }

  @Test
  void releaseWithARecordedReversalCannotBeReversedAgain(VertxTestContext ctx) {
    ReleaseMessage original = Ledger.message(TestApp.COMPANY, "Already", 700, DAY, null);
    ReleaseMessage reversal = Ledger.message(TestApp.COMPANY, "Reversal of Already", -700, DAY,
        original.id());
    ledger.record(original, 1)
        .compose(v -> ledger.record(reversal, 2))
        .compose(v -> app.reverse(app.merchant(), original.id()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(409);
          ctx.completeNow();
        })));
  }

  @Test
  void reversalCanItselfBeReversedOnceWhichPutsTheOriginalAmountBack(VertxTestContext ctx) {
    ReleaseMessage original = Ledger.message(TestApp.COMPANY, "Twice", 700, DAY, null);
    ReleaseMessage reversal = Ledger.message(TestApp.COMPANY, "Reversal of Twice", -700, DAY,
        original.id());
    ledger.record(original, 1)
        .compose(v -> ledger.record(reversal, 2))
        .compose(v -> app.reverse(app.merchant(), reversal.id()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(202);
          assertThat(response.bodyAsJsonObject().getString("amount")).isEqualTo("7.00");
          assertThat(response.bodyAsJsonObject().getString("description"))
              .isEqualTo("Reversal of Reversal of Twice");
          ctx.completeNow();
        })));
  }

  @Test
  void anotherCompanysOrAnUnknownReleaseCannotBeReversed(VertxTestContext ctx) {
    ledger.record(TestApp.OTHER_COMPANY, "Not yours", 100, DAY)
        .compose(theirs -> app.reverse(app.merchant(), theirs.id()))
        .compose(theirs -> app.reverse(app.merchant(), java.util.UUID.randomUUID().toString())
            .map(unknown -> List.of(theirs, unknown)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(404));
          ctx.completeNow();
        })));
  }

  @Test
  void viewerMayNotReverse(VertxTestContext ctx) {
    ledger.record(TestApp.COMPANY, "Viewer target", 100, DAY)
        .compose(release -> app.reverse(app.viewer(), release.id()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(403);
          ctx.completeNow();
        })));
  }

  @Test
  void reversalDescriptionIsCutToTheContractLength(VertxTestContext ctx) {
    String longest = "\ud83d\ude00".repeat(255);
    ledger.record(TestApp.COMPANY, longest, 100, DAY)
        .compose(release -> app.reverse(app.merchant(), release.id()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(202);
          String description = response.bodyAsJsonObject().getString("description");
          assertThat(description.codePointCount(0, description.length())).isEqualTo(255);
          assertThat(description).startsWith("Reversal of \ud83d\ude00");
          ctx.completeNow();
        })));
  }
}
