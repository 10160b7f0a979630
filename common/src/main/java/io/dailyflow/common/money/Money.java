package io.dailyflow.common.money;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * An exact amount of money in cents (minor units). The one place that parses, formats and
 * bounds amounts: a {@code double} never touches money in DailyFlow.
 *
 * <p>Accepted input: a JSON number or a decimal string with at most two fraction digits, magnitude
 * at most {@value #MAX_CENTS} cents. Output: a decimal string with exactly two fraction digits.
 */
public record Money(long cents) implements Comparable<Money> {

  /** 999999999999.99 in cents: the largest magnitude a single release may carry. */
  public static final long MAX_CENTS = 99_999_999_999_999L;

  public static final Money ZERO = new Money(0);

  /** Plain decimal text as a client may send it: optional minus, digits, optional fraction. */
  private static final Pattern DECIMAL_TEXT = Pattern.compile("-?\\d+(\\.\\d+)?");

  /** Longest text worth parsing: keeps a hostile "1" followed by a megabyte of zeros cheap. */
  private static final int MAX_TEXT_LENGTH = 40;

  public static Money ofCents(long cents) {
    return new Money(cents);
  }

  /**
   * Parses a request amount: a {@link Number} as decoded from JSON, or a decimal string.
   *
   * @return the amount, or empty with no reason if the value is not an acceptable amount; use
   *     {@link #problemWith(Object)} for the message
   */
  public static Optional<Money> parse(Object value) {
    return toDecimal(value).flatMap(Money::fromDecimal);
  }

  /** Why {@code value} is not an acceptable amount, or empty if it is one. */
  public static Optional<String> problemWith(Object value) {
    Optional<BigDecimal> decimal = toDecimal(value);
    if (decimal.isEmpty()) {
      return Optional.of("must be a JSON number or a decimal string such as \"12.30\"");
    }
    BigDecimal amount = decimal.get();
    // Textual scale: "12.300" has three fraction digits, which the contract refuses.
    if (amount.scale() > 2) {
      return Optional.of("must have at most 2 fraction digits");
    }
    if (amount.signum() == 0) {
      return Optional.of("must not be zero");
    }
    // Integer digits first: movePointRight on 1E+999999999 would overflow BigInteger.
    if (amount.precision() - amount.scale() > 12
        || amount.abs().movePointRight(2).compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
      return Optional.of("must be at most 999999999999.99 in magnitude");
    }
    return Optional.empty();
  }

  private static Optional<Money> fromDecimal(BigDecimal amount) {
    if (problemWith(amount.toPlainString()).isPresent()) {
      return Optional.empty();
    }
    return Optional.of(new Money(amount.movePointRight(2).longValueExact()));
  }

  private static Optional<BigDecimal> toDecimal(Object value) {
    if (value instanceof String text) {
      return parseText(text);
    }
    if (value instanceof BigDecimal decimal) {
      return Optional.of(decimal);
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Short
        || value instanceof Byte) {
      return Optional.of(BigDecimal.valueOf(((Number) value).longValue()));
    }
    if (value instanceof BigInteger integer) {
      return Optional.of(new BigDecimal(integer));
    }
    if (value instanceof Double || value instanceof Float) {
      // JSON decoders hand fractional numbers over as doubles. Their shortest repr ("12.3" for
      // 12.3) is exactly what the client wrote whenever the client wrote <= 15 significant
      // digits, which covers every valid amount; NaN and infinities (1e400) are refused.
      double d = ((Number) value).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Optional.empty();
      }
      return parseText(Double.toString(d).toUpperCase().contains("E")
          ? new BigDecimal(Double.toString(d)).toPlainString()
          : Double.toString(d));
    }
    return Optional.empty();
  }

  private static Optional<BigDecimal> parseText(String text) {
    if (text.length() > MAX_TEXT_LENGTH || !DECIMAL_TEXT.matcher(text).matches()) {
      return Optional.empty();
    }
    return Optional.of(new BigDecimal(text));
  }

  public boolean isCredit() {
    return cents > 0;
  }

  public Money negate() {
    return new Money(Math.negateExact(cents));
  }

  public Money plus(Money other) {
    return new Money(Math.addExact(cents, other.cents));
  }

  public Money abs() {
    return new Money(Math.abs(cents));
  }

  /** Decimal string with exactly two fraction digits: {@code -1230 -> "-12.30"}. */
  public String format() {
    return format(cents);
  }

  public static String format(long cents) {
    long magnitude = Math.abs(cents);
    String sign = cents < 0 ? "-" : "";
    long units = magnitude / 100;
    long fraction = magnitude % 100;
    return sign + units + (fraction < 10 ? ".0" : ".") + fraction;
  }

  @Override
  public int compareTo(Money other) {
    return Long.compare(cents, other.cents);
  }

  @Override
  public String toString() {
    return format();
  }
}
