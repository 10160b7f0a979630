package io.dailyflow.local.fuzz;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import java.io.IOException;
import java.math.BigDecimal;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A reference reading of the contract's {@code POST /releases} rules, written independently of the
 * product's validation: whether a request must be accepted, must be refused, or is in a corner
 * the contract leaves open (then either answer is fine, but an acceptance is still tracked).
 */
final class ReleaseOracle {

  /** What the contract says about a request. */
  enum Kind { VALID, INVALID, EITHER }

  /** The verdict; for VALID and EITHER-if-accepted, the canonical release. */
  record Verdict(Kind kind, String description, long cents) {
    static final Verdict INVALID = new Verdict(Kind.INVALID, null, 0);
    static final Verdict EITHER = new Verdict(Kind.EITHER, null, 0);
  }

  static final long MAX_CENTS = 99_999_999_999_999L;
  private static final Pattern DECIMAL_STRING = Pattern.compile("-?[0-9]+(\\.[0-9]{1,2})?");
  private static final Pattern PLAIN_NUMBER = Pattern.compile("-?(0|[1-9][0-9]*)(\\.[0-9]+)?");
  private static final Pattern KEY = Pattern.compile("[\\x21-\\x7e]{1,255}");
  private static final JsonFactory JSON = JsonFactory.builder()
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();

  private ReleaseOracle() {
  }

  /** The content type: JSON is required; exotic but JSON-ish types are left open. */
  static Kind contentType(String header) {
    if (header == null) {
      return Kind.INVALID;
    }
    String[] parts = header.split(";", 2);
    String mime = parts[0].strip().toLowerCase(Locale.ROOT);
    if (mime.equals("application/json")) {
      boolean plain = parts[0].equals("application/json") && (parts.length == 1
          || parts[1].strip().equalsIgnoreCase("charset=utf-8"));
      return plain ? Kind.VALID : Kind.EITHER;
    }
    return mime.startsWith("application/") && mime.endsWith("+json") ? Kind.EITHER : Kind.INVALID;
  }

  /** {@code Idempotency-Key}: absent or 1-255 visible ASCII characters. */
  static Kind idempotencyKey(FuzzRequest request) {
    long count = request.headerCount("Idempotency-Key");
    if (count == 0) {
      return Kind.VALID;
    }
    if (count > 1) {
      return Kind.EITHER;
    }
    return KEY.matcher(request.header("Idempotency-Key")).matches() ? Kind.VALID : Kind.INVALID;
  }

  /** The body alone. */
  static Verdict body(byte[] body) {
    if (body == null || body.length > Garbage.BODY_LIMIT) {
      return Verdict.INVALID;
    }
    try (JsonParser parser = JSON.createParser(body)) {
      if (parser.nextToken() != JsonToken.START_OBJECT) {
        return Verdict.INVALID;
      }
      Object description = null;
      Object amount = null;
      boolean deep = false;
      JsonToken token;
      while ((token = parser.nextToken()) == JsonToken.FIELD_NAME) {
        String name = parser.currentName();
        JsonToken value = parser.nextToken();
        if (name.equals("description")) {
          description = value == JsonToken.VALUE_STRING ? parser.getText() : Boolean.FALSE;
        } else if (name.equals("amount")) {
          amount = amountOf(parser, value);
        }
        if (value == JsonToken.START_OBJECT || value == JsonToken.START_ARRAY) {
          deep |= skipDepth(parser) > 30;
        }
      }
      if (token != JsonToken.END_OBJECT || parser.nextToken() != null) {
        return Verdict.INVALID;
      }
      return combine(description, amount, deep);
    } catch (IOException | RuntimeException e) {
      // Not JSON to a strict parser; a number or string too long for its limits is left open.
      return e.getMessage() != null && e.getMessage().contains("length") ? Verdict.EITHER
          : Verdict.INVALID;
    }
  }

  private static Verdict combine(Object description, Object amount, boolean deep) {
    Kind descriptionKind = description instanceof String text ? description(text) : Kind.INVALID;
    Kind amountKind = amount instanceof BigDecimal ? Kind.VALID
        : amount == Kind.EITHER ? Kind.EITHER : Kind.INVALID;
    if (descriptionKind == Kind.INVALID || amountKind == Kind.INVALID) {
      return Verdict.INVALID;
    }
    if (descriptionKind == Kind.EITHER || amountKind == Kind.EITHER || deep) {
      return amount instanceof BigDecimal decimal
          ? new Verdict(Kind.EITHER, ((String) description).strip(),
              decimal.movePointRight(2).longValueExact())
          : Verdict.EITHER;
    }
    return new Verdict(Kind.VALID, ((String) description).strip(),
        ((BigDecimal) amount).movePointRight(2).longValueExact());
  }

  /** A BigDecimal for an acceptable amount, Kind.EITHER for an open case, else null. */
  private static Object amountOf(JsonParser parser, JsonToken value) throws IOException {
    String text = parser.getText();
    if (value == JsonToken.VALUE_STRING) {
      return DECIMAL_STRING.matcher(text).matches() ? bounded(new BigDecimal(text)) : null;
    }
    if (value != JsonToken.VALUE_NUMBER_INT && value != JsonToken.VALUE_NUMBER_FLOAT) {
      return null;
    }
    if (!PLAIN_NUMBER.matcher(text).matches()) {
      return text.length() < 30 ? Kind.EITHER : null; // exponent forms: an exact value, but odd
    }
    BigDecimal decimal = new BigDecimal(text);
    return decimal.scale() > 2 ? null : bounded(decimal);
  }

  private static Object bounded(BigDecimal amount) {
    if (amount.signum() == 0 || amount.scale() > 2
        || amount.abs().movePointRight(2).compareTo(BigDecimal.valueOf(MAX_CENTS)) > 0) {
      return null;
    }
    return amount;
  }

  /** 1-255 characters after trimming, no control characters. */
  static Kind description(String text) {
    String stripped = text.strip();
    int points = stripped.codePointCount(0, stripped.length());
    if (stripped.isEmpty() || points > 255
        || stripped.codePoints().anyMatch(c -> Character.getType(c) == Character.CONTROL)) {
      return Kind.INVALID;
    }
    boolean odd = !stripped.equals(text.trim()) || stripped.length() > 255
        || stripped.codePoints().anyMatch(c -> Character.getType(c) == Character.SURROGATE
            || Character.getType(c) == Character.UNASSIGNED || c == 0x2028 || c == 0x2029
            || c == 0xFFFE || c == 0xFFFF || Character.getType(c) == Character.LINE_SEPARATOR
            || Character.getType(c) == Character.PARAGRAPH_SEPARATOR);
    return odd ? Kind.EITHER : Kind.VALID;
  }

  private static int skipDepth(JsonParser parser) throws IOException {
    int depth = 1;
    int max = 1;
    while (depth > 0) {
      JsonToken token = parser.nextToken();
      if (token == null) {
        throw new IOException("truncated");
      }
      if (token == JsonToken.START_OBJECT || token == JsonToken.START_ARRAY) {
        max = Math.max(max, ++depth);
      } else if (token == JsonToken.END_OBJECT || token == JsonToken.END_ARRAY) {
        depth--;
      }
    }
    return max;
  }
}
