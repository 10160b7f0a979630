package io.dailyflow.releases.publish;

import io.dailyflow.common.bus.Addresses;
import io.vertx.core.eventbus.Message;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;

/**
 * Builds the SendMessageBatch of a batch of event-bus messages: entry id = position in the batch,
 * body = the release as pure-ASCII JSON, message attribute {@value #REQUEST_ID_ATTRIBUTE} = the
 * request id. On a FIFO queue the company is the message group and the release id the
 * deduplication id.
 */
final class BatchRequests {

  /** The consumer reads the request id under the same name (one constant in common). */
  static final String REQUEST_ID_ATTRIBUTE = Addresses.REQUEST_ID_HEADER;

  private BatchRequests() {
  }

  static SendMessageBatchRequest of(String queueUrl, List<Message<Object>> batch,
      long timeoutMs) {
    boolean fifo = queueUrl.endsWith(".fifo");
    List<SendMessageBatchRequestEntry> entries = new ArrayList<>(batch.size());
    for (int i = 0; i < batch.size(); i++) {
      entries.add(entry(Integer.toString(i), batch.get(i), fifo));
    }
    return SendMessageBatchRequest.builder()
        .queueUrl(queueUrl)
        .entries(entries)
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(timeoutMs)))
        .build();
  }

  private static SendMessageBatchRequestEntry entry(String entryId, Message<Object> msg,
      boolean fifo) {
    JsonObject release = (JsonObject) msg.body();
    SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
        .id(entryId)
        .messageBody(AsciiJson.encode(release))
        .messageAttributes(Map.of(REQUEST_ID_ATTRIBUTE, MessageAttributeValue.builder()
            .dataType("String").stringValue(requestId(msg)).build()));
    if (fifo) {
      // Order per company, and SQS drops a re-publish of the same id within 5 minutes.
      entry.messageGroupId(release.getString("companyId", "-"))
          .messageDeduplicationId(release.getString("id", entryId));
    }
    return entry.build();
  }

  /** The request id of an event-bus message: its header, else the release's own field. */
  static String requestId(Message<Object> msg) {
    String id = msg.headers().get(Addresses.REQUEST_ID_HEADER);
    if (id == null) {
      id = ((JsonObject) msg.body()).getString("requestId");
    }
    return id == null || id.isEmpty() ? "-" : id;
  }
}
