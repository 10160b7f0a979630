package io.dailyflow.releases.publish;

import static io.dailyflow.releases.TestApp.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.releases.ReleasesKeys;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.releases.TestApp;
import io.vertx.core.Vertx;
import io.vertx.core.net.NetServer;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The queue's endpoint accepts connections and never answers (a hung SQS): the service still
 * starts, and a POST gets its 503 after the publish timeout instead of hanging.
 */
@ExtendWith(VertxExtension.class)
class QueueNotAnsweringTest {

  private static SharedInfra.Slice infra;
  private static TestApp app;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    infra = SharedInfra.slice();
    NetServer blackHole = vertx.createNetServer().connectHandler(socket -> { });
    blackHole.listen(0, "127.0.0.1")
        .compose(server -> TestApp.deploy(vertx, infra.config(Map.of(
            CommonKeys.SQS_ENDPOINT.name(), "http://127.0.0.1:" + server.actualPort(),
            ReleasesKeys.PUBLISH_TIMEOUT_MS.name(), 500,
            ReleasesKeys.SQS_WARMUP_TIMEOUT_MS.name(), 500))))
        .onComplete(ctx.succeeding(started -> {
          app = started;
          ctx.completeNow();
        }));
  }

  @Test
  void postAnswers503WithRetryAfterInsteadOfHanging(VertxTestContext ctx) {
    app.post(app.merchant(), release("Never queued", 1), "hung-queue-key")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.getHeader("Retry-After")).matches("[1-9][0-9]*");
          assertThat(response.bodyAsJsonObject().getString("type")).endsWith("/unavailable");
          ctx.completeNow();
        })));
  }

  @Test
  void readinessNamesTheQueueAsDown(VertxTestContext ctx) {
    app.get(null, "/health/ready")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(503);
          assertThat(response.bodyAsJsonObject().getJsonObject("dependencies")
              .getJsonObject("sqs").getString("status")).isEqualTo("DOWN");
          assertThat(response.bodyAsJsonObject().getJsonObject("dependencies")
              .getJsonObject("mongo").getString("status")).isEqualTo("UP");
          ctx.completeNow();
        })));
  }

  @Test
  void livenessStaysUp(VertxTestContext ctx) {
    app.get(null, "/health/live")
        .onComplete(ctx.succeeding(response -> ctx.verify(() -> {
          assertThat(response.statusCode()).isEqualTo(200);
          ctx.completeNow();
        })));
  }
}
