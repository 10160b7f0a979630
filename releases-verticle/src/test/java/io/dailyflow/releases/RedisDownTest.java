package io.dailyflow.releases;

import static io.dailyflow.releases.TestApp.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.releases.intake.ReleaseIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Redis stops while the Releases API runs and comes back empty: without it nothing is refused,
 * and the deterministic ids keep retries and racing reversals one release each.
 */
@ExtendWith(VertxExtension.class)
class RedisDownTest {

  private static SharedInfra.Slice infra;
  private static TestApp app;
  private static Ledger ledger;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    RedisDownTest.vertx = vertx;
    infra = SharedInfra.slice();
    ledger = new Ledger(MongoClients.create(vertx, infra.config(Map.of())));
    TestApp.deploy(vertx, infra.config(Map.of()))
        .onComplete(ctx.succeeding(started -> {
          app = started;
          ctx.completeNow();
        }));
  }

  private static Future<Void> blocking(Runnable action) {
    return vertx.executeBlocking(() -> {
      action.run();
      return null;
    });
  }

  @Test
  void withoutRedisRetriesAndReversalsAreAcceptedWithTheirDeterministicIdsAndWithItConflictsCome(
      VertxTestContext ctx) {
    String key = "redis-down-key";
    String expectedId = ReleaseIds.forIdempotencyKey(TestApp.COMPANY, key);
    ledger.record(TestApp.COMPANY, "Reverse me", 900, LocalDate.of(2026, 7, 7))
        .compose(original -> blocking(infra.servers()::stopRedis)
            .compose(v -> app.post(app.merchant(), release("First body", 1), key))
            .compose(first -> app.post(app.merchant(), release("Other body", 2), key)
                .map(second -> List.of(first, second)))
            .compose(posts -> app.reverse(app.merchant(), original.id())
                .compose(r1 -> app.reverse(app.merchant(), original.id())
                    .map(r2 -> List.of(posts.get(0), posts.get(1), r1, r2))))
            .compose(withoutRedis -> {
              ctx.verify(() -> {
                assertThat(withoutRedis).allSatisfy(r -> assertThat(r.statusCode())
                    .isEqualTo(202));
                assertThat(withoutRedis.get(0).bodyAsJsonObject().getString("id"))
                    .isEqualTo(expectedId);
                assertThat(withoutRedis.get(1).bodyAsJsonObject().getString("id"))
                    .isEqualTo(expectedId);
                assertThat(withoutRedis.get(3).bodyAsJsonObject().getString("id"))
                    .isEqualTo(withoutRedis.get(2).bodyAsJsonObject().getString("id"))
                    .isEqualTo(ReleaseIds.forReversalOf(original.id()));
              });
              return blocking(infra.servers()::restartRedis);
            }))
        .compose(v -> app.post(app.merchant(), release("Back", 1), "redis-back-key"))
        .compose(first -> app.post(app.merchant(), release("Back", 2), "redis-back-key"))
        .onComplete(ctx.succeeding(conflict -> ctx.verify(() -> {
          assertThat(conflict.statusCode()).isEqualTo(409);
          ctx.completeNow();
        })));
  }
}
