package io.dailyflow.releases.publish;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.bus.FailureCode;
import io.dailyflow.releases.QueueReader;
import io.dailyflow.releases.SharedInfra;
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
    vertx.deployVerticle(new PublisherVerticle(infra.config(Map.of())))
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
  void messagesSentTogetherGoOutInFewerBatchesAndEachIsAnsweredWithItsMessageId(
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
                .distinct()).hasSize(25);
            assertThat(ReleaseMetrics.BATCHES.count() - batchesBefore).isLessThan(25);
          });
          return queue.receive(body -> body.getString("id", "").startsWith(prefix), 25);
        })
        .onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
          assertThat(messages).hasSize(25);
          assertThat(messages).allSatisfy(m -> assertThat(
              m.messageAttributes().get("requestId").stringValue()).startsWith("bus-" + prefix));
          ctx.completeNow();
        })));
  }

  @Test
  void descriptionsWithCharactersSqsRefusesArriveIntactAsEscapedJson(VertxTestContext ctx) {
    String id = "unicode-" + System.nanoTime();
    String description = "Caf\u00e9 \ud83d\ude00 \uffff \u4e2d";
    publish(message(id).put("description", description))
        .compose(reply -> queue.receive(QueueReader.withId(id), 1))
        .onComplete(ctx.succeeding(messages -> ctx.verify(() -> {
          assertThat(messages).hasSize(1);
          assertThat(messages.get(0).body()).matches("\\p{ASCII}*");
          assertThat(new JsonObject(messages.get(0).body()).getString("description"))
              .isEqualTo(description);
          ctx.completeNow();
        })));
  }

  @Test
  void anEntryTheQueueRefusesFailsOnlyItsOwnMessage(VertxTestContext ctx) {
    // ElasticMQ accepts or refuses a batch whole, so the per-entry answer is driven with the
    // SDK's own response value, as SQS returns it for a partly refused batch.
    String address = "test.refused." + System.nanoTime();
    List<Message<Object>> received = new ArrayList<>();
    vertx.eventBus().consumer(address, msg -> {
      received.add(msg);
      if (received.size() == 2) {
        SqsBatchSender.answer(received, SendMessageBatchResponse.builder()
            .successful(SendMessageBatchResultEntry.builder().id("0").messageId("m-0").build())
            .failed(BatchResultErrorEntry.builder().id("1").code("InvalidMessageContents")
                .message("refused").senderFault(true).build())
            .build());
      }
    });
    Future<Message<JsonObject>> accepted = vertx.eventBus().request(address, message("a"));
    Future<Message<JsonObject>> refused = vertx.eventBus().request(address, message("b"));
    Future.join(accepted, refused).onComplete(ignored -> ctx.verify(() -> {
      assertThat(accepted.result().body().getString("messageId")).isEqualTo("m-0");
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
