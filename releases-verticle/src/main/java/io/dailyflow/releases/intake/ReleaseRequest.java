package io.dailyflow.releases.intake;

import io.dailyflow.common.http.Problem.FieldError;
import io.dailyflow.common.money.Money;
import io.dailyflow.common.release.Descriptions;
import io.vertx.core.json.JsonObject;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A valid {@code POST /releases} body: {@code {"description","amount"}}; other fields are
 * ignored. The description is trimmed, the amount exact in cents.
 */
public record ReleaseRequest(String description, long amountCents) {

  /** Every problem of the body at once, field by field; empty when the body is valid. */
  public static List<FieldError> problems(JsonObject body) {
    List<FieldError> errors = new ArrayList<>(2);
    Object description = body.getValue("description");
    Object amount = body.getValue("amount");
    if (description == null) {
      errors.add(new FieldError("description", "is required"));
    } else {
      Descriptions.problemWith(description)
          .ifPresent(message -> errors.add(new FieldError("description", message)));
    }
    if (amount == null) {
      errors.add(new FieldError("amount", "is required"));
    } else {
      amountProblem(amount).ifPresent(message -> errors.add(new FieldError("amount", message)));
    }
    return errors;
  }

  private static Optional<String> amountProblem(Object amount) {
    Optional<String> problem = Money.problemWith(amount);
    if (problem.isEmpty() && Money.parse(amount).isEmpty()) {
      // Defensive: should Money.problemWith ever accept what Money.parse refuses, answer 400
      // here rather than fail later with a 500.
      return Optional.of("must be a JSON number or a decimal string such as \"12.30\"");
    }
    return problem;
  }

  /** The request of a body that {@link #problems} found valid. */
  public static ReleaseRequest of(JsonObject body) {
    Money amount = Money.parse(body.getValue("amount"))
        .orElseThrow(() -> new IllegalArgumentException("amount was not validated"));
    return new ReleaseRequest(Descriptions.normalize(body.getString("description")),
        amount.cents());
  }

  /**
   * SHA-256 of the canonical body: the same release however it was written ({@code 12.3},
   * {@code "12.30"}, extra spaces around the description, unknown fields) has the same hash.
   */
  public String canonicalHash() {
    return Hashes.sha256Hex(description, Long.toString(amountCents));
  }
}
