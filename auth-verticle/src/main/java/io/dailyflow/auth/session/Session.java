package io.dailyflow.auth.session;

import io.dailyflow.auth.store.Dates;
import io.vertx.core.json.JsonObject;
import java.time.Instant;

/**
 * A login session: the family of refresh tokens rotated from one login. Revoking it retires every
 * refresh token of the family at once.
 */
public record Session(String id, String userId, String companyId, Instant createdAt,
    Instant expiresAt, boolean revoked) {

  public static Session fromDocument(JsonObject doc) {
    return new Session(doc.getString("_id"), doc.getString("userId"), doc.getString("companyId"),
        Dates.read(doc, "createdAt"), Dates.read(doc, "expiresAt"),
        doc.getBoolean("revoked", false));
  }

  public JsonObject toDocument() {
    return new JsonObject()
        .put("_id", id)
        .put("userId", userId)
        .put("companyId", companyId)
        .put("createdAt", Dates.of(createdAt))
        .put("expiresAt", Dates.of(expiresAt))
        .put("revoked", revoked);
  }

  public boolean usableAt(Instant now) {
    return !revoked && now.isBefore(expiresAt);
  }
}
