package io.dailyflow.consumer.queue;

import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import io.dailyflow.consumer.ConsumerSettings;
import io.vertx.core.Context;
import io.vertx.core.Future;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.DeleteMessageBatchResponse;
import software.amazon.awssdk.services.sqs.model.GetQueueAttributesRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlRequest;
import software.amazon.awssdk.services.sqs.model.GetQueueUrlResponse;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageRequest;
import software.amazon.awssdk.services.sqs.model.ReceiveMessageResponse;

/**
 * The queue as one poll loop sees it: every SQS call comes back on the loop's Vert.x context. The
 * URL is resolved (and the queue created, if configured) on first use and retried after a
 * failure, so a queue that is down at start does not fail the deployment.
 */
public final class SqsQueue {

  private final SqsAsyncClient sqs;
  private final Config config;
  private final Context context;
  private final ConsumerSettings settings;
  private String url;
  private String deadLetterUrl;
  private CompletableFuture<ReceiveMessageResponse> pendingReceive;
  private boolean receiving = true;

  public SqsQueue(SqsAsyncClient sqs, Config config, ConsumerSettings settings, Context context) {
    this.sqs = sqs;
    this.config = config;
    this.settings = settings;
    this.context = context;
  }

  public Future<String> url() {
    if (url != null) {
      return Future.succeededFuture(url);
    }
    return SqsClients.queueUrl(sqs, config, context).onSuccess(resolved -> url = resolved);
  }

  /** The dead-letter queue's URL ({@code <queue>-dlq}), if it exists. */
  public Future<String> deadLetterUrl() {
    if (deadLetterUrl != null) {
      return Future.succeededFuture(deadLetterUrl);
    }
    String name = config.string(CommonKeys.SQS_QUEUE_NAME) + "-dlq";
    return Future.fromCompletionStage(sqs.getQueueUrl(
            GetQueueUrlRequest.builder().queueName(name).build()), context)
        .map(GetQueueUrlResponse::queueUrl)
        .onSuccess(resolved -> deadLetterUrl = resolved);
  }

  /**
   * One long poll: up to {@code consumer.max-messages}, with receive count and sent time. After
   * {@link #stopReceiving()} it receives nothing.
   */
  public Future<List<Message>> receive() {
    return url().compose(queueUrl -> {
      if (!receiving) {
        return Future.succeededFuture(List.of());
      }
      ReceiveMessageRequest request = ReceiveMessageRequest.builder()
          .queueUrl(queueUrl)
          .maxNumberOfMessages(settings.maxMessages())
          .waitTimeSeconds(settings.waitSeconds())
          .visibilityTimeout(settings.visibilitySeconds())
          .messageAttributeNames("All")
          .messageSystemAttributeNames(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT,
              MessageSystemAttributeName.SENT_TIMESTAMP)
          .build();
      CompletableFuture<ReceiveMessageResponse> call = sqs.receiveMessage(request);
      pendingReceive = call;
      return Future.fromCompletionStage(call, context)
          .map(ReceiveMessageResponse::messages)
          .eventually(() -> {
            pendingReceive = null;
            return Future.succeededFuture();
          });
    });
  }

  /**
   * No more receives; a long poll in flight is abandoned (on stop): what it had received becomes
   * visible again after the visibility timeout.
   */
  public void stopReceiving() {
    receiving = false;
    CompletableFuture<ReceiveMessageResponse> call = pendingReceive;
    if (call != null) {
      call.cancel(true);
    }
  }

  /** Deletes in one call; the answer holds the message ids SQS confirmed deleted. */
  public Future<Set<String>> delete(List<Message> messages) {
    if (messages.isEmpty()) {
      return Future.succeededFuture(Set.of());
    }
    List<DeleteMessageBatchRequestEntry> entries = new ArrayList<>();
    for (int i = 0; i < messages.size(); i++) {
      entries.add(DeleteMessageBatchRequestEntry.builder()
          .id(Integer.toString(i))
          .receiptHandle(messages.get(i).receiptHandle())
          .build());
    }
    return url()
        .compose(queueUrl -> Future.fromCompletionStage(sqs.deleteMessageBatch(
            DeleteMessageBatchRequest.builder().queueUrl(queueUrl).entries(entries).build()),
            context))
        .map(response -> deletedIds(messages, response));
  }

  private static Set<String> deletedIds(List<Message> messages, DeleteMessageBatchResponse r) {
    return r.successful().stream()
        .map(entry -> messages.get(Integer.parseInt(entry.id())).messageId())
        .collect(Collectors.toSet());
  }

  /** Hides a message for {@code seconds} before its next receive. */
  public Future<Void> hide(Message message, int seconds) {
    return url()
        .compose(queueUrl -> Future.fromCompletionStage(sqs.changeMessageVisibility(
            ChangeMessageVisibilityRequest.builder()
                .queueUrl(queueUrl)
                .receiptHandle(message.receiptHandle())
                .visibilityTimeout(seconds)
                .build()), context))
        .mapEmpty();
  }

  /** Queue attributes of {@code queueUrl}, e.g. the approximate depth. */
  public Future<Map<QueueAttributeName, String>> attributes(String queueUrl,
      QueueAttributeName... names) {
    return Future.fromCompletionStage(sqs.getQueueAttributes(GetQueueAttributesRequest.builder()
            .queueUrl(queueUrl).attributeNames(names).build()), context)
        .map(response -> response.attributes());
  }
}
