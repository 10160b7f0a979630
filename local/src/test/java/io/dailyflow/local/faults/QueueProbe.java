package io.dailyflow.local.faults;

import io.dailyflow.common.clients.SqsClients;
import io.dailyflow.common.config.CommonKeys;
import io.dailyflow.common.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsAsyncClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/** The queue seen directly over the SQS protocol: its depth, and raw sends that bypass the API. */
final class QueueProbe implements AutoCloseable {

  private final SqsAsyncClient sqs;

  QueueProbe(String endpoint) {
    Config config = Config.of(Map.of(CommonKeys.SQS_ENDPOINT.name(), endpoint,
        CommonKeys.SQS_REGION.name(), "us-east-1", CommonKeys.SQS_ACCESS_KEY.name(), "local",
        CommonKeys.SQS_SECRET_KEY.name(), "local"));
    this.sqs = SqsClients.create(config, Duration.ofSeconds(5));
  }

  private String url(String name) {
    return sqs.getQueueUrl(b -> b.queueName(name)).join().queueUrl();
  }

  /** Messages waiting plus messages received and not yet deleted (in flight). */
  long depth(String queue) {
    Map<QueueAttributeName, String> attributes = sqs.getQueueAttributes(b -> b.queueUrl(url(queue))
        .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).join().attributes();
    return attributes.values().stream().mapToLong(Long::parseLong).sum();
  }

  /** Sends the same body {@code times} times (batches of 10): a redelivery storm. */
  void sendRepeatedly(String queue, String body, int times) {
    sendAll(queue, java.util.Collections.nCopies(times, body));
  }

  /** Sends every body, in batches of 10, each batch acknowledged before the next. */
  void sendAll(String queue, List<String> bodies) {
    sendAll(queue, bodies, 0);
  }

  /** As {@link #sendAll(String, List)}, each message invisible for its first {@code delaySeconds}. */
  void sendAll(String queue, List<String> bodies, int delaySeconds) {
    String url = url(queue);
    for (int sent = 0; sent < bodies.size(); sent += 10) {
      List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
      for (int i = sent; i < Math.min(bodies.size(), sent + 10); i++) {
        entries.add(SendMessageBatchRequestEntry.builder().id("m" + i)
            .messageBody(bodies.get(i)).delaySeconds(delaySeconds).build());
      }
      var result = sqs.sendMessageBatch(b -> b.queueUrl(url).entries(entries)).join();
      if (!result.failed().isEmpty()) {
        throw new IllegalStateException("SQS refused: " + result.failed());
      }
    }
  }

  @Override
  public void close() {
    sqs.close();
  }
}
