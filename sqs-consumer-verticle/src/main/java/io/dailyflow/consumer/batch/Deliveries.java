package io.dailyflow.consumer.batch;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/** Reads received SQS messages: valid releases apart from poison, and delivery attributes. */
public final class Deliveries {

  private Deliveries() {
  }

  /** The messages of one receive, sorted into valid releases and poison. */
  public record Sorted(List<ReceivedRelease> releases, List<PoisonMessage> poison) {
  }

  public static Sorted sort(List<Message> messages) {
    List<ReceivedRelease> releases = new ArrayList<>(messages.size());
    List<PoisonMessage> poison = new ArrayList<>();
    for (Message message : messages) {
      try {
        releases.add(new ReceivedRelease(message,
            ReleaseMessage.fromJson(new JsonObject(message.body()))));
      } catch (RuntimeException e) {
        poison.add(new PoisonMessage(message, e.getClass().getSimpleName() + ": "
            + e.getMessage()));
      }
    }
    return new Sorted(releases, poison);
  }

  /** The request id the Releases API put on the message, or {@code null}. */
  public static String requestIdAttribute(Message message) {
    MessageAttributeValue value = message.messageAttributes().get(Addresses.REQUEST_ID_HEADER);
    return value != null ? value.stringValue() : null;
  }

  public static int receiveCount(Message message) {
    String count = message.attributes().get(MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT);
    try {
      return count != null ? Integer.parseInt(count) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /** How long ago SQS accepted the message; zero when unknown. */
  public static Duration age(Message message, Instant now) {
    String sent = message.attributes().get(MessageSystemAttributeName.SENT_TIMESTAMP);
    try {
      return sent != null ? Duration.between(Instant.ofEpochMilli(Long.parseLong(sent)), now)
          : Duration.ZERO;
    } catch (NumberFormatException e) {
      return Duration.ZERO;
    }
  }
}
