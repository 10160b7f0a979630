package io.dailyflow.consolidated.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class ExactCentsTest {

  @Test
  void integersOfEveryWidthAreTakenAsTheyAre() {
    assertThat(ExactCents.of(30)).isEqualTo(30L);
    assertThat(ExactCents.of(599_999_999_999_994_000L)).isEqualTo(599_999_999_999_994_000L);
    assertThat(ExactCents.of(Long.MIN_VALUE)).isEqualTo(Long.MIN_VALUE);
  }

  @Test
  void anAbsentSumIsZero() {
    assertThat(ExactCents.of(null)).isZero();
  }

  @Test
  void decimal128IsReadExactlyWhenItIsWholeCents() {
    assertThat(ExactCents.of(new BigDecimal("9999999999999900"))).isEqualTo(9_999_999_999_999_900L);
    assertThat(ExactCents.of(new BigDecimal("120.000"))).isEqualTo(120L);
    assertThat(ExactCents.of(new JsonObject().put("$numberDecimal", "-42"))).isEqualTo(-42L);
    assertThat(ExactCents.of(new JsonObject().put("$numberLong", "9007199254740993")))
        .isEqualTo(9_007_199_254_740_993L);
  }

  @Test
  void aFractionOfACentIsRefusedNotRounded() {
    assertThatThrownBy(() -> ExactCents.of(new BigDecimal("10.5")))
        .isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> ExactCents.of(0.5)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aDoubleIsAcceptedOnlyWhereEveryIntegerIsExact() {
    assertThat(ExactCents.of(4_503_599_627_370_496.0)).isEqualTo(4_503_599_627_370_496L);
    assertThatThrownBy(() -> ExactCents.of(1e17)).isInstanceOf(ArithmeticException.class);
    assertThatThrownBy(() -> ExactCents.of(Double.NaN)).isInstanceOf(ArithmeticException.class);
  }

  @Test
  void aDecimalBeyondALongIsRefused() {
    assertThatThrownBy(() -> ExactCents.of(new BigDecimal("9223372036854775808")))
        .isInstanceOf(ArithmeticException.class);
  }

  @Test
  void somethingThatIsNotANumberIsRefused() {
    assertThatThrownBy(() -> ExactCents.of("30")).isInstanceOf(ArithmeticException.class);
  }
}
