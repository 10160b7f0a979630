package io.dailyflow.auth.user;

import io.dailyflow.auth.store.StoreErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;

/** The {@code users} collection: one document per user, {@code username} unique. */
public final class UserRepository {

  public static final String COLLECTION = "users";

  private final MongoClient mongo;

  public UserRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> ensureIndexes() {
    return mongo.createIndexWithOptions(COLLECTION, new JsonObject().put("username", 1),
        new IndexOptions().name("username_unique").unique(true));
  }

  /** The user, or {@code null} when there is none by that name. */
  public Future<User> findByUsername(String username) {
    return mongo.findOne(COLLECTION, new JsonObject().put("username", username), null)
        .map(doc -> doc == null ? null : User.fromDocument(doc))
        .recover(StoreErrors.unavailable("user lookup"));
  }

  /** The user, or {@code null}. */
  public Future<User> findById(String id) {
    return mongo.findOne(COLLECTION, new JsonObject().put("_id", id), null)
        .map(doc -> doc == null ? null : User.fromDocument(doc))
        .recover(StoreErrors.unavailable("user lookup"));
  }

  /** True when inserted; false when the username is taken (by any company). */
  public Future<Boolean> insert(User user) {
    return mongo.insert(COLLECTION, user.toDocument())
        .map(true)
        .recover(e -> StoreErrors.isDuplicateKey(e) ? Future.succeededFuture(false)
            : StoreErrors.<Boolean>unavailable("user insert").apply(e));
  }

  /** Disables a user of {@code companyId}; false when there is no such user in that company. */
  public Future<Boolean> disable(String companyId, String id) {
    JsonObject query = new JsonObject().put("_id", id).put("companyId", companyId);
    JsonObject update = new JsonObject().put("$set", new JsonObject().put("disabled", true));
    return mongo.updateCollection(COLLECTION, query, update)
        .map(result -> result.getDocMatched() > 0)
        .recover(StoreErrors.unavailable("user disable"));
  }

  /** Replaces the hash only if it is still {@code oldHash} (another login may have won). */
  public Future<Boolean> replaceHash(String id, String oldHash, String newHash) {
    JsonObject query = new JsonObject().put("_id", id).put("passwordHash", oldHash);
    JsonObject update = new JsonObject()
        .put("$set", new JsonObject().put("passwordHash", newHash));
    return mongo.updateCollection(COLLECTION, query, update)
        .map(result -> result.getDocModified() > 0);
  }
}
