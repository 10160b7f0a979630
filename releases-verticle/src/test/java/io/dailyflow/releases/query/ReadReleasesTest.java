package io.dailyflow.releases.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.release.ReleaseMessage;
import io.dailyflow.releases.Ledger;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.releases.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ReadReleasesTest {

  private static final LocalDate DAY = LocalDate.of(2026, 3, 14);

  private static SharedInfra.Slice infra;
  private static TestApp app;
  private static Ledger ledger;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = SharedInfra.slice();
    ledger = new Ledger(MongoClients.create(vertx, infra.config(Map.of())));
    TestApp.deploy(vertx, infra.config(Map.of()))
        .onComplete(ctx.succeeding(started -> {
          app = started;
          ctx.completeNow();
        }));
  }

  @Test
  void recordedReleaseIsReadWithTheContractFields(VertxTestContext ctx) {
    ledger.record(TestApp.COMPANY, "Groceries", -4_599, DAY)
        .compose(release -> app.get(app.merchant(), "/releases/" + release.id())
            .map(response -> Map.entry(release, response)))
        .onComplete(ctx.succeeding(result -> ctx.verify(() -> {
          assertThat(result.getValue().statusCode()).isEqualTo(200);
          assertThat(result.getValue().getHeader("Content-Type")).startsWith("application/json");
          JsonObject body = result.getValue().bodyAsJsonObject();
          assertThat(body).isEqualTo(new JsonObject()
              .put("id", result.getKey().id())
              .put("description", "Groceries")
              .put("amount", "-45.99")
              .put("type", "DEBIT")
              .put("date", "2026-03-14")
              .put("createdAt", result.getKey().acceptedAt().toString())
              .put("status", "RECORDED"));
          ctx.completeNow();
        })));
  }

  @Test
  void viewerMayReadReleases(VertxTestContext ctx) {
    ledger.record(TestApp.COMPANY, "Seen by viewer", 100, DAY)
        .compose(release -> app.get(app.viewer(), "/releases/" + release.id()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }

  @Test
  void anotherCompanysReleaseIsNotFound(VertxTestContext ctx) {
    ledger.record(TestApp.OTHER_COMPANY, "Secret", 100, DAY)
        .compose(release -> app.get(app.merchant(), "/releases/" + release.id()))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(404);
          assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          ctx.completeNow();
        })));
  }

  @Test
  void releaseNotRecordedYetIsNotFound(VertxTestContext ctx) {
    app.get(app.merchant(), "/releases/" + java.util.UUID.randomUUID())
        .compose(unknown -> app.get(app.merchant(), "/releases/" + "x".repeat(300))
            .map(tooLong -> List.of(unknown, tooLong)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(404));
          ctx.completeNow();
        })));
  }

  @Test
  void readingWithoutATokenIsA401(VertxTestContext ctx) {
    app.get(null, "/releases?date=2026-03-14")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(401);
          ctx.completeNow();
        })));
  }

  @Test
  void reversedReleaseNamesItsReversalAndTheReversalNamesTheOriginal(VertxTestContext ctx) {
    ReleaseMessage original = Ledger.message(TestApp.COMPANY, "Refunded", 2_000, DAY, null);
    ReleaseMessage reversal = Ledger.message(TestApp.COMPANY, "Reversal of Refunded", -2_000,
        DAY, original.id());
    ledger.record(original, 1_000)
        .compose(v -> ledger.record(reversal, 2_000))
        .compose(v -> app.get(app.merchant(), "/releases/" + original.id()))
        .compose(first -> app.get(app.merchant(), "/releases/" + reversal.id())
            .map(second -> List.of(first.bodyAsJsonObject(), second.bodyAsJsonObject())))
        .onComplete(ctx.succeeding(views -> ctx.verify(() -> {
          assertThat(views.get(0).getString("reversedBy")).isEqualTo(reversal.id());
          assertThat(views.get(0).containsKey("reverses")).isFalse();
          assertThat(views.get(1).getString("reverses")).isEqualTo(original.id());
          assertThat(views.get(1).containsKey("reversedBy")).isFalse();
          ctx.completeNow();
        })));
  }

  @Test
  void dayListIsPagedInRecordingOrderWithACursorAndOnlyHoldsThatCompanyAndDay(
      VertxTestContext ctx) {
    LocalDate day = LocalDate.of(2026, 4, 1);
    Random random = new Random(42);
    List<ReleaseMessage> expected = new ArrayList<>();
    List<Future<ReleaseMessage>> writes = new ArrayList<>();
    List<Long> recordedAt = new ArrayList<>();
    for (int i = 0; i < 11; i++) {
      ReleaseMessage message = Ledger.message(TestApp.COMPANY, "Item " + i, 100 + i, day, null);
      long at = 1_000 + random.nextInt(4); // many ties: the id breaks them
      expected.add(message);
      recordedAt.add(at);
      writes.add(ledger.record(message, at));
    }
    writes.add(ledger.record(TestApp.OTHER_COMPANY, "Other company", 1, day));
    writes.add(ledger.record(TestApp.COMPANY, "Other day", 1, day.plusDays(1)));
    List<String> order = new ArrayList<>();
    for (int i = 0; i < expected.size(); i++) {
      order.add(recordedAt.get(i) + "|" + expected.get(i).id());
    }
    order.sort(Comparator.naturalOrder());
    List<String> expectedIds = order.stream().map(s -> s.substring(s.indexOf('|') + 1)).toList();

    List<JsonObject> pages = new ArrayList<>();
    Future.all(writes)
        .compose(v -> readPages("/releases?date=2026-04-01&limit=4", null, pages))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(pages).hasSize(3);
          assertThat(pages.stream().map(p -> p.getJsonArray("items").size()))
              .containsExactly(4, 4, 3);
          assertThat(pages.get(2).getValue("nextCursor")).isNull();
          assertThat(pages.get(2).containsKey("nextCursor")).isTrue();
          List<String> ids = pages.stream()
              .flatMap(p -> p.getJsonArray("items").stream())
              .map(item -> ((JsonObject) item).getString("id"))
              .toList();
          assertThat(ids).containsExactlyElementsOf(expectedIds);
          ctx.completeNow();
        })));
  }

  private static Future<Void> readPages(String base, String cursor, List<JsonObject> pages) {
    String uri = cursor == null ? base : base + "&cursor=" + cursor;
    return app.get(app.merchant(), uri).compose(response -> {
      if (response.statusCode() != 200 || pages.size() > 20) {
        return Future.failedFuture("page " + uri + " answered " + response.statusCode());
      }
      JsonObject page = response.bodyAsJsonObject();
      pages.add(page);
      String next = page.getString("nextCursor");
      return next == null ? Future.succeededFuture() : readPages(base, next, pages);
    });
  }

  @Test
  void dayWithoutReleasesIsAnEmptyPage(VertxTestContext ctx) {
    app.get(app.merchant(), "/releases?date=1999-12-31")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          assertThat(response.bodyAsJsonObject()).isEqualTo(new JsonObject()
              .put("items", new io.vertx.core.json.JsonArray()).putNull("nextCursor"));
          ctx.completeNow();
        })));
  }

  @Test
  void invalidDateLimitAndCursorAreReportedTogether(VertxTestContext ctx) {
    app.get(app.merchant(), "/releases?date=2026-02-30&limit=501&cursor=%25%25")
        .compose(first -> app.get(app.merchant(), "/releases?date=14-03-2026&limit=0")
            .map(second -> List.of(first, second)))
        .compose(two -> app.get(app.merchant(), "/releases?limit=abc&cursor=bm9jb2xvbg")
            .map(third -> List.of(two.get(0), two.get(1), third)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(400));
          assertThat(fields(responses.get(0).bodyAsJsonObject()))
              .containsExactlyInAnyOrder("date", "limit", "cursor");
          assertThat(fields(responses.get(1).bodyAsJsonObject()))
              .containsExactlyInAnyOrder("date", "limit");
          assertThat(fields(responses.get(2).bodyAsJsonObject()))
              .containsExactlyInAnyOrder("limit", "cursor");
          ctx.completeNow();
        })));
  }

  private static List<String> fields(JsonObject problem) {
    return problem.getJsonArray("errors").stream()
        .map(e -> ((JsonObject) e).getString("field"))
        .toList();
  }
}
