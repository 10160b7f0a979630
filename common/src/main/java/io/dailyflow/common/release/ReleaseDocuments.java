package io.dailyflow.common.release;

import io.dailyflow.common.money.Money;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * The stored shape of a release in MongoDB collection {@value #COLLECTION}: written by the
 * consumer after counting it into its day's totals ({@link DayTotalsDocuments}), read by the
 * Releases API. {@code _id} is the release id, so a redelivered message is a duplicate-key no-op.
 *
 * <pre>
 * {_id, companyId, userId, description, amountCents (long), date "YYYY-MM-DD",
 *  acceptedAt (ISO string), recordedAt (epoch millis), requestId, reverses?}
 * </pre>
 * Indexes: {@code {companyId, date, recordedAt, _id}} serves the daily list in recording order
 * (and an aggregation of a day or a range, for audits).
 */
public final class ReleaseDocuments {

  public static final String COLLECTION = "releases";
  public static final String ID = "_id";
  public static final String COMPANY = "companyId";
  public static final String USER = "userId";
  public static final String DESCRIPTION = "description";
  public static final String AMOUNT_CENTS = "amountCents";
  public static final String DATE = "date";
  public static final String ACCEPTED_AT = "acceptedAt";
  public static final String RECORDED_AT = "recordedAt";
  public static final String REQUEST_ID = "requestId";
  public static final String REVERSES = "reverses";

  /** The index every reader relies on; created at start by the consumer and the readers. */
  public static final JsonObject DAY_INDEX = new JsonObject()
      .put(COMPANY, 1).put(DATE, 1).put(RECORDED_AT, 1).put(ID, 1);

  private ReleaseDocuments() {
  }

  public static JsonObject toDocument(ReleaseMessage message, Instant recordedAt) {
    JsonObject doc = new JsonObject()
        .put(ID, message.id())
        .put(COMPANY, message.companyId())
        .put(USER, message.userId())
        .put(DESCRIPTION, message.description())
        .put(AMOUNT_CENTS, message.amountCents())
        .put(DATE, message.businessDate().toString())
        .put(ACCEPTED_AT, message.acceptedAt().toString())
        .put(RECORDED_AT, recordedAt.toEpochMilli())
        .put(REQUEST_ID, message.requestId());
    if (message.reverses() != null) {
      doc.put(REVERSES, message.reverses());
    }
    return doc;
  }

  /**
   * The contract's view of a recorded release. {@code reversedBy} is the id of the release that
   * reversed this one, when the caller knows it.
   */
  public static JsonObject toView(JsonObject doc, String reversedBy) {
    long cents = ((Number) doc.getValue(AMOUNT_CENTS)).longValue();
    JsonObject view = new JsonObject()
        .put("id", doc.getString(ID))
        .put("description", doc.getString(DESCRIPTION))
        .put("amount", Money.format(cents))
        .put("type", cents > 0 ? "CREDIT" : "DEBIT")
        .put("date", doc.getString(DATE))
        .put("createdAt", doc.getString(ACCEPTED_AT))
        .put("status", "RECORDED");
    if (doc.getString(REVERSES) != null) {
      view.put("reverses", doc.getString(REVERSES));
    }
    if (reversedBy != null) {
      view.put("reversedBy", reversedBy);
    }
    return view;
  }
}
