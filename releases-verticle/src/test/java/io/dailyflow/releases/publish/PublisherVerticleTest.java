package io.dailyflow.releases.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.bus.FailureCode;
import io.dailyflow.common.release.QueueBodies;
import io.dailyflow.releases.QueueReader;
import io.dailyflow.common.testing.SharedInfra;
import io.dailyflow.releases.ReleaseMetrics;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.eventbus.DeliveryOptions;
import io.vertx.core.eventbus.Message;
import io.vertx.core.eventbus.ReplyException;
import io.vertx.core.json.JsonObject;
import io.vertx.junit5.VertxExtension;
import io.vertx.junit5.VertxTestContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResultEntry;

@ExtendWith(VertxExtension.class)
class PublisherVerticleTest {

  private static SharedInfra.Slice infra;
  private static QueueReader queue;
  private static Vertx vertx;

  @BeforeAll
  static void start(Vertx vertx, VertxTestContext ctx) {
    PublisherVerticleTest.vertx = vertx;
    infra = SharedInfra.slice();
    queue = new QueueReader(vertx, infra.sqsEndpoint(), infra.queueName());
    vertx.deployVerticle(new PublisherVerticle(infra.config(Map.of(
            "releases.publish-releases-per-message", 50))))
        .onComplete(ctx.succeedingThenComplete());
  }

  @AfterAll
  static void stop() throws Exception {
    queue.close();
  }

  private static JsonObject message(String id) {
    return new JsonObject().put("v", 1).put("id", id).put("companyId", "company-a")
        .put("requestId", "req-" + id);
  }

  private static Future<Message<JsonObject>> publish(JsonObject body) {
    return vertx.eventBus().request(Addresses.RELEASES_PUBLISH, body,
        new DeliveryOptions().addHeader(Addresses.REQUEST_ID_HEADER, "bus-" + body.getString("id")));
  }

  @Test
  void releasesSentTogetherArePackedIntoFewMessagesAndEachIsAnsweredWithItsMessageId(
      VertxTestContext ctx) {
    double batchesBefore = ReleaseMetrics.BATCHES.count();
    String prefix = "together-" + System.nanoTime() + "-";
    List<Future<Message<JsonObject>>> replies = IntStream.range(0, 25)
        .mapToObj(i -> publish(message(prefix + i)))
        .toList();
    Future.all(replies)
        .compose(all -> {
          ctx.verify(() -> {
            assertThat(replies).allSatisfy(reply ->
                assertThat(reply.result().body().getString("messageId")).isNotBlank());
            assertThat(replies.stream().map(r -> r.result().body().getString("messageId"))
                .distinct().count()).isLessThan(25);
            assertThat(ReleaseMetrics.BATCHES.count() - batchesBefore).isLessThan(25);
          });
          return queue.receive(body -> body.getString("id", "").startsWith(prefix), 25);
        })
        .onComplete(ctx.succeeding(queued -> ctx.verify(() -> {
          assertThat(queued).extracting(q -> q.release().getString("id"))
              .containsExactlyInAnyOrderElementsOf(
                  IntStream.range(0, 25).mapToObj(i -> prefix + i).toList());
          // Each answer names the message that carries its release.
          for (int i = 0; i < 25; i++) {
            String id = prefix + i;
            assertThat(queued).filteredOn(q -> q.release().getString("id").equals(id))
                .singleElement().extracting(q -> q.message().messageId())
                .isEqualTo(replies.get(i).result().body().getString("messageId"));
          }
          assertThat(queued).allSatisfy(q -> assertThat(q.release().getString("requestId"))
              .isEqualTo("req-" + q.release().getString("id")));
          // A message carrying several releases is compressed (releases.publish-gzip, on).
          Map<String, List<QueueReader.Queued>> byMessage = queued.stream()
              .collect(Collectors.groupingBy(q -> q.message().messageId()));
          assertThat(byMessage.values()).filteredOn(carried -> carried.size() > 1)
              .isNotEmpty()
              .allSatisfy(carried -> assertThat(new JsonObject(carried.get(0).message().body())
                  .fieldNames()).containsExactly(QueueBodies.GZIP));
          ctx.completeNow();
        })));
  }

  @Test
  void withGzipOffSeveralReleasesGoAsPlainJson(VertxTestContext ctx) {
    publishThroughOwnPublisher(Map.of("releases.publish-releases-per-message", 50,
            "releases.publish-gzip", false), "plain-", 12)
        .onComplete(ctx.succeeding(queued -> ctx.verify(() -> {
          assertThat(queued).hasSize(12);
          assertThat(queued.stream().map(q -> q.message().messageId()).distinct().count())
              .isLessThan(12);
          assertThat(queued).allSatisfy(q -> assertThat(q.message().body())
              .doesNotContain(QueueBodies.GZIP).matches("\\{\"(releases|v)\".*"));
          ctx.completeNow();
        })));
  }

