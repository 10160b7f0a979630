package io.dailyflow.common.release;

import io.dailyflow.common.money.Money;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A release as it travels on the queue from the Releases API to the consumer, and as the consumer
 * stores it. The id is the unique key of the ledger: however often the message is delivered,
 * the release is stored once.
 *
 * @param amountCents signed: positive a credit, negative a debit
 * @param businessDate the day the release counts on, in the company's time zone
 * @param reverses the id of the release this one reverses, or {@code null}
 */
public record ReleaseMessage(String id, String companyId, String userId, String description,
    long amountCents, LocalDate businessDate, Instant acceptedAt, String requestId,
    String reverses) {

  /** Schema version of the queue message, for consumers of older and newer producers. */
  public static final int VERSION = 1;

  public ReleaseMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(companyId, "companyId");
    Objects.requireNonNull(userId, "userId");
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(businessDate, "businessDate");
    Objects.requireNonNull(acceptedAt, "acceptedAt");
    if (amountCents == 0 || Math.abs(amountCents) > Money.MAX_CENTS) {
      throw new IllegalArgumentException("amountCents out of range: " + amountCents);
    }
    if (Descriptions.problemWith(description).isPresent()) {
      throw new IllegalArgumentException("invalid description");
    }
  }

  public Money amount() {
    return Money.ofCents(amountCents);
  }

  public String type() {
    return amountCents > 0 ? "CREDIT" : "DEBIT";
  }

  public JsonObject toJson() {
    JsonObject json = new JsonObject()
        .put("v", VERSION)
        .put("id", id)
        .put("companyId", companyId)
        .put("userId", userId)
        .put("description", description)
        .put("amountCents", amountCents)
        .put("date", businessDate.toString())
        .put("acceptedAt", acceptedAt.toString())
        .put("requestId", requestId);
    if (reverses != null) {
      json.put("reverses", reverses);
    }
    return json;
  }

  /**
   * Reads a message; throws {@link IllegalArgumentException} (or another runtime exception) when
   * it is not a valid release, which makes it a poison message for the consumer.
   */
  public static ReleaseMessage fromJson(JsonObject json) {
    Object amount = json.getValue("amountCents");
    if (!(amount instanceof Number n) || n.doubleValue() != n.longValue()) {
      throw new IllegalArgumentException("amountCents must be an integer");
    }
    return new ReleaseMessage(
        json.getString("id"),
        json.getString("companyId"),
        json.getString("userId"),
        json.getString("description"),
        n.longValue(),
        LocalDate.parse(json.getString("date")),
        Instant.parse(json.getString("acceptedAt")),
        json.getString("requestId"),
        json.getString("reverses"));
  }

  /** The public view of the contract, before the release is recorded. */
  public JsonObject toAcceptedView() {
    JsonObject view = new JsonObject()
        .put("id", id)
        .put("status", "PENDING")
        .put("description", description)
        .put("amount", Money.format(amountCents))
        .put("type", type())
        .put("date", businessDate.toString());
    if (reverses != null) {
      view.put("reverses", reverses);
    }
    return view;
  }
}
