package io.dailyflow.consumer;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.embedded.EmbeddedSqs;
import io.dailyflow.common.metrics.Metrics;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.common.testing.TestInfra;
import io.dailyflow.common.testing.TestPorts;
import io.dailyflow.consumer.batch.PoisonHandler;
import io.vertx.core.Future;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.Message;

@ExtendWith(VertxExtension.class)
class ConsumerFaultsTest {

  private static TestInfra infra;
  private ConsumerHarness harness;
  private volatile boolean redisStopped;
  private volatile EmbeddedSqs lateSqs;

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
      redisStopped = false;
    }
    if (lateSqs != null) {
      lateSqs.close();
    }
  }

  @Test
  void aPoisonMessageIsNeitherStoredNorBlockingAndEndsInTheDeadLetterQueueAfterMaxReceives(
      Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of("sqs.max-receives", 2,
        ConsumerKeys.VISIBILITY_TIMEOUT_SECONDS.name(), 30,
        ConsumerKeys.POISON_VISIBILITY_SECONDS.name(), 1));
    String notJson = "{\"id\": \"cut in half";
    String invalid = new JsonObject(Releases.body(harness.companyA, 1)).put("amountCents", 0)
        .encode();
    double poisonBefore = counter("consumer.poison");
    CapturedLogs logs = CapturedLogs.of(PoisonHandler.class);
    harness.queue.send(List.of(notJson, invalid, Releases.body(harness.companyA, 10),
            Releases.body(harness.companyA, 20), Releases.body(harness.companyA, 30)))
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "3 valid stored, 2 poison dead-lettered",
            () -> harness.stored().compose(n -> harness.queue.deadLetterDepth()
                .map(dead -> n == 3 && dead == 2))))
        .compose(v -> harness.queue.send(Releases.body(harness.companyA, 40)))
        .compose(v -> Eventually.until(vertx, "a later release stored, main queue empty",
            () -> harness.allStoredAndDeleted(4)))
        .compose(v -> harness.queue.peekDeadLetters())
        .onComplete(ctx.succeeding(dead -> ctx.verify(() -> {
          logs.close();
          assertThat(dead).extracting(Message::body).containsExactlyInAnyOrder(notJson, invalid);
          assertThat(counter("consumer.poison") - poisonBefore)
              .as("each poison message received exactly sqs.max-receives times").isEqualTo(4.0);
          assertThat(logs.lines())
              .filteredOn(line -> line.message().contains("receive 2 of 2"))
              .hasSize(2)
              .anySatisfy(line -> assertThat(line.mdc()).containsEntry("requestId", "req-0"));
          ctx.completeNow();
        })));
  }

  @Test
  void withRedisDownReleasesAreStoredButNotDeletedUntilRedisIsBackAndTheirDayHasAVersion(
      Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of(
        ConsumerKeys.VISIBILITY_TIMEOUT_SECONDS.name(), 3,
        ConsumerKeys.BATCH_TIMEOUT_MS.name(), 2_000));
    double storedBefore = counter("consumer.stored");
    AtomicLong leftWhileDown = new AtomicLong(-1);
    vertx.executeBlocking(() -> {
      infra.stopRedis();
      redisStopped = true;
      return null;
    })
        .compose(v -> harness.queue.send(IntStream.rangeClosed(1, 5)
            .mapToObj(i -> Releases.body(harness.companyA, i)).toList()))
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "releases stored while Redis is down",
            () -> harness.stored().map(n -> n > 0)))
        .compose(v -> harness.queue.messagesLeft())
        .compose(left -> {
          leftWhileDown.set(left);
          return vertx.executeBlocking(() -> {
            infra.restartRedis();
            redisStopped = false;
            return null;
          });
        })
        .compose(v -> Eventually.until(vertx, "5 stored, queue empty after Redis returned",
            () -> harness.allStoredAndDeleted(5)))
        .compose(v -> harness.version(harness.companyA, Releases.DAY))
        .onComplete(ctx.succeeding(version -> ctx.verify(() -> {
          assertThat(leftWhileDown.get()).as("messages left while Redis was down").isEqualTo(5);
          assertThat(version).as("version of the day after Redis came back empty").isNotNull();
          assertThat(counter("consumer.stored") - storedBefore).isEqualTo(5.0);
          ctx.completeNow();
        })));
  }

  @Test
  void undeployingWhileBatchesAreInFlightLeavesEveryStoredMessageDeletedAndNothingStoredTwice(
      Vertx vertx, VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of(ConsumerKeys.INSTANCES.name(), 2,
        ConsumerKeys.VISIBILITY_TIMEOUT_SECONDS.name(), 3,
        ConsumerKeys.BATCH_TIMEOUT_MS.name(), 2_500));
    int total = 300;
    double storedBefore = counter("consumer.stored");
    Promise<String> deployed = Promise.promise();
    Promise<Void> undeployed = Promise.promise();
    AtomicBoolean first = new AtomicBoolean(true);
    AtomicReference<String> versionBefore = new AtomicReference<>();
    // At the first recorded batch, Redis holds writes for a while: the batches now in flight
    // are stuck between store and delete when the undeploy starts, and must be finished by it.
    vertx.eventBus().<JsonObject>consumer(Addresses.RELEASES_RECORDED, msg -> {
      if (first.getAndSet(false)) {
        harness.redis.client(List.of("PAUSE", "1500", "WRITE"))
            .compose(paused -> deployed.future())
            .compose(vertx::undeploy)
            .onComplete(undeployed);
      }
    });
    harness.giveVersion(harness.companyA, Releases.DAY)
        .onSuccess(versionBefore::set)
        .compose(v -> harness.queue.send(IntStream.range(0, total)
            .mapToObj(i -> Releases.body(harness.companyA, i + 1L)).toList()))
        .compose(v -> harness.deploy())
        .onSuccess(deployed::complete)
        .compose(id -> undeployed.future())
        .compose(v -> Future.all(harness.stored(), harness.queue.messagesLeft(),
            harness.version(harness.companyA, Releases.DAY)))
        .compose(afterStop -> {
          long stored = afterStop.resultAt(0);
          long left = afterStop.resultAt(1);
          ctx.verify(() -> {
            assertThat(stored).isPositive();
            assertThat(stored + left).as("stored + still queued").isEqualTo(total);
            assertThat((String) afterStop.resultAt(2)).as("version after the finished batches")
                .isNotNull().isNotEqualTo(versionBefore.get());
          });
          return harness.deploy();
        })
        .compose(id -> Eventually.until(vertx, total + " stored, queue empty",
            () -> harness.allStoredAndDeleted(total)))
        .onComplete(ctx.succeeding(v -> ctx.verify(() -> {
          assertThat(counter("consumer.stored") - storedBefore).isEqualTo(total);
          ctx.completeNow();
        })));
  }

  @Test
  void withMongoUnreachableTheConsumerStartsBacksOffAndDeletesNothing(Vertx vertx,
      VertxTestContext ctx) {
    harness = ConsumerHarness.create(vertx, infra, Map.of(
        "mongo.uri", "mongodb://127.0.0.1:" + TestPorts.free(), "mongo.timeout-ms", 300,
        ConsumerKeys.VISIBILITY_TIMEOUT_SECONDS.name(), 3,
        ConsumerKeys.BATCH_TIMEOUT_MS.name(), 2_000));
    double failuresBefore = counter("consumer.batch.failures");
    harness.queue.send(List.of(Releases.body(harness.companyA, 1),
            Releases.body(harness.companyA, 2)))
        .compose(v -> harness.deploy())
        .compose(id -> Eventually.until(vertx, "a failed batch",
                () -> Future.succeededFuture(counter("consumer.batch.failures") > failuresBefore))
            .compose(v -> harness.queue.messagesLeft())
            .compose(left -> vertx.undeploy(id).map(left)))
        .onComplete(ctx.succeeding(left -> ctx.verify(() -> {
          assertThat(left).isEqualTo(2L);
          ctx.completeNow();
        })));
  }

  @Test
  void withTheQueueUnreachableAtStartTheConsumerStartsAndRecoversWhenTheQueueComesUp(
      Vertx vertx, VertxTestContext ctx) {
    int port = TestPorts.free();
    harness = ConsumerHarness.create(vertx, infra, Map.of(
        "sqs.endpoint", "http://127.0.0.1:" + port));
    double receiveFailuresBefore = counter("consumer.receive.failures");
    vertx.deployVerticle(new ConsumerRootVerticle(harness.config))
        .compose(id -> Eventually.until(vertx, "failed receives", () -> Future.succeededFuture(
            counter("consumer.receive.failures") > receiveFailuresBefore)))
        .compose(v -> vertx.executeBlocking(() -> {
          lateSqs = EmbeddedSqs.start("127.0.0.1", port);
          return null;
        }))
        .compose(v -> harness.queue.send(List.of(Releases.body(harness.companyA, 1),
            Releases.body(harness.companyA, 2), Releases.body(harness.companyA, 3))))
        .compose(v -> Eventually.until(vertx, "3 stored, queue empty",
            () -> harness.allStoredAndDeleted(3)))
        .onComplete(ctx.succeedingThenComplete());
  }

  private static double counter(String name) {
    return Metrics.registry().counter(name).count();
  }
}
