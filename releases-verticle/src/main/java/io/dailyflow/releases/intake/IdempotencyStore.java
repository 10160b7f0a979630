package io.dailyflow.releases.intake;

import io.dailyflow.releases.RedisOutages;
import io.vertx.core.Future;
import io.vertx.core.json.JsonObject;
import io.vertx.redis.client.RedisAPI;
import io.vertx.redis.client.Response;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * Remembers, per idempotent release id, the canonical body hash and the business date and
 * acceptance instant of the first request, for {@code releases.idempotency-ttl-seconds} (24 h):
 * {@code SET NX EX}, then {@code GET} when the key exists. A retry with the same body gets the
 * first request's date back (so every copy of the message is the same release); a different body
 * is a conflict. Without Redis the claim is {@link Outcome#UNKNOWN}: accepted, deduplicated later
 * by the consumer through the deterministic id, but no 409 can be detected.
 *
 * <p>Known limit: a key reused with a different body after the TTL (or while Redis is down) is
 * answered 202 with the first release's id, and the consumer keeps the first body. Clients must
 * use a new key per release, as the contract says.
 */
public final class IdempotencyStore {

  private static final String PREFIX = "dailyflow:releases:idem:";

  /** What Redis says about an idempotent request. */
  public enum Outcome { NEW, REPLAY, CONFLICT, UNKNOWN }

  /** The outcome and the business date and instant the release must carry. */
  public record Claim(Outcome outcome, LocalDate date, Instant acceptedAt) {
  }

  private final RedisAPI redis;
  private final String ttlSeconds;
  private final RedisOutages outages;

  public IdempotencyStore(RedisAPI redis, int ttlSeconds, long timeoutMs) {
    this.redis = redis;
    this.ttlSeconds = Integer.toString(ttlSeconds);
    this.outages = new RedisOutages(timeoutMs);
  }

  /** Claims {@code releaseId} for a body; {@code date} and {@code acceptedAt} are used if new. */
  public Future<Claim> claim(String releaseId, String bodyHash, LocalDate date,
      Instant acceptedAt, String requestId) {
    Claim fresh = new Claim(Outcome.NEW, date, acceptedAt);
    String value = new JsonObject().put("hash", bodyHash).put("date", date.toString())
        .put("acceptedAt", acceptedAt.toString()).encode();
    Future<Claim> call = redis.set(List.of(PREFIX + releaseId, value, "NX", "EX", ttlSeconds))
        .compose(set -> set != null ? Future.succeededFuture(fresh)
            : redis.get(PREFIX + releaseId).map(stored -> compare(stored, bodyHash, fresh)));
    return outages.guard(call, new Claim(Outcome.UNKNOWN, date, acceptedAt),
        "accepting idempotent release " + releaseId, requestId);
  }

  private static Claim compare(Response stored, String bodyHash, Claim fresh) {
    if (stored == null) {
      return fresh; // expired between SET and GET
    }
    JsonObject first = new JsonObject(stored.toString());
    if (!bodyHash.equals(first.getString("hash"))) {
      return new Claim(Outcome.CONFLICT, fresh.date(), fresh.acceptedAt());
    }
    return new Claim(Outcome.REPLAY, LocalDate.parse(first.getString("date")),
        Instant.parse(first.getString("acceptedAt")));
  }
}
