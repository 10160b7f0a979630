package io.dailyflow.releases;

import static io.dailyflow.releases.TestApp.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.releases.intake.ReleaseIds;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * MongoDB and Redis are down from the start (nothing listens on their ports); only SQS answers.
 * Intake depends on SQS alone, so it keeps accepting; reads answer 503 with Retry-After.
 */
@ExtendWith(VertxExtension.class)
class DependenciesDownTest {

  private static SharedInfra.Slice infra;
  private static TestApp app;
  private static QueueReader queue;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = SharedInfra.slice();
    queue = new QueueReader(vertx, infra.sqsEndpoint(), infra.queueName());
    TestApp.deploy(vertx, infra.config(Map.of(
            CommonKeys.MONGO_URI.name(), "mongodb://127.0.0.1:" + TestPorts.free(),
            CommonKeys.MONGO_TIMEOUT_MS.name(), 500,
            CommonKeys.REDIS_URI.name(), "redis://127.0.0.1:" + TestPorts.free())))
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
  void releasesAreAcceptedAndQueuedWithoutMongoAndRedis(VertxTestContext ctx) {
    app.post(app.merchant(), release("Offline store", "10.00"))
        .compose(response -> {
          ctx.verify(() -> assertThat(response.statusCode()).isEqualTo(202));
          return queue.receive(QueueReader.withId(response.bodyAsJsonObject().getString("id")), 1);
        })
        .onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
          assertThat(messages).hasSize(1);
          ctx.completeNow();
        })));
  }

  @Test
  void idempotentRetriesWithoutRedisGetTheSameDeterministicId(VertxTestContext ctx) {
    String key = "no-redis-key";
    app.post(app.merchant(), release("Retry", 1), key)
        .compose(first -> app.post(app.merchant(), release("Retry", 1), key)
            .map(second -> List.of(first, second)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses).allSatisfy(r -> assertThat(r.statusCode()).isEqualTo(202));
          assertThat(responses).allSatisfy(r -> assertThat(r.bodyAsJsonObject().getString("id"))
              .isEqualTo(ReleaseIds.forIdempotencyKey(TestApp.COMPANY, key)));
          ctx.completeNow();
        })));
  }

  @Test
  void readsAndReversalsAnswer503WithRetryAfterWithoutMongo(VertxTestContext ctx) {
    List<Future<HttpResponse<Buffer>>> responses = List.of(
        app.get(app.merchant(), "/releases/" + ReleaseIds.random()),
        app.get(app.merchant(), "/releases?date=2026-01-01"),
        app.reverse(app.merchant(), ReleaseIds.random()));
    Future.all(responses).onComplete(ctx.succeeding(all -> ctx.verify(() -> {
      for (Future<HttpResponse<Buffer>> response : responses) {
        assertThat(response.result().statusCode()).isEqualTo(503);
        assertThat(response.result().getHeader("Retry-After")).matches("[1-9][0-9]*");
        assertThat(response.result().bodyAsJsonObject().getString("detail"))
            .doesNotContain("Exception");
      }
      ctx.completeNow();
    })));
  }

  @Test
  void readinessStaysUpForIntakeWhileReportingMongoAndRedisDown(VertxTestContext ctx) {
    app.get(null, "/health/ready")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          JsonObject dependencies = response.bodyAsJsonObject().getJsonObject("dependencies");
          assertThat(dependencies.getJsonObject("mongo").getString("status")).isEqualTo("DOWN");
          assertThat(dependencies.getJsonObject("redis").getString("status")).isEqualTo("DOWN");
          assertThat(dependencies.getJsonObject("sqs").getString("status")).isEqualTo("UP");
          ctx.completeNow();
        })));
  }
}
