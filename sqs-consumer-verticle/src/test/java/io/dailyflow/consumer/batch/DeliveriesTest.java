package io.dailyflow.consumer.batch;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.release.QueueBodies;
import io.dailyflow.common.release.ReleaseMessage;
import io.vertx.core.json.JsonObject;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;

class DeliveriesTest {

  private static final ReleaseMessage VALID = new ReleaseMessage("r-1", "company-a", "user-1",
      "Sale", 1_050, LocalDate.of(2025, 3, 14), Instant.parse("2025-03-14T15:00:00Z"),
      "req-body", null);

  @Test
  void validReleasesAreSortedApartFromEveryKindOfPoison() {
    JsonObject valid = VALID.toJson();
    List<String> poison = List.of("not json", "[1,2]", "null", "{}", "{\"id\": \"cut",
        valid.copy().put("amountCents", 1.5).encode(),
        valid.copy().put("amountCents", "1050").encode(),
        valid.copy().put("amountCents", 0).encode(),
        valid.copy().put("description", "   ").encode(),
        valid.copy().put("date", "2025-02-30").encode(),
        without(valid, "companyId"));

    Deliveries.Sorted sorted = Deliveries.sort(
        Stream.concat(Stream.of(valid.encode()), poison.stream())
            .map(body -> Message.builder().messageId(body).body(body).build()).toList());

    assertThat(sorted.releases()).extracting(ReceivedRelease::release).containsExactly(VALID);
    assertThat(sorted.poison()).extracting(p -> p.message().body())
        .containsExactlyElementsOf(poison);
  }

  @Test
  void aMessageCarryingSeveralReleasesGivesEachAndIsPoisonIfOneOfThemIsInvalid() {
    ReleaseMessage second = new ReleaseMessage("r-2", "company-b", "user-2", "Rent", -90_000,
        VALID.businessDate(), VALID.acceptedAt(), "req-2", null);
    String good = QueueBodies.several(List.of(VALID.toJson().encode(), second.toJson().encode()));
    String oneBad = QueueBodies.several(List.of(second.toJson().encode(),
        VALID.toJson().put("amountCents", 0).encode(), VALID.toJson().encode()));
    List<String> poison = List.of(oneBad, "{\"releases\":[]}", "{\"releases\":[1,\"a\"]}",
        "{\"releases\":{}}");

    Deliveries.Sorted sorted = Deliveries.sort(
        Stream.concat(Stream.of(good), poison.stream())
            .map(body -> Message.builder().messageId(body).body(body).build()).toList());

    assertThat(sorted.releases()).extracting(ReceivedRelease::release)
        .containsExactly(VALID, second, second, VALID);
    assertThat(sorted.releases()).extracting(r -> r.message().body())
        .containsExactly(good, good, oneBad, oneBad);
    assertThat(sorted.poison()).extracting(p -> p.message().body())
        .containsExactlyElementsOf(poison);
    assertThat(sorted.poison().get(0).reason()).startsWith("a release in it is invalid");
  }

  @Test
  void aCompressedMessageGivesItsReleasesAndOneThatCannotBeInflatedIsPoison() {
    ReleaseMessage second = new ReleaseMessage("r-2", "company-b", "user-2", "Rent", -90_000,
        VALID.businessDate(), VALID.acceptedAt(), "req-2", null);
    String good = QueueBodies.gzipped(QueueBodies.several(List.of(VALID.toJson().encode(),
        second.toJson().encode())));
    String oneBad = QueueBodies.gzipped(QueueBodies.several(List.of(second.toJson().encode(),
        VALID.toJson().put("date", "2025-02-30").encode())));
    List<String> poison = List.of(oneBad, "{\"gzip\":\"H4sIAAAA\"}", "{\"gzip\":true}",
        QueueBodies.gzipped("not json"));

    Deliveries.Sorted sorted = Deliveries.sort(
        Stream.concat(Stream.of(good), poison.stream())
            .map(body -> Message.builder().messageId(body).body(body).build()).toList());

    assertThat(sorted.releases()).extracting(ReceivedRelease::release)
        .containsExactly(VALID, second, second);
    assertThat(sorted.poison()).extracting(p -> p.message().body())
        .containsExactlyElementsOf(poison);
  }

  @Test
  void theRequestIdComesFromTheBodyElseFromTheMessageAttribute() {
    Message withAttribute = Message.builder().body(VALID.toJson().encode())
        .messageAttributes(Map.of("requestId", MessageAttributeValue.builder()
            .dataType("String").stringValue("req-attribute").build()))
        .build();
    ReleaseMessage withoutId = new ReleaseMessage("r-2", "company-a", "user-1", "Sale", 5,
        VALID.businessDate(), VALID.acceptedAt(), null, null);

    assertThat(new ReceivedRelease(withAttribute, VALID).requestId()).isEqualTo("req-body");
    assertThat(new ReceivedRelease(withAttribute, withoutId).requestId())
        .isEqualTo("req-attribute");
  }

  @Test
  void receiveCountAndAgeAreReadFromTheSystemAttributes() {
    Instant sent = Instant.parse("2025-03-14T15:00:00Z");
    Message message = Message.builder().attributes(Map.of(
        MessageSystemAttributeName.APPROXIMATE_RECEIVE_COUNT, "3",
        MessageSystemAttributeName.SENT_TIMESTAMP, Long.toString(sent.toEpochMilli()))).build();

    assertThat(Deliveries.receiveCount(message)).isEqualTo(3);
    assertThat(Deliveries.age(message, sent.plusSeconds(7))).isEqualTo(Duration.ofSeconds(7));
    assertThat(Deliveries.receiveCount(Message.builder().build())).isZero();
  }

  private static String without(JsonObject json, String field) {
    JsonObject copy = json.copy();
    copy.remove(field);
    return copy.encode();
  }
}
