package io.dailyflow.auth.user;

import io.dailyflow.auth.store.Dates;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.time.Instant;
import java.util.List;

/**
 * A user as stored in the {@code users} collection. {@link #toView()} is what clients see: never
 * the password hash. {@link #toString()} leaves the hash out too, so a user can be logged.
 *
 * @param createdAt {@code null} for a user inserted by hand without one
 */
public record User(String id, String username, String companyId, List<String> roles,
    boolean disabled, String passwordHash, Instant createdAt) {

  public User {
    roles = List.copyOf(roles);
  }

  public static User fromDocument(JsonObject doc) {
    JsonArray roles = doc.getJsonArray("roles", new JsonArray());
    return new User(doc.getString("_id"), doc.getString("username"), doc.getString("companyId"),
        roles.stream().map(String::valueOf).toList(), doc.getBoolean("disabled", false),
        doc.getString("passwordHash"),
        doc.containsKey("createdAt") ? Dates.read(doc, "createdAt") : null);
  }

  public JsonObject toDocument() {
    return new JsonObject()
        .put("_id", id)
        .put("username", username)
        .put("companyId", companyId)
        .put("roles", new JsonArray(roles))
        .put("disabled", disabled)
        .put("passwordHash", passwordHash)
        .put("createdAt", createdAt == null ? null : Dates.of(createdAt));
  }

  public JsonObject toView() {
    return new JsonObject()
        .put("id", id)
        .put("username", username)
        .put("companyId", companyId)
        .put("roles", new JsonArray(roles))
        .put("disabled", disabled)
        .put("createdAt", createdAt == null ? null : createdAt.toString());
  }

  @Override
  public String toString() {
    return "User[id=" + id + ", username=" + username + ", companyId=" + companyId + ", roles="
        + roles + ", disabled=" + disabled + "]";
  }
}
