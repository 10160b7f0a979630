package io.dailyflow.releases.publish;

import static io.dailyflow.releases.TestApp.release;
import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.embedded.EmbeddedSqs;
import io.dailyflow.releases.Ledger;
import io.dailyflow.releases.ReleasesKeys;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.releases.TestApp;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The queue goes away while the Releases API runs, then comes back (empty, as after a crash). */
@ExtendWith(VertxExtension.class)
class QueueStoppedTest {

  private static SharedInfra.Slice infra;
  private static EmbeddedSqs sqs;
  private static TestApp app;
  private static Ledger ledger;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    QueueStoppedTest.vertx = vertx;
    infra = SharedInfra.slice();
    sqs = EmbeddedSqs.start("127.0.0.1", 0);
    ledger = new Ledger(MongoClients.create(vertx, infra.config(Map.of())));
    TestApp.deploy(vertx, infra.config(Map.of(CommonKeys.SQS_ENDPOINT.name(), sqs.endpoint(),
            ReleasesKeys.PUBLISH_TIMEOUT_MS.name(), 1_000)))
        .onComplete(ctx.succeeding(started -> {
          app = started;
          ctx.completeNow();
        }));
  }

  @AfterAll
  static void stop() throws Exception {
    sqs.close();
  }

  private static Future<Void> stopQueue() {
    return vertx.executeBlocking(() -> {
      sqs.close();
      return null;
    });
  }

  private static Future<Void> restartQueue() {
    int port = sqs.port();
    return vertx.executeBlocking(() -> {
      sqs = EmbeddedSqs.start("127.0.0.1", port);
      return null;
    });
  }

  @Test
  void writesAnswer503WithRetryAfterWhileTheQueueIsDownAndWorkAgainWhenItIsBack(
      VertxTestContext ctx) {
    String[] originalId = new String[1];
    ledger.record(TestApp.COMPANY, "Reversed later", 1_000, LocalDate.of(2026, 6, 1))
        .compose(original -> {
          originalId[0] = original.id();
          return app.post(app.merchant(), release("Before", 1));
        })
        .compose(before -> stopQueue().map(before))
        .compose(before -> app.post(app.merchant(), release("During", 1))
            .compose(during -> app.reverse(app.merchant(), originalId[0])
                .map(reversal -> List.of(before, during, reversal))))
        .compose(responses -> {
          ctx.verify(() -> {
            assertThat(responses.get(0).statusCode()).isEqualTo(202);
            assertUnavailable(responses.get(1));
            assertUnavailable(responses.get(2));
          });
          return restartQueue();
        })
        .compose(v -> app.post(app.merchant(), release("After", 1)))
        .compose(after -> app.reverse(app.merchant(), originalId[0])
            .map(reversal -> List.of(after, reversal)))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          assertThat(responses.get(0).statusCode()).isEqualTo(202);
          // The failed reversal freed its marker: the retry is accepted, not a 409.
          assertThat(responses.get(1).statusCode()).isEqualTo(202);
          ctx.completeNow();
        })));
  }

  private static void assertUnavailable(HttpResponse<Buffer> response) {
    assertThat(response.statusCode()).isEqualTo(503);
    assertThat(response.getHeader("Retry-After")).matches("[1-9][0-9]*");
    assertThat(response.getHeader("Content-Type")).startsWith("application/problem+json");
    assertThat(response.bodyAsJsonObject().getString("type")).endsWith("/unavailable");
  }
}
