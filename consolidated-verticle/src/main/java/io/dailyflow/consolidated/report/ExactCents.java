package io.dailyflow.consolidated.report;

import io.vertx.core.json.JsonObject;
import java.math.BigDecimal;

/**
 * Reads a sum of cents as the database returned it, exactly. MongoDB answers a {@code $sum} of
 * 64-bit integers as Int32, Int64, or (after an overflow) a Double; a Decimal128 arrives as a
 * {@link BigDecimal}. Anything that is not an exact whole number of cents within a {@code long}
 * is refused rather than rounded.
 */
public final class ExactCents {

  /** Largest magnitude a double holds with every integer below it exact (2^53). */
  private static final long MAX_EXACT_DOUBLE = 1L << 53;

  private ExactCents() {
  }

  /** {@code null} (no such field, or an empty group) is zero. */
  public static long of(Object value) {
    if (value == null) {
      return 0;
    }
    if (value instanceof Long || value instanceof Integer || value instanceof Short
        || value instanceof Byte) {
      return ((Number) value).longValue();
    }
    if (value instanceof BigDecimal decimal) {
      return fromDecimal(decimal, value);
    }
    if (value instanceof Double || value instanceof Float) {
      return fromDouble(((Number) value).doubleValue(), value);
    }
    if (value instanceof JsonObject extended) {
      return fromExtendedJson(extended, value);
    }
    throw inexact(value);
  }

  private static long fromDecimal(BigDecimal decimal, Object original) {
    try {
      return decimal.stripTrailingZeros().longValueExact();
    } catch (ArithmeticException e) {
      throw inexact(original);
    }
  }

  private static long fromDouble(double d, Object original) {
    if (Double.isNaN(d) || Double.isInfinite(d) || d != Math.rint(d)
        || Math.abs(d) > MAX_EXACT_DOUBLE) {
      throw inexact(original);
    }
    return (long) d;
  }

  /** Canonical extended JSON: {@code {"$numberLong": "..."}} or {@code {"$numberDecimal": ...}}. */
  private static long fromExtendedJson(JsonObject extended, Object original) {
    Object text = extended.getValue("$numberLong");
    if (text == null) {
      text = extended.getValue("$numberDecimal");
    }
    if (!(text instanceof String s)) {
      throw inexact(original);
    }
    try {
      return fromDecimal(new BigDecimal(s), original);
    } catch (NumberFormatException e) {
      throw inexact(original);
    }
  }

  private static ArithmeticException inexact(Object value) {
    return new ArithmeticException("Not an exact number of cents: " + value + " ("
        + value.getClass().getSimpleName() + ")");
  }
}
