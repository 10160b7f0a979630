package io.dailyflow.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestPorts;
import io.micrometer.core.instrument.Gauge;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(VertxExtension.class)
class ConsumerHttpTest {

  private static TestInfra infra;
  private ConsumerHarness harness;
  private volatile boolean redisStopped;

  @BeforeAll
  static void startInfra() {
    infra = SharedInfra.servers();
  }

  @AfterEach
  void cleanUp() {
    if (harness != null) {
      harness.close();
    }
    if (redisStopped) {
      infra.restartRedis();
    }
  }

  @Test
  void readinessNamesMongoRedisAndTheQueueAndMetricsListTheConsumerMeters(Vertx vertx,
      VertxTestContext ctx) {
    int port = TestPorts.free();
    harness = ConsumerHarness.create(vertx, infra, Map.of(
        ConsumerKeys.HTTP_ENABLED.name(), true, ConsumerKeys.HTTP_PORT.name(), port));
    WebClient client = WebClient.create(vertx);
    String queue = harness.config.string(CommonKeys.SQS_QUEUE_NAME);
    harness.deploy()
        .compose(id -> Future.all(client.get(port, "127.0.0.1", "/health/ready").send(),
            client.get(port, "127.0.0.1", "/metrics").send()))
        .onComplete(ctx.succeeding(responses -> ctx.verify(() -> {
          HttpResponse<Buffer> ready = responses.resultAt(0);
          assertThat(ready.statusCode()).isEqualTo(200);
          assertThat(ready.bodyAsJsonObject().getJsonObject("dependencies").fieldNames())
              .containsExactlyInAnyOrder("mongo", "redis", "sqs");
          HttpResponse<Buffer> metrics = responses.resultAt(1);
          assertThat(metrics.statusCode()).isEqualTo(200);
          assertThat(metrics.bodyAsString()).contains("consumer_received_total",
              "consumer_stored_total", "consumer_duplicates_total", "consumer_poison_total",
              "consumer_batch_failures_total", "consumer_receive_failures_total",
              "consumer_batch_duration_seconds_bucket",
              "consumer_batch_step_duration_seconds_count{step=\"count\"}",
              "consumer_batch_step_duration_seconds_count{step=\"store\"}",
              "consumer_batch_step_duration_seconds_count{step=\"version\"}",
              "consumer_batch_step_duration_seconds_count{step=\"delete\"}",
              "release_record_lag_seconds_bucket{le=\"1.0\"}",
              "consumer_queue_depth{queue=\"" + queue + "\"}",
              "consumer_queue_in_flight{queue=\"" + queue + "\"}",
              "consumer_dead_letter_queue_depth{queue=\"" + queue + "\"}",
              "consumer_oldest_message_age_seconds{queue=\"" + queue + "\"}");
          ctx.completeNow();
        })));
  }

  @Test
  void readinessIsDownNamingRedisWhileRedisIsStopped(Vertx vertx, VertxTestContext ctx) {
    int port = TestPorts.free();
    harness = ConsumerHarness.create(vertx, infra, Map.of(
        ConsumerKeys.HTTP_ENABLED.name(), true, ConsumerKeys.HTTP_PORT.name(), port));
    WebClient client = WebClient.create(vertx);
    harness.deploy()
        .compose(id -> vertx.executeBlocking(() -> {
          infra.stopRedis();
          redisStopped = true;
          return null;
        }))
        .compose(v -> client.get(port, "127.0.0.1", "/health/ready").send())
        .onComplete(ctx.succeeding(ready -> ctx.verify(() -> {
          assertThat(ready.statusCode()).isEqualTo(503);
          assertThat(ready.getHeader("Retry-After")).isNotBlank();
          assertThat(ready.bodyAsJsonObject().getJsonObject("dependencies")
              .getJsonObject("redis").getString("status")).isEqualTo("DOWN");
          ctx.completeNow();
        })));
  }

  @Test
  void theQueueGaugesCountMessagesReceivedAndNotYetDeleted(Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of(
        ConsumerKeys.POISON_VISIBILITY_SECONDS.name(), 60, "sqs.max-receives", 3));
    String queue = harness.config.string(CommonKeys.SQS_QUEUE_NAME);
    harness.queue.send(List.of("poison 1", "poison 2", "poison 3"))
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "3 messages in flight, none visible",
            () -> Future.succeededFuture(gauge("consumer.queue.in.flight", queue) == 3
                && gauge("consumer.queue.depth", queue) == 0)))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static double gauge(String name, String queue) {
    Gauge gauge = Metrics.registry().find(name).tag("queue", queue).gauge();
    return gauge == null ? -1 : gauge.value();
  }
}
