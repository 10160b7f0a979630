package io.dailyflow.common.money;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @Test
  void tenCentsPlusTwentyCentsIsExactlyThirtyCents() {
    Money sum = Money.parse(0.1).orElseThrow().plus(Money.parse(0.2).orElseThrow());
    assertThat(sum.cents()).isEqualTo(30);
    assertThat(sum.format()).isEqualTo("0.30");
  }

  @Test
  void numbersAndDecimalStringsParseToTheSameCents() {
    assertThat(Money.parse(12).orElseThrow().cents()).isEqualTo(1200);
    assertThat(Money.parse(new BigDecimal("-12.3")).orElseThrow().cents()).isEqualTo(-1230);
    assertThat(Money.parse("1500.00").orElseThrow().cents()).isEqualTo(150_000);
    assertThat(Money.parse("-0.01").orElseThrow().cents()).isEqualTo(-1);
    assertThat(Money.parse(new BigDecimal("12.30")).orElseThrow().cents()).isEqualTo(1230);
    assertThat(Money.parse(new BigDecimal("1E+3")).orElseThrow().cents()).isEqualTo(100_000);
  }

  @Test
  void theLargestMagnitudeIsAcceptedAndOneCentMoreIsNot() {
    assertThat(Money.parse("999999999999.99").orElseThrow().cents()).isEqualTo(Money.MAX_CENTS);
    assertThat(Money.parse("-999999999999.99").orElseThrow().cents()).isEqualTo(-Money.MAX_CENTS);
    assertThat(Money.parse(new BigDecimal("1000000000000.00"))).isEmpty();
    assertThat(Money.problemWith("1000000000000")).contains(
        "must be at most 999999999999.99 in magnitude");
  }

  @ParameterizedTest
  @ValueSource(strings = {"12.345", "12.300", "0", "-0", "0.00", "NaN", "Infinity", "1e3", "1E400", "",
      " 12", "12 ", "12.", ".5", "+5", "0x10", "1,50", "--1", "١٢"})
  void malformedOrForbiddenStringsAreRefused(String text) {
    assertThat(Money.parse(text)).isEmpty();
    assertThat(Money.problemWith(text)).isPresent();
  }

  @Test
  void nonNumbersAreRefused() {
    assertThat(Money.parse(true)).isEmpty();
    assertThat(Money.parse(new io.vertx.core.json.JsonObject())).isEmpty();
    assertThat(Money.parse(null)).isEmpty();
    assertThat(Money.parse(Double.NaN)).isEmpty();
    assertThat(Money.parse(Double.POSITIVE_INFINITY)).isEmpty();
  }

  @Test
  void hugeExponentsAndManyFractionDigitsAreRefusedWithAReason() {
    assertThat(Money.problemWith(new BigDecimal("1e400"))).contains(
        "must be at most 999999999999.99 in magnitude");
    assertThat(Money.problemWith(new BigDecimal("1.0000000000000001"))).contains(
        "must have at most 2 fraction digits");
    assertThat(Money.problemWith(new BigDecimal("-0.0"))).contains("must not be zero");
    assertThat(Money.problemWith(new BigInteger("123456789012345678901234567890"))).isPresent();
    assertThat(Money.problemWith(new BigDecimal("1E+999999999"))).contains(
        "must be at most 999999999999.99 in magnitude");
  }

  @Test
  void formatAlwaysGivesTwoFractionDigits() {
    assertThat(Money.format(0)).isEqualTo("0.00");
    assertThat(Money.format(5)).isEqualTo("0.05");
    assertThat(Money.format(-1230)).isEqualTo("-12.30");
    assertThat(Money.format(Money.MAX_CENTS)).isEqualTo("999999999999.99");
    assertThat(Money.format(Long.MIN_VALUE + 1)).startsWith("-");
  }

  @Test
  void everyFormattedAmountParsesBackToTheSameCents() {
    Random random = new Random(20261127L);
    for (int i = 0; i < 10_000; i++) {
      long cents = (random.nextLong() % Money.MAX_CENTS);
      if (cents == 0) {
        continue;
      }
      String text = Money.format(cents);
      assertThat(Money.parse(text)).as(text).contains(Money.ofCents(cents));
      assertThat(Money.parse(new BigDecimal(text))).as(text).contains(Money.ofCents(cents));
    }
  }
}
