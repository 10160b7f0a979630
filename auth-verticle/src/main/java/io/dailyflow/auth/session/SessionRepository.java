package io.dailyflow.auth.session;

import io.dailyflow.auth.store.Dates;
import io.dailyflow.auth.store.StoreErrors;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.mongo.IndexOptions;
import io.vertx.ext.mongo.MongoClient;
import io.vertx.ext.mongo.UpdateOptions;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

/**
 * Sessions and refresh tokens in MongoDB, so every Auth process sees the same state. Collection
 * {@code sessions}: one document per login. Collection {@code refresh_tokens}: one document per
 * issued token, keyed by the token's SHA-256, with {@code state} active, retired (rotated) or
 * revoked. Every state change is a single-document conditional update: no transactions needed.
 * Both collections have a TTL index on {@code expiresAt}, so MongoDB drops dead sessions.
 */
public final class SessionRepository {

  static final String SESSIONS = "sessions";
  static final String TOKENS = "refresh_tokens";
  static final String ACTIVE = "active";
  static final String RETIRED = "retired";
  static final String REVOKED = "revoked";

  private final MongoClient mongo;

  public SessionRepository(MongoClient mongo) {
    this.mongo = mongo;
  }

  public Future<Void> ensureIndexes() {
    IndexOptions expire = new IndexOptions().expireAfter(0L, TimeUnit.SECONDS);
    return mongo.createIndex(TOKENS, new JsonObject().put("sessionId", 1))
        .compose(v -> mongo.createIndex(TOKENS, new JsonObject().put("userId", 1)))
        .compose(v -> mongo.createIndexWithOptions(TOKENS,
            new JsonObject().put("expiresAt", 1), expire.name("expiresAt_ttl")))
        .compose(v -> mongo.createIndex(SESSIONS, new JsonObject().put("userId", 1)))
        .compose(v -> mongo.createIndexWithOptions(SESSIONS,
            new JsonObject().put("expiresAt", 1), expire.name("expiresAt_ttl")));
  }

  public Future<Void> insertSession(Session session) {
    return mongo.insert(SESSIONS, session.toDocument())
        .<Void>mapEmpty()
        .recover(StoreErrors.unavailable("session insert"));
  }

  public Future<Void> insertToken(String tokenHash, Session session, Instant issuedAt) {
    JsonObject doc = new JsonObject()
        .put("_id", tokenHash)
        .put("sessionId", session.id())
        .put("userId", session.userId())
        .put("state", ACTIVE)
        .put("issuedAt", Dates.of(issuedAt))
        .put("expiresAt", Dates.of(session.expiresAt()));
    return mongo.insert(TOKENS, doc)
        .<Void>mapEmpty()
        .recover(StoreErrors.unavailable("refresh token insert"));
  }

  /**
   * Atomically moves an active, unexpired token to retired. Returns the token document as it was
   * (so the caller learns its session) or {@code null} when the token was not active: of two
   * concurrent refreshes with one token, exactly one gets the document.
   */
  public Future<JsonObject> retire(String tokenHash, Instant now) {
    JsonObject query = new JsonObject()
        .put("_id", tokenHash)
        .put("state", ACTIVE)
        .put("expiresAt", new JsonObject().put("$gt", Dates.of(now)));
    JsonObject update = new JsonObject().put("$set", new JsonObject()
        .put("state", RETIRED)
        .put("retiredAt", Dates.of(now)));
    return mongo.findOneAndUpdate(TOKENS, query, update)
        .recover(StoreErrors.unavailable("refresh token rotation"));
  }

  /** The token document in any state, or {@code null}. */
  public Future<JsonObject> findToken(String tokenHash) {
    return mongo.findOne(TOKENS, new JsonObject().put("_id", tokenHash), null)
        .recover(StoreErrors.unavailable("refresh token lookup"));
  }

  /** The session, or {@code null}. */
  public Future<Session> findSession(String sessionId) {
    return mongo.findOne(SESSIONS, new JsonObject().put("_id", sessionId), null)
        .map(doc -> doc == null ? null : Session.fromDocument(doc))
        .recover(StoreErrors.unavailable("session lookup"));
  }

  /** Revokes the session and every still-active refresh token of it. */
  public Future<Void> revokeSession(String sessionId, String reason) {
    return revoke(new JsonObject().put("_id", sessionId),
        new JsonObject().put("sessionId", sessionId), reason);
  }

  /** Revokes every session of a user (disabled by an admin). */
  public Future<Void> revokeUserSessions(String userId, String reason) {
    return revoke(new JsonObject().put("userId", userId),
        new JsonObject().put("userId", userId), reason);
  }

  private Future<Void> revoke(JsonObject sessions, JsonObject tokens, String reason) {
    UpdateOptions many = new UpdateOptions().setMulti(true);
    Instant now = Instant.now();
    JsonObject revokeSessions = new JsonObject().put("$set", new JsonObject()
        .put("revoked", true)
        .put("revokedReason", reason)
        .put("revokedAt", Dates.of(now)));
    JsonObject revokeTokens = new JsonObject().put("$set", new JsonObject().put("state", REVOKED));
    // Session first: it is the authority a refresh checks, so the family is dead from here on.
    return mongo.updateCollectionWithOptions(SESSIONS, sessions.copy().put("revoked", false),
            revokeSessions, many)
        .compose(r -> mongo.updateCollectionWithOptions(TOKENS, tokens.copy().put("state", ACTIVE),
            revokeTokens, many))
        .<Void>mapEmpty()
        .recover(StoreErrors.unavailable("session revocation"));
  }
}
