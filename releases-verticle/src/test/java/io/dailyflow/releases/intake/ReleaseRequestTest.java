package io.dailyflow.releases.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.dailyflow.common.http.Problem.FieldError;
import io.dailyflow.common.money.Money;
import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ReleaseRequestTest {

  private static JsonObject body(Object description, Object amount) {
    return new JsonObject().put("description", description).put("amount", amount);
  }

  @Test
  void anyValidAmountWrittenAsNumberOrStringGivesTheSameCentsAndTheSameHash() {
    Random random = new Random(2026);
    for (int i = 0; i < 2_000; i++) {
      long cents = (random.nextLong() % Money.MAX_CENTS);
      if (cents == 0) {
        continue;
      }
      String text = Money.format(cents);
      JsonObject asNumber = body("Item", new BigDecimal(text));
      JsonObject asString = body("  Item ", text);
      assertThat(ReleaseRequest.problems(asNumber)).as(text).isEmpty();
      assertThat(ReleaseRequest.problems(asString)).as(text).isEmpty();
      ReleaseRequest fromNumber = ReleaseRequest.of(asNumber);
      assertThat(fromNumber.amountCents()).isEqualTo(cents);
      assertThat(ReleaseRequest.of(asString)).isEqualTo(fromNumber);
      assertThat(ReleaseRequest.of(asString).canonicalHash()).isEqualTo(fromNumber.canonicalHash());
    }
  }

  @Test
  void largestMagnitudesAreAcceptedAndOneCentMoreIsNot() {
    assertThat(ReleaseRequest.of(body("Max", "999999999999.99")).amountCents())
        .isEqualTo(Money.MAX_CENTS);
    assertThat(ReleaseRequest.of(body("Min", new BigDecimal("-999999999999.99"))).amountCents())
        .isEqualTo(-Money.MAX_CENTS);
    assertThat(ReleaseRequest.problems(body("Over", "1000000000000.00")))
        .extracting(FieldError::field).containsExactly("amount");
  }

  @Test
  void differentDescriptionsOrAmountsHaveDifferentHashes() {
    String base = ReleaseRequest.of(body("Rent", 100)).canonicalHash();
    assertThat(ReleaseRequest.of(body("Rent.", 100)).canonicalHash()).isNotEqualTo(base);
    assertThat(ReleaseRequest.of(body("Rent", "100.01")).canonicalHash()).isNotEqualTo(base);
    assertThat(ReleaseRequest.of(body("Rent", -100)).canonicalHash()).isNotEqualTo(base);
  }

  @Test
  void aNumberWithManyTrailingZerosIsRefusedRatherThanFailingLater() {
    BigDecimal padded = new BigDecimal("12.3" + "0".repeat(45));
    assertThat(ReleaseRequest.problems(body("Padded", padded)))
        .extracting(FieldError::field).containsExactly("amount");
  }

  @Test
  void bothMissingFieldsAreReported() {
    List<FieldError> errors = ReleaseRequest.problems(new JsonObject().put("other", 1));
    assertThat(errors).extracting(FieldError::field).containsExactly("description", "amount");
    assertThat(errors).extracting(FieldError::message).containsOnly("is required");
  }
}
