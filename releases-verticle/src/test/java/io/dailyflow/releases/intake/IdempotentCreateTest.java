package io.dailyflow.releases.intake;

import static io.dailyflow.releases.TestApp.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.releases.QueueReader;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.releases.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.RedisAPI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class IdempotentCreateTest {

  private static SharedInfra.Slice infra;
  private static TestApp app;
  private static QueueReader queue;
  private static RedisAPI redis;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = SharedInfra.slice();
    queue = new QueueReader(vertx, infra.sqsEndpoint(), infra.queueName());
    redis = RedisAPI.api(RedisClients.create(vertx, infra.config(Map.of())));
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

  private static String newKey() {
    return "key-" + UUID.randomUUID();
  }

  @Test
  void retryWithTheSameKeyAndBodyGetsTheSameIdAndPublishesOnlyThatId(VertxTestContext ctx) {
    String key = newKey();
    JsonObject body = release("Invoice 42", "99.90");
    app.post(app.merchant(), body, key)
        .compose(first -> app.post(app.merchant(), body, key).map(second -> List.of(first, second)))
        .compose(responses -> {
          String id = responses.get(0).bodyAsJsonObject().getString("id");
          ctx.verify(() -> {
            assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
            assertThat(responses.get(1).bodyAsJsonObject())
                .isEqualTo(responses.get(0).bodyAsJsonObject());
            assertThat(responses.get(1).getHeader("Location")).isEqualTo("/releases/" + id);
            assertThat(id).isEqualTo(ReleaseIds.forIdempotencyKey(TestApp.COMPANY, key));
          });
          return queue.receive(QueueReader.withId(id), 2);
        })
        .onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
          // Re-published with the same id and content: the consumer stores it once.
          assertThat(messages).hasSize(2);
          assertThat(messages.get(1).release().getString("acceptedAt"))
              .isEqualTo(messages.get(0).release().getString("acceptedAt"));
          ctx.completeNow();
        })));
  }

  @Test
  void sameAmountWrittenDifferentlyIsTheSameBody(VertxTestContext ctx) {
    String key = newKey();
    app.post(app.merchant(), release("Taxi", 12.3), key)
        .compose(first -> app.post(app.merchant(), release(" Taxi ", "12.30"), key)
            .map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
          assertThat(responses.get(1).bodyAsJsonObject().getString("id"))
              .isEqualTo(responses.get(0).bodyAsJsonObject().getString("id"));
          ctx.completeNow();
        })));
  }

  @Test
  void sameKeyWithADifferentBodyIsAConflict(VertxTestContext ctx) {
    String key = newKey();
    app.post(app.merchant(), release("Lunch", "30.00"), key)
        .compose(first -> app.post(app.merchant(), release("Lunch", "31.00"), key))
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(409);
          assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
          assertThat(response.bodyAsJsonObject().getString("type")).endsWith("/conflict");
          ctx.completeNow();
        })));
  }

  @Test
  void sameKeyInAnotherCompanyIsAnotherRelease(VertxTestContext ctx) {
    String key = newKey();
    JsonObject body = release("Shared key", 5);
    app.post(app.merchant(), body, key)
        .compose(a -> app.post(app.otherMerchant(), body, key).map(b -> List.of(a, b)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
          assertThat(responses.get(1).bodyAsJsonObject().getString("id"))
              .isNotEqualTo(responses.get(0).bodyAsJsonObject().getString("id"));
          ctx.completeNow();
        })));
  }

  @Test
  void keysThatAreNotOneTo255VisibleAsciiCharactersAreA400(VertxTestContext ctx) {
    List<String> keys = List.of("", "with space", "k".repeat(256), "caf\u00e9", "tab\tkey");
    List<Future<HttpResponse<Buffer>>> responses = keys.stream()
        .map(key -> app.post(app.merchant(), release("x", 1), key))
        .toList();
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (int i = 0; i < keys.size(); i++) {
        HttpResponse<Buffer> response = responses.get(i).result();
        assertThat(response.statusCode()).as(keys.get(i)).isEqualTo(400);
        assertThat(response.bodyAsJsonObject().getJsonArray("errors").getJsonObject(0)
            .getString("field")).isEqualTo("Idempotency-Key");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void keyOf255VisibleAsciiCharactersIsAccepted(VertxTestContext ctx) {
    String key = "!~" + "k".repeat(253);
    app.post(app.merchant(), release("Long key", 1), key)
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(202);
          ctx.completeNow();
        })));
  }

  @Test
  void retryKeepsTheBusinessDateAndInstantOfTheFirstRequest(VertxTestContext ctx) {
    String key = newKey();
    String id = ReleaseIds.forIdempotencyKey(TestApp.COMPANY, key);
    ReleaseRequest request = new ReleaseRequest("Late retry", 500);
    IdempotencyStore store = new IdempotencyStore(redis, 86_400, 2_000);
    store.claim(id, request.canonicalHash(), LocalDate.of(2020, 1, 31),
            Instant.parse("2020-01-31T23:59:00Z"), "seed")
        .compose(seeded -> app.post(app.merchant(), release("Late retry", "5.00"), key))
        .compose(response -> {
          ctx.verify(() -> {
            assertThat(response.statusCode()).isEqualTo(202);
            assertThat(response.bodyAsJsonObject().getString("date")).isEqualTo("2020-01-31");
          });
          return queue.receive(QueueReader.withId(id), 1);
        })
        .onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
          JsonObject message = messages.get(0).release();
          assertThat(message.getString("date")).isEqualTo("2020-01-31");
          assertThat(message.getString("acceptedAt")).isEqualTo("2020-01-31T23:59:00Z");
          ctx.completeNow();
        })));
  }
}
