package io.dailyflow.consumer;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The test's own side of the queue: sends, peeks at depths and reads the dead-letter queue. */
final class QueueFixture implements AutoCloseable {

  private final Vertx vertx;
  private final Config config;
  private final SqsAsyncClient sqs;
  private String url;

  QueueFixture(Vertx vertx, Config config) {
    this.vertx = vertx;
    this.config = config;
    this.sqs = SqsClients.create(config, Duration.ofSeconds(10));
  }

  /** Creates the queue and its dead-letter queue as the consumer would. */
  Future<String> url() {
    if (url != null) {
      return Future.succeededFuture(url);
    }
    return SqsClients.queueUrl(sqs, config, vertx.getOrCreateContext())
        .onSuccess(resolved -> url = resolved);
  }

  /** Sends the bodies in batches of ten, each with a {@code requestId} attribute "req-&lt;n&gt;". */
  Future<Void> send(List<String> bodies) {
    return url().compose(queueUrl -> {
      List<Future<SendMessageBatchResponse>> sends = new ArrayList<>();
      for (int from = 0; from < bodies.size(); from += 10) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = from; i < Math.min(from + 10, bodies.size()); i++) {
          entries.add(SendMessageBatchRequestEntry.builder()
              .id(Integer.toString(i - from))
              .messageBody(bodies.get(i))
              .messageAttributes(java.util.Map.of(Addresses.REQUEST_ID_HEADER,
                  MessageAttributeValue.builder().dataType("String").stringValue("req-" + i)
                      .build()))
              .build());
        }
        sends.add(Future.fromCompletionStage(sqs.sendMessageBatch(SendMessageBatchRequest
            .builder().queueUrl(queueUrl).entries(entries).build()), vertx.getOrCreateContext()));
      }
      return Future.all(sends).mapEmpty();
    });
  }

  Future<Void> send(String body) {
    return send(List.of(body));
  }

  /** Messages in the queue, visible or received and not yet deleted. */
  Future<Long> messagesLeft() {
    return url().compose(queueUrl -> depth(queueUrl,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE));
  }

  Future<Long> deadLetterDepth() {
    return Future.fromCompletionStage(sqs.getQueueUrl(GetQueueUrlRequest.builder()
            .queueName(config.string(CommonKeys.SQS_QUEUE_NAME) + "-dlq").build()),
            vertx.getOrCreateContext())
        .compose(r -> depth(r.queueUrl(), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES));
  }

  /** Receives (with visibility 0, so they stay put) what the dead-letter queue holds. */
  Future<List<Message>> peekDeadLetters() {
    return Future.fromCompletionStage(sqs.getQueueUrl(GetQueueUrlRequest.builder()
            .queueName(config.string(CommonKeys.SQS_QUEUE_NAME) + "-dlq").build()),
            vertx.getOrCreateContext())
        .compose(r -> Future.fromCompletionStage(sqs.receiveMessage(ReceiveMessageRequest
            .builder().queueUrl(r.queueUrl()).maxNumberOfMessages(10).visibilityTimeout(0)
            .build()), vertx.getOrCreateContext()))
        .map(r -> r.messages());
  }

  /** Receives from the main queue with visibility 0: the messages stay visible to the consumer. */
  Future<List<Message>> receiveAndLeaveVisible() {
    return url().compose(queueUrl -> Future.fromCompletionStage(sqs.receiveMessage(
            ReceiveMessageRequest.builder().queueUrl(queueUrl).maxNumberOfMessages(10)
                .waitTimeSeconds(1).visibilityTimeout(0).build()), vertx.getOrCreateContext()))
        .map(r -> r.messages());
  }

  private Future<Long> depth(String queueUrl, QueueAttributeName... names) {
    return Future.fromCompletionStage(sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
            .queueUrl(queueUrl).attributeNames(names).build()), vertx.getOrCreateContext())
        .map(r -> r.attributes().values().stream().mapToLong(Long::parseLong).sum());
  }

  /** Closes the client in the background: its Netty threads take about 2 s to wind down. */
  @Override
  public void close() {
    java.util.concurrent.CompletableFuture.runAsync(sqs::close);
  }
}