  @Test
  void aReleaseSentAloneIsItsOwnMessageWithItsRequestIdAsAnAttribute(VertxTestContext ctx) {
    String id = "alone-" + System.nanoTime();
    publish(message(id))
        .compose(reply -> queue.receive(QueueReader.withId(id), 1))
        .onComplete(ctx.succeeding(queued -> ctx.verify(() -> {
          assertThat(queued).hasSize(1);
          assertThat(new JsonObject(queued.get(0).message().body()).getString("id"))
              .isEqualTo(id);
          assertThat(queued.get(0).message().messageAttributes().get("requestId").stringValue())
              .isEqualTo("bus-" + id);
          ctx.completeNow();
        })));
  }

  @Test
  void withOneReleasePerMessageEachReleaseIsItsOwnMessage(VertxTestContext ctx) {
    publishThroughOwnPublisher(Map.of("releases.publish-releases-per-message", 1), "single-", 12)
        .onComplete(ctx.succeeding(queued -> ctx.verify(() -> {
          assertThat(queued).hasSize(12);
          assertThat(queued.stream().map(q -> q.message().messageId()).distinct()).hasSize(12);
          ctx.completeNow();
        })));
  }

  /**
   * Publishes {@code count} releases at once through a publisher of its own (its own Vert.x and
   * queue, with {@code settings}) and reads them back from that queue.
   */
  private static Future<List<QueueReader.Queued>> publishThroughOwnPublisher(
      Map<String, Object> settings, String prefix, int count) {
    SharedInfra.Slice own = SharedInfra.slice();
    String ids = prefix + System.nanoTime() + "-";
    Vertx other = Vertx.vertx();
    QueueReader ownQueue = new QueueReader(other, own.sqsEndpoint(), own.queueName());
    return other.deployVerticle(new PublisherVerticle(own.config(settings)))
        .compose(id -> Future.all(IntStream.range(0, count).mapToObj(i -> other.eventBus()
            .request(Addresses.RELEASES_PUBLISH, message(ids + i))).toList()))
        .compose(all -> ownQueue.receive(body -> body.getString("id", "").startsWith(ids), count))
        .onComplete(done -> {
          ownQueue.close();
          other.close();
        });
  }

  @Test
  void descriptionsWithCharactersSqsRefusesArriveIntactAsEscapedJson(VertxTestContext ctx) {
    String id = "unicode-" + System.nanoTime();
    String description = "Caf\u00e9 \ud83d\ude00 \uffff \u4e2d";
    publish(message(id).put("description", description))
        .compose(reply -> queue.receive(QueueReader.withId(id), 1))
        .onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
          assertThat(messages).hasSize(1);
          assertThat(messages.get(0).message().body()).matches("\\p{ASCII}*");
          assertThat(messages.get(0).release().getString("description"))
              .isEqualTo(description);
          ctx.completeNow();
        })));
  }

  @Test
  void anEntryTheQueueRefusesFailsOnlyTheReleasesItCarries(VertxTestContext ctx) {
    // ElasticMQ accepts or refuses a batch whole, so the per-entry answer is driven with the
    // SDK's own response value, as SQS returns it for a partly refused batch.
    String address = "test.refused." + System.nanoTime();
    List<Message<Object>> received = new ArrayList<>();
    vertx.eventBus().consumer(address, msg -> {
      received.add(msg);
      if (received.size() == 3) {
        // Entry 0 carries a and b, entry 1 carries c.
        SqsBatchSender.answer(List.of(received.subList(0, 2), received.subList(2, 3)),
            SendMessageBatchResponse.builder()
                .successful(SendMessageBatchResultEntry.builder().id("0").messageId("m-0")
                    .build())
                .failed(BatchResultErrorEntry.builder().id("1").code("InvalidMessageContents")
                    .message("refused").senderFault(true).build())
                .build());
      }
    });
    Future<Message<JsonObject>> first = vertx.eventBus().request(address, message("a"));
    Future<Message<JsonObject>> second = vertx.eventBus().request(address, message("b"));
    Future<Message<JsonObject>> refused = vertx.eventBus().request(address, message("c"));
    Future.join(first, second, refused).onComplete(ignored -> ctx.verify(() -> {
      assertThat(first.result().body().getString("messageId")).isEqualTo("m-0");
      assertThat(second.result().body().getString("messageId")).isEqualTo("m-0");
      assertThat(refused.cause()).isInstanceOf(ReplyException.class);
      assertThat(((ReplyException) refused.cause()).failureCode())
          .isEqualTo(FailureCode.UNAVAILABLE.code());
      ctx.completeNow();
    }));
  }

  @Test
  void aMessageThatIsNotJsonIsRefusedAsInvalid(VertxTestContext ctx) {
    vertx.eventBus().request(Addresses.RELEASES_PUBLISH, "not json")
        .onComplete(ctx.failing(e -> ctx.verify(() -> {
          assertThat(((ReplyException) e).failureCode()).isEqualTo(FailureCode.INVALID.code());
          ctx.completeNow();
        })));
  }
}
