package io.dailyflow.releases.publish;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.release.QueueBodies;
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
 * Builds the SendMessageBatch of the releases waiting in the publisher: consecutive releases
 * packed {@code perMessage} to an entry (ADR 0007), entry id = position of the entry. An entry of
 * one release is the release itself, with message attribute {@value #REQUEST_ID_ATTRIBUTE} = its
 * request id; an entry of several is {@link QueueBodies#several}, each release carrying its own
 * request id, {@link QueueBodies#gzipped gzipped} unless that is turned off. Bodies are pure-ASCII
 * JSON. On a FIFO queue (where the publisher packs one per
 * message) the company is the message group and the release id the deduplication id.
 */
final class BatchRequests {

  /** The consumer reads the request id under the same name (one constant in common). */
  static final String REQUEST_ID_ATTRIBUTE = Addresses.REQUEST_ID_HEADER;

  /** SendMessageBatch takes at most 10 entries. */
  static final int MAX_ENTRIES = 10;

  /**
   * Most release bytes in one SendMessageBatch: SQS refuses a request whose messages add up to
   * over 256 KiB, attributes included; the 16 KiB left cover the attributes and the framing of
   * ten messages.
   */
  static final int MAX_REQUEST_BYTES = 240 * 1024;

  private BatchRequests() {
  }

  /** A release waiting to be sent: its event-bus message and its body, encoded once. */
  record Outgoing(Message<Object> msg, String body) {

    static Outgoing of(Message<Object> msg) {
      return new Outgoing(msg, AsciiJson.encode((JsonObject) msg.body()));
    }

    /** Bytes it adds to a request: its body and a separator. */
    int bytes() {
      return body.length() + 1;
    }
  }

  /**
   * Cuts {@code batch} into the entries of one SendMessageBatch, {@code perMessage} consecutive
   * releases each. The publisher never holds more than {@code perMessage} x
   * {@value #MAX_ENTRIES} releases or {@value #MAX_REQUEST_BYTES} bytes.
   */
  static List<List<Outgoing>> pack(List<Outgoing> batch, int perMessage) {
    List<List<Outgoing>> entries = new ArrayList<>();
    for (int from = 0; from < batch.size(); from += perMessage) {
      entries.add(batch.subList(from, Math.min(batch.size(), from + perMessage)));
    }
    if (entries.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(batch.size() + " releases need " + entries.size()
          + " entries");
    }
    return entries;
  }

  /** The request of {@link #pack packed} entries; entry id = position. */
  static SendMessageBatchRequest of(String queueUrl, List<List<Outgoing>> entries,
      long timeoutMs, boolean gzip) {
    boolean fifo = queueUrl.endsWith(".fifo");
    List<SendMessageBatchRequestEntry> requestEntries = new ArrayList<>(entries.size());
    for (List<Outgoing> releases : entries) {
      String entryId = Integer.toString(requestEntries.size());
      requestEntries.add(releases.size() == 1 ? single(entryId, releases.get(0), fifo)
          : SendMessageBatchRequestEntry.builder()
              .id(entryId)
              .messageBody(several(releases, gzip))
              .build());
    }
    return SendMessageBatchRequest.builder()
        .queueUrl(queueUrl)
        .entries(requestEntries)
        .overrideConfiguration(o -> o.apiCallTimeout(Duration.ofMillis(timeoutMs)))
        .build();
  }

  private static String several(List<Outgoing> releases, boolean gzip) {
    String body = QueueBodies.several(releases.stream().map(Outgoing::body).toList());
    return gzip ? QueueBodies.gzipped(body) : body;
  }

  private static SendMessageBatchRequestEntry single(String entryId, Outgoing release,
      boolean fifo) {
    SendMessageBatchRequestEntry.Builder entry = SendMessageBatchRequestEntry.builder()
        .id(entryId)
        .messageBody(release.body())
        .messageAttributes(Map.of(REQUEST_ID_ATTRIBUTE, MessageAttributeValue.builder()
            .dataType("String").stringValue(requestId(release.msg())).build()));
    if (fifo) {
      // Order per company, and SQS drops a re-publish of the same id within 5 minutes.
      JsonObject body = (JsonObject) release.msg().body();
      entry.messageGroupId(body.getString("companyId", "-"))
          .messageDeduplicationId(body.getString("id", entryId));
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
