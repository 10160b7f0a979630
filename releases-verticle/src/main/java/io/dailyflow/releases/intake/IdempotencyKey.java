package io.dailyflow.releases.intake;

import io.dailyflow.common.http.Problem.FieldError;
import java.util.Optional;
import java.util.regex.Pattern;

/** The contract's {@code Idempotency-Key} header: 1-255 visible ASCII characters. */
public final class IdempotencyKey {

  public static final String HEADER = "Idempotency-Key";
  private static final Pattern VALID = Pattern.compile("[\\x21-\\x7e]{1,255}");

  private IdempotencyKey() {
  }

  /** Why the header value is not acceptable; empty when it is absent or valid. */
  public static Optional<FieldError> problemWith(String header) {
    if (header == null || VALID.matcher(header).matches()) {
      return Optional.empty();
    }
    return Optional.of(new FieldError(HEADER, "must be 1-255 visible ASCII characters"));
  }
}
