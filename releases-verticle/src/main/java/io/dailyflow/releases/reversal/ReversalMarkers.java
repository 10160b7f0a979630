package io.dailyflow.releases.reversal;

import io.dailyflow.releases.RedisOutages;
import io.vertx.core.Future;
import io.vertx.redis.client.RedisAPI;
import java.util.List;

/**
 * "A reversal of this release was accepted": a Redis marker set with {@code SET NX EX} before the
 * reversal is published, so a second reversal gets its 409 before the first is recorded (after
 * that, MongoDB answers). Without Redis every reversal passes here; the deterministic reversal id
 * still makes racing reversals one release.
 */
public final class ReversalMarkers {

  private static final String PREFIX = "dailyflow:releases:reversed:";

  private final RedisAPI redis;
  private final String ttlSeconds;
  private final RedisOutages outages;

  public ReversalMarkers(RedisAPI redis, int ttlSeconds, long timeoutMs) {
    this.redis = redis;
    this.ttlSeconds = Integer.toString(ttlSeconds);
    this.outages = new RedisOutages(timeoutMs);
  }

  /** True if this call placed the marker (or Redis is down); false if one was there already. */
  public Future<Boolean> mark(String originalId, String reversalId, String requestId) {
    return outages.guard(
        redis.set(List.of(PREFIX + originalId, reversalId, "NX", "EX", ttlSeconds))
            .map(set -> set != null),
        true, "checking that release " + originalId + " is not being reversed", requestId);
  }

  /** Removes the marker after a reversal that did not reach the queue, so it can be retried. */
  public Future<Void> unmark(String originalId, String requestId) {
    return outages.guard(redis.del(List.of(PREFIX + originalId)).<Void>mapEmpty(), null,
        "releasing the reversal marker of " + originalId, requestId);
  }
}
