package io.dailyflow.consumer.batch;

import io.dailyflow.common.bus.Addresses;
import io.dailyflow.common.release.QueueBodies;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

/**
 * Reads received SQS messages: the valid releases they carry apart from poison, and delivery
 * attributes.
 */
public final class Deliveries {

  private Deliveries() {
  }

  /**
   * The messages of one receive, sorted into valid releases and poison. A message carrying
   * several releases (ADR 0007) gives each valid one; if any of its releases is invalid, the
   * message is poison too: its valid releases are stored, but it is never deleted.
   */
  public record Sorted(List<ReceivedRelease> releases, List<PoisonMessage> poison) {
  }

  public static Sorted sort(List<Message> messages) {
    List<ReceivedRelease> releases = new ArrayList<>(messages.size());
    List<PoisonMessage> poison = new ArrayList<>();
    for (Message message : messages) {
      List<Object> carried;
      try {
        carried = QueueBodies.releases(new JsonObject(message.body()));
      } catch (RuntimeException e) {
        poison.add(new PoisonMessage(message, reason(e)));
        continue;
      }
      if (carried.isEmpty()) {
        poison.add(new PoisonMessage(message, "carries no release"));
      }
      String invalid = null;
      for (Object release : carried) {
        try {
          releases.add(new ReceivedRelease(message, ReleaseMessage.fromJson((JsonObject) release)));
        } catch (RuntimeException e) {
          invalid = invalid == null ? reason(e) : invalid;
        }
      }
      if (invalid != null) {
        poison.add(new PoisonMessage(message, carried.size() == 1 ? invalid
            : "a release in it is invalid: " + invalid));
      }
    }
    return new Sorted(releases, poison);
  }

  private static String reason(RuntimeException e) {
    return e.getClass().getSimpleName() + ": " + e.getMessage();
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
