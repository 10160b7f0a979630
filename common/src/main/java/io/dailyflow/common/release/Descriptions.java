package io.dailyflow.common.release;

import java.util.Optional;

/** The contract's rule for a release description: 1-255 characters after trimming, no controls. */
public final class Descriptions {

  public static final int MAX_LENGTH = 255;

  private Descriptions() {
  }

  /** Why {@code value} is not a valid description, or empty if it is one. */
  public static Optional<String> problemWith(Object value) {
    if (!(value instanceof String text)) {
      return Optional.of("must be a string");
    }
    String trimmed = text.strip();
    if (trimmed.isEmpty()) {
      return Optional.of("must not be blank");
    }
    if (trimmed.codePointCount(0, trimmed.length()) > MAX_LENGTH) {
      return Optional.of("must be at most " + MAX_LENGTH + " characters");
    }
    boolean hasControl = trimmed.codePoints().anyMatch(c -> Character.isISOControl(c)
        || Character.getType(c) == Character.SURROGATE
        || c == '\u2028' || c == '\u2029'
        // Noncharacters SQS refuses in a message (it would reject the whole batch).
        || c == '\uFFFE' || c == '\uFFFF');
    return hasControl ? Optional.of("must not contain control characters") : Optional.empty();
  }

  public static String normalize(String value) {
    return value.strip();
  }
}
