package io.dailyflow.common.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.clients.MongoClients;
import io.dailyflow.common.clients.RedisClients;
import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.Config;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import io.vertx.redis.client.Redis;
import io.vertx.redis.client.RedisAPI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;

@ExtendWith(VertxExtension.class)
class TestInfraTest {

  private static TestInfra infra;

  @BeforeAll
  static void startInfra() {
    infra = TestInfra.start();
  }

  @AfterAll
  static void stopInfra() throws Exception {
    infra.close();
  }

  @Test
  void mongoStoresAndAggregatesOverTheWireProtocol(Vertx vertx, VertxTestContext ctx) {
    MongoClient mongo = MongoClients.create(vertx, infra.config(Map.of()));
    mongo.insert("things", new JsonObject().put("_id", "a").put("n", 2L))
        .compose(id -> mongo.insert("things", new JsonObject().put("_id", "b").put("n", 3L)))
        .compose(id -> mongo.aggregate("things", new JsonArray().add(new JsonObject()
                .put("$group", new JsonObject().put("_id", null)
                    .put("sum", new JsonObject().put("$sum", "$n")))))
            .collect(java.util.stream.Collectors.toList()))
        .onComplete(ctx.succeeding(rows -> ctx.verify(() -> {
          assertThat(((Number) rows.get(0).getValue("sum")).longValue()).isEqualTo(5L);
          ctx.completeNow();
        })));
  }

  @Test
  void redisAnswersAndComesBackEmptyAfterARestart(Vertx vertx, VertxTestContext ctx) {
    Redis redis = RedisClients.create(vertx, infra.config(Map.of()));
    RedisAPI api = RedisAPI.api(redis);
    api.set(List.of("k", "v"))
        .compose(ok -> vertx.executeBlocking(() -> {
          infra.stopRedis();
          infra.restartRedis();
          return null;
        }))
        .compose(v -> api.get("k"))
        .onComplete(ctx.succeeding(value -> ctx.verify(() -> {
          assertThat(value).isNull();
          ctx.completeNow();
        })));
  }

  @Test
  void sqsQueueIsCreatedWithADeadLetterQueue(Vertx vertx, VertxTestContext ctx) {
    Config config = infra.config(Map.of());
    SqsAsyncClient sqs = SqsClients.create(config, Duration.ofSeconds(5));
    SqsClients.queueUrl(sqs, config, vertx.getOrCreateContext())
        .onComplete(ctx.succeeding(url -> ctx.verify(() -> {
          assertThat(url).endsWith(infra.queueName());
          sqs.close();
          ctx.completeNow();
        })));
  }
}
